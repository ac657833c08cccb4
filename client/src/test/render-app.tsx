import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import {
  AxiosError,
  AxiosHeaders,
  type AxiosRequestConfig,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { vi } from 'vitest';
import { AppProvider } from '../app/provider';
import { appRoutes } from '../app/router';
import { apiClient, tokenStorage } from '../lib/api-client';
import type { User } from '../types/api';

export const adminUser: User = {
  id: 1,
  email: 'admin@desk.test',
  username: 'admin',
  full_name: 'Ada Admin',
  role: 'admin',
  sales_team_id: null,
  sales_team_name: null,
  is_active: true,
  created_at: '2026-12-01T10:00:00Z',
};

export const salesUser: User = {
  ...adminUser,
  id: 3,
  username: 'sam',
  full_name: 'Sam Sales',
  role: 'sales_team',
  sales_team_id: 1,
  sales_team_name: 'Team Alpha',
};

export function response<T>(data: T, headers: Record<string, string> = {}): AxiosResponse<T> {
  return { data, status: 200, statusText: 'OK', headers, config: { headers: new AxiosHeaders() } };
}

/** An axios error as the API sends it: status plus `{detail}` body. */
export function apiError(status: number, data: unknown): AxiosError {
  const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;
  return new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_RESPONSE', config, undefined, {
    data,
    status,
    statusText: String(status),
    headers: {},
    config,
  });
}

type GetHandler = (params: Record<string, unknown>) => unknown;

/** Answers GET requests by URL prefix (longest match first); values may be data, a handler or an Error. */
export function mockGet(routes: Record<string, unknown>) {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  return vi.spyOn(apiClient, 'get').mockImplementation(async (url: string, config?: AxiosRequestConfig) => {
    const prefix = prefixes.find((candidate) => url.startsWith(candidate));
    if (prefix === undefined) throw new Error(`unexpected GET ${url}`);
    const value = routes[prefix];
    const result =
      typeof value === 'function' ? (value as GetHandler)((config?.params ?? {}) as Record<string, unknown>) : value;
    if (result instanceof Error) throw result;
    if (result && typeof result === 'object' && 'data' in result && 'headers' in result) return result;
    return response(result, Array.isArray(result) ? { 'x-total-count': String(result.length) } : {});
  });
}

/** The whole app (providers, routes, guards) at `path`, signed in as `user` when given. */
export function renderApp(path: string, { user }: { user?: User } = {}) {
  if (user) tokenStorage.set('test-token');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, router };
}
