import { useState } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { AppLayout } from '../components/layouts/app-layout';
import { paths } from '../config/paths';
import { canManageUsers, canStartRun } from '../lib/authorization';
import { RequireAuth, RequirePermission } from './guards';
import { AccountRoute } from './routes/account';
import { DashboardRoute } from './routes/dashboard';
import { ExceptionsRoute } from './routes/exceptions';
import { FilesRoute } from './routes/files';
import { LoginRoute } from './routes/login';
import { NewRunRoute } from './routes/new-run';
import { RulebookRoute } from './routes/rulebook';
import { RunDetailRoute } from './routes/run-detail';
import { UsersRoute } from './routes/users';

export const appRoutes: RouteObject[] = [
  { path: paths.login.path, element: <LoginRoute /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { path: paths.dashboard.path, element: <DashboardRoute /> },
      {
        path: paths.newRun.path,
        element: (
          <RequirePermission allow={canStartRun}>
            <NewRunRoute />
          </RequirePermission>
        ),
      },
      { path: paths.runDetail.path, element: <RunDetailRoute /> },
      { path: paths.exceptions.path, element: <ExceptionsRoute /> },
      { path: paths.files.path, element: <FilesRoute /> },
      { path: paths.rulebook.path, element: <RulebookRoute /> },
      { path: paths.account.path, element: <AccountRoute /> },
      {
        path: paths.users.path,
        element: (
          <RequirePermission allow={canManageUsers}>
            <UsersRoute />
          </RequirePermission>
        ),
      },
      { path: '*', element: <Navigate to={paths.dashboard.getHref()} replace /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(appRoutes));
  return <RouterProvider router={router} />;
}
