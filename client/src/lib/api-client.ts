import axios from 'axios';

/** The one HTTP client: same-origin in production (the API serves the app), proxied by Vite in dev. */
export const apiClient = axios.create({ baseURL: '/', timeout: 30_000 });

export function errorMessage(error: unknown): string {
  if (axios.isAxiosError(error)) {
    const detail = (error.response?.data as { detail?: unknown } | undefined)?.detail;
    if (typeof detail === 'string') return detail;
    if (Array.isArray(detail)) return detail.map((item: { msg?: string }) => item.msg ?? String(item)).join('; ');
    return error.response ? `Request failed (${error.response.status})` : 'The server could not be reached';
  }
  return error instanceof Error ? error.message : String(error);
}
