import { Fragment, useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { Pagination } from '../../../components/ui/pagination';
import { formatDateTime } from '../../../lib/format';
import type { Role, SalesTeam } from '../../../types/api';
import { useUsers } from '../api/get-users';
import { EditUserForm } from './edit-user-form';

const PAGE_SIZE = 25;

export function UsersList({ teams }: { teams: SalesTeam[] }) {
  const [role, setRole] = useState<Role | ''>('');
  const [teamId, setTeamId] = useState('');
  const [skip, setSkip] = useState(0);
  const [editing, setEditing] = useState<number | null>(null);
  const users = useUsers({ skip, limit: PAGE_SIZE, role, sales_team_id: teamId ? Number(teamId) : '' });

  return (
    <section className="panel" aria-labelledby="users-title">
      <div className="panel-header">
        <h2 id="users-title">Users</h2>
        <div className="filters-inline">
          <label className="inline-field">
            Filter by role
            <select
              value={role}
              onChange={(event) => {
                setRole(event.target.value as Role | '');
                setSkip(0);
              }}
            >
              <option value="">All roles</option>
              <option value="admin">admin</option>
              <option value="analyst">analyst</option>
              <option value="sales_team">sales_team</option>
            </select>
          </label>
          <label className="inline-field">
            Filter by team
            <select
              value={teamId}
              onChange={(event) => {
                setTeamId(event.target.value);
                setSkip(0);
              }}
            >
              <option value="">All teams</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {users.isPending ? (
        <Loading label="Loading users…" />
      ) : users.isError ? (
        <ErrorAlert error={users.error} title="Could not load users" />
      ) : users.data.items.length === 0 ? (
        <EmptyState title="No users match these filters." />
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Team</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((user) => (
                  <Fragment key={user.id}>
                    <tr className={user.is_active ? '' : 'row-quiet'}>
                      <td className="mono">{user.username}</td>
                      <td>{user.full_name ?? '—'}</td>
                      <td>{user.email}</td>
                      <td>{user.role}</td>
                      <td>{user.sales_team_name ?? '—'}</td>
                      <td>{user.is_active ? 'active' : 'inactive'}</td>
                      <td>{formatDateTime(user.created_at)}</td>
                      <td>
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={`Edit ${user.username}`}
                          onClick={() => setEditing(editing === user.id ? null : user.id)}
                        >
                          Edit
                        </button>
                      </td>
                    </tr>
                    {editing === user.id && (
                      <tr>
                        <td colSpan={8}>
                          <EditUserForm user={user} teams={teams} onDone={() => setEditing(null)} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            total={users.data.total}
            skip={skip}
            limit={PAGE_SIZE}
            onSkipChange={setSkip}
            label="Users pages"
          />
        </>
      )}
    </section>
  );
}
