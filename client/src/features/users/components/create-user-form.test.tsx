import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '../../../lib/api-client';
import { adminUser, apiError, mockGet, renderApp, response } from '../../../test/render-app';

describe('Create user', () => {
  afterEach(() => vi.restoreAllMocks());

  it('when the API answers 422, then each message shows beside its field', async () => {
    mockGet({
      '/api/auth/me': adminUser,
      '/api/sales-teams': [{ id: 1, name: 'Team Alpha' }],
      '/api/auth/users': [adminUser],
    });
    vi.spyOn(apiClient, 'post').mockRejectedValue(
      apiError(422, {
        detail: [
          { loc: ['body', 'email'], msg: 'email is not a valid address', type: 'invalid_format' },
          { loc: ['body', 'password'], msg: 'password must be at least 10 characters', type: 'too_small' },
        ],
      }),
    );
    renderApp('/users', { user: adminUser });
    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'ana' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'bad' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));

    expect(await screen.findByText('email is not a valid address')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('password must be at least 10 characters');
    expect(screen.getByLabelText('Username')).not.toHaveAttribute('aria-invalid');
  });

  it('when the user is created, then it confirms and sends the form fields', async () => {
    mockGet({
      '/api/auth/me': adminUser,
      '/api/sales-teams': [{ id: 1, name: 'Team Alpha' }],
      '/api/auth/users': [adminUser],
    });
    const post = vi.spyOn(apiClient, 'post').mockResolvedValue(response({ ...adminUser, id: 2, username: 'sam' }));
    renderApp('/users', { user: adminUser });
    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'sam' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'sam@desk.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'long-enough-1' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'sales_team' } });
    fireEvent.change(screen.getByLabelText('Sales team'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User sam created.')).toBeInTheDocument();
    expect(post).toHaveBeenCalledWith('/api/auth/register', {
      username: 'sam',
      email: 'sam@desk.test',
      full_name: null,
      password: 'long-enough-1',
      role: 'sales_team',
      sales_team_id: 1,
    });
  });
});
