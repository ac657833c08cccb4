import axios, { type AxiosResponse } from 'axios';
import type { Page } from '../types/api';

const TOKEN_KEY = 'loan-engine.token';

export const tokenStorage = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** The one HTTP client: same-origin in production (the API serves the app), proxied by Vite in dev. */
export const apiClient = axios.create({ baseURL: '/', timeout: 30_000 });

apiClient.interceptors.request.use((config) => {
  const token = tokenStorage.get();
  if (token) config.headers.set('Authorization', `Bearer ${token}`);
  return config;
});

let onUnauthorized: (() => void) | undefined;

/** The auth provider registers what a 401 means for the app (sign out, back to the login page). */
export function setUnauthorizedHandler(handler: (() => void) | undefined) {
  onUnauthorized = handler;
}

apiClient.interceptors.response.use(undefined, (error: unknown) => {
  // A wrong password on the login form is a 401 too, but it is not a lost session.
  if (axios.isAxiosError(error) && error.response?.status === 401 && !error.config?.url?.endsWith('/auth/login')) {
    tokenStorage.clear();
    onUnauthorized?.();
  }
  return Promise.reject(error);
});

export interface ValidationProblem {
  loc: (string | number)[];
  msg: string;
  type?: string;
}

/** The 422 `detail[]` list, or [] when the error is anything else. */
export function validationProblems(error: unknown): ValidationProblem[] {
  if (!axios.isAxiosError(error) || error.response?.status !== 422) return [];
  const detail = (error.response.data as { detail?: unknown } | undefined)?.detail;
  return Array.isArray(detail) ? (detail as ValidationProblem[]) : [];
}

/** A problem's location without the `body`/`query` prefix: `rules.3.check.op`. */
export function problemPath(problem: ValidationProblem): string {
  const loc = ['body', 'query', 'params'].includes(String(problem.loc[0])) ? problem.loc.slice(1) : problem.loc;
  return loc.join('.');
}

export function errorStatus(error: unknown): number | undefined {
  return axios.isAxiosError(error) ? error.response?.status : undefined;
}

export function errorMessage(error: unknown): string {
  if (axios.isAxiosError(error)) {
    const detail = (error.response?.data as { detail?: unknown } | undefined)?.detail;
    if (typeof detail === 'string') return detail;
    if (Array.isArray(detail))
      return detail
        .map((item: ValidationProblem) => {
          const path = Array.isArray(item.loc) ? problemPath(item) : '';
          return path ? `${path}: ${item.msg}` : item.msg;
        })
        .join('; ');
    return error.response ? `Request failed (${error.response.status})` : 'The server could not be reached';
  }
  return error instanceof Error ? error.message : String(error);
}

/** Reads a list response and its X-Total-Count header. */
export function toPage<T>(response: AxiosResponse<T[]>): Page<T> {
  const header = response.headers['x-total-count'] as string | undefined;
  const total = header == null ? response.data.length : Number(header);
  return { items: response.data, total: Number.isFinite(total) ? total : response.data.length };
}

/** Drops empty filters so they are not sent as `?status=`. */
export function cleanParams<T extends object>(params: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as Partial<T>;
}
