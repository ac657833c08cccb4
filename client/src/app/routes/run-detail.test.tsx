import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminUser, mockGet, renderApp } from '../../test/render-app';
import type { Run, RunSummary } from '../../types/api';

const RUN_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

const run = (overrides: Partial<Run>): Run => ({
  id: 1,
  run_id: RUN_ID,
  status: 'running',
  sales_team_id: null,
  sales_team_name: null,
  total_loans: 0,
  total_balance: 0,
  exceptions_count: 0,
  run_weekday_name: 'Friday',
  pdate: '2026-12-04',
  last_phase: 'eligibility',
  started_at: '2026-12-04T10:00:00Z',
  completed_at: null,
  created_at: '2026-12-04T10:00:00Z',
  irr_target: 8.05,
  folder: '2026-12-04',
  rulebook_version: 1,
  trigger: 'api',
  progress: { phase: 'eligibility', done: 150, total: 300, percent: 42 },
  error: null,
  ...overrides,
});

const summary: RunSummary = {
  run_id: RUN_ID,
  status: 'completed',
  total_loans: 300,
  total_balance: 3_799_970.88,
  exceptions_count: 136,
  summary_available: true,
  eligibility_checks: {
    DQ001: {
      name: 'Required fields present',
      category: 'data_quality',
      action: 'reject',
      failed_count: 2,
      failed_balance: 8219.52,
    },
  },
  dispositions: {
    purchase: { count: 177, balance: 2_366_181.76 },
    hold: { count: 92, balance: 1_025_918.18 },
    reject: { count: 31, balance: 407_870.94 },
  },
  purchase_pool: {
    count: 177,
    balance: 2_366_181.76,
    total_purchase_price: 2_565_588.94,
    wa_price_pct: 108.4274,
    wa_interest_rate: 12.4991,
    wa_fico: 696.5388,
    wa_dti: 20.3472,
    wa_remaining_term: 40.4,
    wa_original_term: 43.2,
    wa_loan_age_months: 2.8,
    wal_years: 1.8624,
  },
  portfolio_tests: [
    {
      id: 'PT001',
      name: 'WA FICO at least 700',
      metric: 'wa_fico',
      op: 'gte',
      threshold: 700,
      value: 696.5,
      pass: false,
    },
  ],
};

describe('Run detail', () => {
  afterEach(() => vi.restoreAllMocks());

  it('while the run is running, then it shows the phase and progress; once completed, the summary', async () => {
    let polls = 0;
    mockGet({
      '/api/auth/me': adminUser,
      [`/api/runs/${RUN_ID}/notebook-outputs`]: [
        {
          output_key: 'purchase_file_csv',
          file_name: 'purchase_file.csv',
          path: 'x',
          size: 2048,
          content_type: 'text/csv',
          created_at: '',
        },
      ],
      [`/api/runs/${RUN_ID}`]: () => {
        polls += 1;
        return polls === 1
          ? run({})
          : run({ status: 'completed', progress: { phase: 'done', done: 0, total: 0, percent: 100 } });
      },
      [`/api/summary/${RUN_ID}`]: summary,
      '/api/loans': [],
      '/api/exceptions': [],
    });
    renderApp(`/runs/${RUN_ID}`, { user: adminUser });

    const bar = await screen.findByRole('progressbar', { name: 'Run progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '42');
    expect(screen.getByText(/Phase: eligibility/)).toBeInTheDocument();

    expect(await screen.findByRole('heading', { name: 'Summary' }, { timeout: 4_000 })).toBeInTheDocument();
    expect(screen.queryByRole('progressbar', { name: 'Run progress' })).not.toBeInTheDocument();
    expect(screen.getByText('$3,799,970.88')).toBeInTheDocument();
    expect(screen.getByText('$2,565,588.94')).toBeInTheDocument();
    expect(screen.getByText('108.4274%')).toBeInTheDocument();
    expect(screen.getByText('Required fields present')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Download purchase_file.csv' })).toBeInTheDocument();
  });

  it('when the run failed, then it shows the error message and phase', async () => {
    mockGet({
      '/api/auth/me': adminUser,
      [`/api/runs/${RUN_ID}`]: run({
        status: 'failed',
        error: { message: 'no loan rows in tape.csv', phase: 'ingest' },
      }),
    });
    renderApp(`/runs/${RUN_ID}`, { user: adminUser });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The run failed in phase “ingest”');
    expect(alert).toHaveTextContent('no loan rows in tape.csv');
  });
});
