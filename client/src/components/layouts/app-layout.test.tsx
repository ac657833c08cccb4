import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminUser, mockGet, renderApp, salesUser } from '../../test/render-app';

describe('Navigation', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it('when an admin signs in, then every page is in the menu', async () => {
    mockGet({ '/api/auth/me': adminUser, '/api/runs': [] });
    renderApp('/', { user: adminUser });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const names = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(names).toEqual(['Dashboard', 'New run', 'Exceptions', 'Files', 'Rulebook', 'Users']);
    expect(screen.getByRole('link', { name: 'Start a new run' })).toBeInTheDocument();
  });

  it('when a sales-team user signs in, then there is no New run or Users, and Files shows only output_share', async () => {
    mockGet({
      '/api/auth/me': salesUser,
      '/api/runs': [],
      '/api/files/list': { files: [], area: 'output_share', path: '' },
    });
    const { router } = renderApp('/', { user: salesUser });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'New run' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Start a new run' })).not.toBeInTheDocument();

    await router.navigate('/files');
    const areas = await screen.findByRole('group', { name: 'Storage area' });
    expect(
      within(areas)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Output share']);
    expect(screen.queryByText(/choose files to upload/)).not.toBeInTheDocument();
  });

  it('when a sales-team user opens the users page by URL, then access is refused', async () => {
    mockGet({ '/api/auth/me': salesUser });
    renderApp('/users', { user: salesUser });
    expect(await screen.findByRole('alert')).toHaveTextContent('does not have access');
  });
});
