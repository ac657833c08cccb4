import { ChangePasswordForm } from '../../features/auth/components/change-password-form';
import { useUser } from '../../lib/auth';

export function AccountRoute() {
  const user = useUser();
  return (
    <>
      <div className="page-header">
        <h1>Your account</h1>
      </div>
      <dl className="panel account-details">
        <dt>Username</dt>
        <dd>{user.username}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{user.role.replace('_', ' ')}</dd>
        {user.sales_team_name && (
          <>
            <dt>Sales team</dt>
            <dd>{user.sales_team_name}</dd>
          </>
        )}
      </dl>
      <ChangePasswordForm />
    </>
  );
}
