import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '../../../lib/api-client';
import { adminUser, apiError, mockGet, renderApp } from '../../../test/render-app';

const current = {
  version: 3,
  name: 'Default',
  comment: null,
  created_at: '2026-12-01T10:00:00Z',
  created_by: null,
  rulebook: {
    name: 'Default',
    version: 3,
    rules: [
      {
        id: 'CR001',
        name: 'FICO at least 660',
        category: 'credit',
        action: 'reject',
        check: { op: 'gte', field: 'fico', value: 660 },
      },
    ],
    concentration_limits: [],
    portfolio_tests: [],
    pricing: { cpr_pct: 0 },
  },
};

async function openEditorAndSave() {
  fireEvent.click(await screen.findByRole('button', { name: 'Edit rulebook' }));
  fireEvent.click(screen.getByRole('button', { name: 'Save new version' }));
}

describe('Rulebook editor', () => {
  afterEach(() => vi.restoreAllMocks());

  it('when someone saved in between (409), then it says the rulebook changed and offers to reload', async () => {
    mockGet({ '/api/auth/me': adminUser, '/api/config/rulebook/history': [], '/api/config/rulebook': current });
    const put = vi.spyOn(apiClient, 'put').mockRejectedValue(
      apiError(409, {
        detail:
          'The rulebook changed since version 3 was loaded (current: version 4); reload and apply your edit again',
      }),
    );
    renderApp('/rulebook', { user: adminUser });
    expect(await screen.findByText('FICO at least 660')).toBeInTheDocument();
    await openEditorAndSave();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The rulebook has changed since you loaded version 3.');
    expect(alert).toHaveTextContent('current: version 4');
    expect(screen.getByRole('button', { name: 'Load the latest version' })).toBeInTheDocument();
    expect(put).toHaveBeenCalledWith(
      '/api/config/rulebook',
      expect.objectContaining({ version: 3 }),
      expect.anything(),
    );
  });

  it('when the API finds problems (422), then it lists them by path', async () => {
    mockGet({ '/api/auth/me': adminUser, '/api/config/rulebook/history': [], '/api/config/rulebook': current });
    vi.spyOn(apiClient, 'put').mockRejectedValue(
      apiError(422, {
        detail: [{ loc: ['body', 'rules', 0, 'check', 'op'], msg: 'unknown op "bogus"', type: 'invalid_value' }],
      }),
    );
    renderApp('/rulebook', { user: adminUser });
    await openEditorAndSave();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('rules.0.check.op: unknown op "bogus"');
  });

  it('when an analyst opens the rulebook, then it is read-only', async () => {
    mockGet({
      '/api/auth/me': { ...adminUser, role: 'analyst' },
      '/api/config/rulebook/history': [],
      '/api/config/rulebook': current,
    });
    renderApp('/rulebook', { user: { ...adminUser, role: 'analyst' } });
    expect(await screen.findByText('FICO at least 660')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit rulebook' })).not.toBeInTheDocument();
  });
});
