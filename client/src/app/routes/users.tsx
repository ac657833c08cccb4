import { useSalesTeams } from '../../api/get-sales-teams';
import { ErrorAlert } from '../../components/ui/error-alert';
import { Loading } from '../../components/ui/loading';
import { CreateUserForm } from '../../features/users/components/create-user-form';
import { UsersList } from '../../features/users/components/users-list';

export function UsersRoute() {
  const teams = useSalesTeams();
  return (
    <>
      <h1>Users</h1>
      {teams.isPending ? (
        <Loading label="Loading sales teams…" />
      ) : teams.isError ? (
        <ErrorAlert error={teams.error} title="Could not load sales teams" />
      ) : (
        <>
          <CreateUserForm teams={teams.data} />
          <UsersList teams={teams.data} />
        </>
      )}
    </>
  );
}
