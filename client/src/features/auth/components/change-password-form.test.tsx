import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient, tokenStorage } from '../../../lib/api-client';
import { adminUser, apiError, mockGet, renderApp, response } from '../../../test/render-app';

function fill(current: string, next: string, confirm = next) {
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('Account: change password', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it('when the change succeeds, then the fresh token replaces the old one and it says so', async () => {
    tokenStorage.set('old-token');
    mockGet({ '/api/auth/me': adminUser });
    const post = vi
      .spyOn(apiClient, 'post')
      .mockResolvedValue(response({ access_token: 'new-token', token_type: 'bearer', expires_in: 60 }));
    renderApp('/account');
    await screen.findByRole('heading', { name: 'Your account' });
    fill('changeme-old-1', 'a-new-password-1');
    expect(await screen.findByRole('status')).toHaveTextContent('Your password was changed.');
    expect(post).toHaveBeenCalledWith('/api/auth/change-password', {
      current_password: 'changeme-old-1',
      new_password: 'a-new-password-1',
    });
    expect(tokenStorage.get()).toBe('new-token');
  });

  it('when the passwords do not match or the current one is wrong, then it says why and keeps the token', async () => {
    tokenStorage.set('old-token');
    mockGet({ '/api/auth/me': adminUser });
    const post = vi.spyOn(apiClient, 'post').mockRejectedValue(
      apiError(422, {
        detail: [{ loc: ['body', 'current_password'], msg: 'The current password is incorrect', type: 'value_error' }],
      }),
    );
    renderApp('/account');
    await screen.findByRole('heading', { name: 'Your account' });
    fill('whatever-123', 'a-new-password-1', 'a-different-one-2');
    expect(await screen.findByRole('alert')).toHaveTextContent('The new passwords do not match.');
    expect(post).not.toHaveBeenCalled();
    fill('wrong-current-1', 'a-new-password-1');
    expect(await screen.findByRole('alert')).toHaveTextContent('The current password is incorrect');
    expect(tokenStorage.get()).toBe('old-token');
  });
});
