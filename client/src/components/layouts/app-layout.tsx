import { Link, NavLink, Outlet } from 'react-router-dom';
import { paths } from '../../config/paths';
import { useAuth, useUser } from '../../lib/auth';
import { canManageUsers, canStartRun } from '../../lib/authorization';

export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const links = [
    { to: paths.dashboard.getHref(), label: 'Dashboard', show: true, end: true },
    { to: paths.newRun.getHref(), label: 'New run', show: canStartRun(user), end: true },
    { to: paths.exceptions.getHref(), label: 'Exceptions', show: true, end: false },
    { to: paths.files.getHref(), label: 'Files', show: true, end: false },
    { to: paths.rulebook.getHref(), label: 'Rulebook', show: true, end: false },
    { to: paths.users.getHref(), label: 'Users', show: canManageUsers(user), end: false },
  ];
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Loan Engine</span>
        <nav aria-label="Main" className="main-nav">
          {links
            .filter((link) => link.show)
            .map((link) => (
              <NavLink key={link.to} to={link.to} end={link.end}>
                {link.label}
              </NavLink>
            ))}
        </nav>
        <div className="account">
          <Link className="account-name" to={paths.account.getHref()} title="Your account">
            {user.full_name ?? user.username}
            <span className="account-role">
              {user.role.replace('_', ' ')}
              {user.sales_team_name ? ` · ${user.sales_team_name}` : ''}
            </span>
          </Link>
          <button type="button" className="button-secondary" onClick={logout}>
            Log out
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
