import { Navigate, useLocation } from 'react-router-dom';
import { paths } from '../../config/paths';
import { LoginForm } from '../../features/auth/components/login-form';
import { SystemStatus } from '../../features/status/system-status';
import { useAuth } from '../../lib/auth';

export function LoginRoute() {
  const { user } = useAuth();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  if (user) return <Navigate to={from ?? paths.dashboard.getHref()} replace />;
  return (
    <main className="login-page">
      <LoginForm />
      <SystemStatus />
    </main>
  );
}
