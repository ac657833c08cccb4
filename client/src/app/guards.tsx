import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/ui/loading';
import { paths } from '../config/paths';
import { useAuth } from '../lib/auth';
import type { User } from '../types/api';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading label="Checking your session…" />;
  if (!user) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={paths.login.getHref()} replace state={{ from }} />;
  }
  return children;
}

/** Pages a role may not use explain themselves instead of rendering a broken screen. */
export function RequirePermission({ allow, children }: { allow: (user: User) => boolean; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !allow(user))
    return (
      <div role="alert" className="alert alert-error">
        Your role ({user?.role ?? 'none'}) does not have access to this page.
      </div>
    );
  return children;
}
