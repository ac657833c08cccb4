import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient, tokenStorage } from '../../../lib/api-client';
import { adminUser, apiError, mockGet, renderApp, response } from '../../../test/render-app';

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('Login', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it('when the credentials are right, then it stores the token and opens the dashboard', async () => {
    mockGet({
      '/health/ready': { status: 'ready', database: 'connected', timestamp: '2026-12-04T10:00:00Z' },
      '/api/runs': [],
    });
    const post = vi
      .spyOn(apiClient, 'post')
      .mockResolvedValue(response({ access_token: 'tok-1', token_type: 'bearer', expires_in: 60, user: adminUser }));
    renderApp('/login');
    signIn('admin', 'changeme');
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(post).toHaveBeenCalledWith('/api/auth/login', { username: 'admin', password: 'changeme' });
    expect(tokenStorage.get()).toBe('tok-1');
  });

  it('when the password is wrong, then it says so and stays on the login page', async () => {
    mockGet({ '/health/ready': { status: 'ready', database: 'connected', timestamp: '2026-12-04T10:00:00Z' } });
    vi.spyOn(apiClient, 'post').mockRejectedValue(apiError(401, { detail: 'Incorrect username or password' }));
    renderApp('/login');
    signIn('admin', 'nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect username or password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(tokenStorage.get()).toBeNull();
  });

  it('when the API answers 401 to a signed-in user, then it signs out and explains why', async () => {
    // At the adapter level, so the real response interceptor sees the 401.
    const adapter = apiClient.defaults.adapter;
    apiClient.defaults.adapter = async (config) => {
      if (config.url === '/api/auth/me') throw apiError(401, { detail: 'Could not validate credentials' });
      return { ...response({ status: 'ready', database: 'connected', timestamp: '2026-12-04T10:00:00Z' }), config };
    };
    try {
      renderApp('/', { user: adminUser });
      expect(await screen.findByText(/Your session has ended/)).toBeInTheDocument();
      expect(screen.getByLabelText('Username')).toBeInTheDocument();
      expect(tokenStorage.get()).toBeNull();
    } finally {
      apiClient.defaults.adapter = adapter;
    }
  });
});
