import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '../../lib/api-client';
import { SystemStatus } from './system-status';

function renderWithClient() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SystemStatus />
    </QueryClientProvider>,
  );
}

describe('SystemStatus', () => {
  afterEach(() => vi.restoreAllMocks());

  it('when the API is ready, then it says the database is connected', async () => {
    vi.spyOn(apiClient, 'get').mockResolvedValue({
      data: { status: 'ready', database: 'connected', timestamp: '2026-12-04T10:00:00Z' },
    });
    renderWithClient();
    expect(await screen.findByText(/API ready · database connected/)).toBeInTheDocument();
  });

  it('when the database is down, then it says unavailable', async () => {
    vi.spyOn(apiClient, 'get').mockResolvedValue({
      data: { status: 'unavailable', database: 'disconnected', timestamp: '2026-12-04T10:00:00Z' },
    });
    renderWithClient();
    expect(await screen.findByText(/API unavailable · database disconnected/)).toBeInTheDocument();
  });
});
