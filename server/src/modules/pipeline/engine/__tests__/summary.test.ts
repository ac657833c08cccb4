import { describe, expect, it } from 'vitest';
import { applyConcentrationLimits } from '../concentration.js';
import { createSummaryAccumulator, type SummaryDecision } from '../summary.js';
import type { Disposition, LoanExceptionRecord, LoanFields, LoanPrice } from '../types.js';
import { defaultRulebook, purchased, rulebookWith } from './decision-factories.js';

function decision(
  fields: LoanFields,
  disposition: Disposition,
  extra: { failed?: string[]; price?: LoanPrice } = {},
): SummaryDecision {
  const base = purchased(fields);
  const failed = extra.failed ?? [];
  const exceptions = failed.map((id): LoanExceptionRecord => ({
    seller_loan_number: base.key,
    exception_type: id,
    exception_category: 'x',
    severity: 'error',
    message: 'm',
    rejection_criteria: 'c',
  }));
  return { ...base, disposition, exceptions, failedRuleIds: failed, price: extra.price };
}
const price = (price_pct: number, purchase_price: number, wal_years: number): LoanPrice => ({
  price: purchase_price,
  price_pct,
  purchase_price,
  wal_years,
});

// The worked pool: three purchased loans (50,000), one held, two rejected.
const WORKED_POOL = [
  decision(
    {
      state: 'CA',
      grade: 'A',
      original_term: 36,
      fico: 700,
      interest_rate: 10,
      dti: 20,
      remaining_term: 30,
      current_balance: 10000,
    },
    'purchase',
    { price: price(102, 10200, 1.5) },
  ),
  decision(
    {
      state: 'CA',
      grade: 'B',
      original_term: 60,
      fico: 760,
      interest_rate: 15,
      dti: 30,
      remaining_term: 55,
      current_balance: 30000,
    },
    'purchase',
    { price: price(104, 31200, 2.5) },
  ),
  // No FICO and no DTI: left out of those averages, numerator and denominator alike.
  decision(
    { state: 'TX', grade: 'B', original_term: 36, interest_rate: 21, remaining_term: 36, current_balance: 10000 },
    'purchase',
    { price: price(110, 11000, 1.2) },
  ),
  decision({ state: 'NY', current_balance: 5000, fico: 500 }, 'hold', { failed: ['SE001'] }),
  decision({ state: 'NY', current_balance: 2000 }, 'reject', { failed: ['DQ001', 'CR001'] }),
  decision({}, 'reject', { failed: ['DQ001'] }), // no balance: a row read, weighing nothing
];

describe('createSummaryAccumulator', () => {
  const book = defaultRulebook();
  const summarise = (decisions: SummaryDecision[], rulebook = book) => {
    const accumulator = createSummaryAccumulator(rulebook);
    for (const each of decisions) accumulator.add(each);
    return accumulator.finish({ runId: 'run-1' });
  };

  it('when the worked pool is summarised, then totals and dispositions add up', () => {
    const summary = summarise(WORKED_POOL);
    expect(summary).toMatchObject({
      run_id: 'run-1',
      rulebook: { name: book.name, version: 1 },
      total_loans: 6,
      total_balance: 57000,
      exceptions_count: 4,
      dispositions: {
        purchase: { count: 3, balance: 50000 },
        hold: { count: 1, balance: 5000 },
        reject: { count: 2, balance: 2000 },
      },
    });
  });

  it('when the worked pool is summarised, then the pool averages are balance-weighted by hand', () => {
    expect(summarise(WORKED_POOL).purchase_pool).toEqual({
      count: 3,
      balance: 50000,
      total_purchase_price: 52400, // 10,200 + 31,200 + 11,000
      wa_price_pct: 104.8, // (102·10k + 104·30k + 110·10k) / 50k
      wa_interest_rate: 15.2, // (10·10k + 15·30k + 21·10k) / 50k
      wa_fico: 745, // (700·10k + 760·30k) / 40k — the loan without FICO is skipped
      wa_dti: 27.5, // (20·10k + 30·30k) / 40k
      wa_remaining_term: 46.2, // (30·10k + 55·30k + 36·10k) / 50k
      wa_original_term: 50.4, // (36·10k + 60·30k + 36·10k) / 50k = 2,520k / 50k
      wa_loan_age_months: null, // no loan has it
      wal_years: 2.04, // (1.5·10k + 2.5·30k + 1.2·10k) / 50k
    });
  });

  it('when rules failed, then every rule is listed with its failed count and balance, zeros included', () => {
    const checks = summarise(WORKED_POOL).eligibility_checks;
    expect(Object.keys(checks)).toEqual(book.rules.map((rule) => rule.id));
    expect(checks.DQ001).toEqual({
      name: 'Required fields present and parseable',
      category: 'data_quality',
      action: 'reject',
      failed_count: 2,
      failed_balance: 2000,
    });
    expect(checks.CR001).toMatchObject({ failed_count: 1, failed_balance: 2000 });
    expect(checks.SE001).toMatchObject({ action: 'hold', failed_count: 1, failed_balance: 5000 });
    expect(checks.GE002).toMatchObject({ failed_count: 0, failed_balance: 0 });
  });

  it('when portfolio tests run, then each reports value, threshold and pass over the final pool', () => {
    const rulebook = rulebookWith({
      portfolio_tests: [
        { id: 'PT001', name: 'WA FICO ≥ 700', metric: 'wa_fico', op: 'gte', value: 700 },
        { id: 'PT004', name: 'WAL ≤ 2 years', metric: 'wal_years', op: 'lte', value: 2 },
        { id: 'PT005', name: 'At least 3 loans', metric: 'purchase_count', op: 'gte', value: 3 },
        { id: 'PT006', name: 'Price ≤ 105%', metric: 'wa_price_pct', op: 'lte', value: 105 },
      ],
    });
    expect(summarise(WORKED_POOL, rulebook).portfolio_tests).toEqual([
      { id: 'PT001', name: 'WA FICO ≥ 700', metric: 'wa_fico', op: 'gte', threshold: 700, value: 745, pass: true },
      { id: 'PT004', name: 'WAL ≤ 2 years', metric: 'wal_years', op: 'lte', threshold: 2, value: 2.04, pass: false },
      {
        id: 'PT005',
        name: 'At least 3 loans',
        metric: 'purchase_count',
        op: 'gte',
        threshold: 3,
        value: 3,
        pass: true,
      },
      {
        id: 'PT006',
        name: 'Price ≤ 105%',
        metric: 'wa_price_pct',
        op: 'lte',
        threshold: 105,
        value: 104.8,
        pass: true,
      },
    ]);
  });

  it('when the worked pool is stratified, then state, grade and term tables match the hand numbers', () => {
    const { stratifications } = summarise(WORKED_POOL);
    expect(stratifications.pool).toBe('purchase');
    expect(stratifications.by_state).toEqual([
      // CA rate (10·10k + 15·30k) / 40k = 13.75
      { bucket: 'CA', count: 2, balance: 40000, share_pct: 80, wa_interest_rate: 13.75, wa_fico: 745 },
      { bucket: 'TX', count: 1, balance: 10000, share_pct: 20, wa_interest_rate: 21, wa_fico: null },
    ]);
    expect(stratifications.by_grade).toEqual([
      { bucket: 'A', count: 1, balance: 10000, share_pct: 20, wa_interest_rate: 10, wa_fico: 700 },
      // B rate (15·30k + 21·10k) / 40k = 16.5; FICO only from the loan that has one
      { bucket: 'B', count: 2, balance: 40000, share_pct: 80, wa_interest_rate: 16.5, wa_fico: 760 },
    ]);
    expect(stratifications.by_term.map((row) => [row.bucket, row.balance, row.wa_interest_rate])).toEqual([
      ['36', 20000, 15.5],
      ['60', 30000, 15],
    ]);
  });

  it('when the worked pool is banded, then FICO and rate bands list every band with unknown last', () => {
    const { stratifications } = summarise(WORKED_POOL);
    const bands = (rows: typeof stratifications.by_fico_band) =>
      rows.map((row) => [row.bucket, row.count, row.share_pct]);
    expect(bands(stratifications.by_fico_band)).toEqual([
      ['<660', 0, 0],
      ['660-699', 0, 0],
      ['700-739', 1, 20], // 700 is the band's lower bound
      ['740-779', 1, 60],
      ['780+', 0, 0],
      ['unknown', 1, 20],
    ]);
    expect(bands(stratifications.by_rate_band)).toEqual([
      ['<8', 0, 0],
      ['8-12', 1, 20],
      ['12-16', 1, 60],
      ['16-20', 0, 0],
      ['20+', 1, 20],
    ]);
  });

  it('when nothing is purchased, then averages are null, tests are not applicable and bands are empty', () => {
    const summary = summarise([decision({ current_balance: 100 }, 'reject', { failed: ['CR001'] })]);
    expect(summary.purchase_pool).toMatchObject({ count: 0, balance: 0, total_purchase_price: 0, wa_fico: null });
    expect(summary.portfolio_tests.map((test) => [test.id, test.value, test.pass])).toEqual([
      ['PT001', null, null],
      ['PT002', null, null],
      ['PT003', null, null],
    ]);
    expect(summary.stratifications.by_fico_band.every((row) => row.count === 0 && row.share_pct === 0)).toBe(true);
    expect(summary.stratifications.by_state).toEqual([]);
  });

  it('when values have long fractions, then they are rounded for display: money to cents, the rest to 4 dp', () => {
    const thirds = [1, 2, 3].map((k) =>
      decision({ current_balance: 1000.004, fico: 700 + k, interest_rate: 10 + k / 3 }, 'purchase', {
        price: price(100, 1000.01, 1),
      }),
    );
    const summary = summarise(thirds);
    expect(summary.total_balance).toBe(3000.01);
    expect(summary.purchase_pool.wa_interest_rate).toBe(10.6667);
    expect(summary.purchase_pool.total_purchase_price).toBe(3000.03);
  });

  it('when a concentration outcome is passed in, then its results appear rounded and without the loan lists', () => {
    const pool = [10, 20, 30].map((k, i) =>
      purchased({ seller_loan_number: `C${i}`, state: i === 0 ? 'TX' : 'CA', current_balance: k * 100 }),
    );
    const limits = [{ id: 'CO001', name: 'state ≤ 90%', dimension: 'state', max_share_pct: 90 }];
    const outcome = applyConcentrationLimits(pool, rulebookWith({ concentration_limits: limits }));
    const accumulator = createSummaryAccumulator(book);
    const summary = accumulator.finish({ concentration: outcome });
    expect(summary.concentration).not.toHaveProperty('kept');
    expect(summary.concentration!.limits[0]!.largest).toEqual({
      bucket: 'CA',
      balance: 5000,
      share_pct: 83.3333,
      pass: true,
    });
    expect(summarise([]).concentration).toBeNull();
  });
});
