import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import type { Role, SalesTeam, User } from '../../../types/api';
import { useUpdateUser, type UpdateUserInput } from '../api/update-user';

export function EditUserForm({ user, teams, onDone }: { user: User; teams: SalesTeam[]; onDone(): void }) {
  const updateUser = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const [teamId, setTeamId] = useState(user.sales_team_id == null ? '' : String(user.sales_team_id));
  const [active, setActive] = useState(user.is_active);
  const [password, setPassword] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes: UpdateUserInput = {};
    if (role !== user.role) changes.role = role;
    const nextTeam = teamId ? Number(teamId) : null;
    if (nextTeam !== user.sales_team_id) changes.sales_team_id = nextTeam;
    if (active !== user.is_active) changes.is_active = active;
    if (password) changes.password = password;
    if (Object.keys(changes).length === 0) return onDone();
    updateUser.mutate({ id: user.id, changes }, { onSuccess: onDone });
  }

  return (
    <form className="edit-user" onSubmit={submit} aria-label={`Edit ${user.username}`}>
      {updateUser.isError && <ErrorAlert error={updateUser.error} title="Not saved" />}
      <label className="inline-field">
        Role
        <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
          <option value="admin">admin</option>
          <option value="analyst">analyst</option>
          <option value="sales_team">sales_team</option>
        </select>
      </label>
      <label className="inline-field">
        Team
        <select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
          <option value="">None</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field checkbox">
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
        Active
      </label>
      <label className="inline-field">
        New password
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          placeholder="leave empty to keep"
        />
      </label>
      <button type="submit" disabled={updateUser.isPending}>
        Save
      </button>
      <button type="button" className="button-secondary" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
