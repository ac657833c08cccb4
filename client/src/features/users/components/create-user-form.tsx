import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import type { Role, SalesTeam } from '../../../types/api';
import { useCreateUser } from '../api/create-user';
import { fieldErrors } from './field-errors';

const TEXT_FIELDS = [
  { name: 'username', label: 'Username', type: 'text', autoComplete: 'off' },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'off' },
  { name: 'full_name', label: 'Full name', type: 'text', autoComplete: 'off' },
  { name: 'password', label: 'Password', type: 'password', autoComplete: 'new-password' },
] as const;

type TextField = (typeof TEXT_FIELDS)[number]['name'];

export function CreateUserForm({ teams }: { teams: SalesTeam[] }) {
  const createUser = useCreateUser();
  const empty = { username: '', email: '', full_name: '', password: '' };
  const [values, setValues] = useState<Record<TextField, string>>(empty);
  const [role, setRole] = useState<Role>('analyst');
  const [teamId, setTeamId] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const errors = fieldErrors(createUser.error);
  const known = new Set<string>([...TEXT_FIELDS.map((field) => field.name), 'role', 'sales_team_id']);
  const otherErrors = Object.entries(errors).filter(([field]) => !known.has(field));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    createUser.mutate(
      {
        username: values.username.trim(),
        email: values.email.trim(),
        full_name: values.full_name.trim() || null,
        password: values.password,
        role,
        sales_team_id: teamId ? Number(teamId) : null,
      },
      {
        onSuccess: (user) => {
          setCreated(user.username);
          setValues(empty);
          setTeamId('');
        },
      },
    );
  }

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="create-user-title" noValidate>
      <h2 id="create-user-title">Create a user</h2>
      {created && (
        <p role="status" className="alert alert-success">
          User {created} created.
        </p>
      )}
      {createUser.isError && Object.keys(errors).length === 0 && (
        <ErrorAlert error={createUser.error} title="The user was not created" />
      )}
      {otherErrors.length > 0 && (
        <div role="alert" className="alert alert-error">
          {otherErrors.map(([field, message]) => (
            <div key={field}>
              {field}: {message}
            </div>
          ))}
        </div>
      )}
      <div className="form-grid">
        {TEXT_FIELDS.map((field) => (
          <div key={field.name} className="field">
            <label>
              {field.label}
              <input
                name={field.name}
                type={field.type}
                autoComplete={field.autoComplete}
                value={values[field.name]}
                onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
                aria-invalid={errors[field.name] ? true : undefined}
                aria-describedby={errors[field.name] ? `create-user-${field.name}-error` : undefined}
              />
            </label>
            {errors[field.name] && (
              <span id={`create-user-${field.name}-error`} className="field-error">
                {errors[field.name]}
              </span>
            )}
          </div>
        ))}
        <div className="field">
          <label>
            Role
            <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
              <option value="analyst">analyst</option>
              <option value="sales_team">sales_team</option>
              <option value="admin">admin</option>
            </select>
          </label>
          {errors.role && <span className="field-error">{errors.role}</span>}
        </div>
        <div className="field">
          <label>
            Sales team
            <select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
              <option value="">None</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
          {errors.sales_team_id && <span className="field-error">{errors.sales_team_id}</span>}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={createUser.isPending}>
          {createUser.isPending ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
