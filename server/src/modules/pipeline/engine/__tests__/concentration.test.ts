import { describe, expect, it } from 'vitest';
import { applyConcentrationLimits } from '../concentration.js';
import type { ConcentrationLimit } from '../rulebook.schema.js';
import type { LoanDecision } from '../rules.js';
import type { LoanFields } from '../types.js';
import { purchased, rulebookWith } from './decision-factories.js';

type Row = [key: string, balance: number, fields?: LoanFields];
const pool = (rows: Row[]) =>
  rows.map(([key, balance, fields], index) =>
    purchased({ seller_loan_number: key, current_balance: balance, ...fields }, index + 1),
  );
const limitsBook = (limits: unknown[], min = 0) =>
  rulebookWith({ concentration_limits: limits, concentration_min_pool_balance: min });
const keys = (decisions: LoanDecision[]) => decisions.map((d) => d.key);

const STATE_LIMIT = (pct: number, id = 'CO001') => ({
  id,
  name: `Any state at most ${pct}%`,
  dimension: 'state',
  max_share_pct: pct,
});
const GRADE_E_G = {
  id: 'CO002',
  name: 'E-G at most 20%',
  dimension: 'grade',
  values: ['E', 'F', 'G'],
  max_share_pct: 20,
};

describe('applyConcentrationLimits', () => {
  it('when CA is 300 of 450 (66.7%) against a 50% limit, then the two greatest CA loan numbers are held', () => {
    // Pool 450: CA cap 225, excess 75 → hold L3 (greatest CA number). Pool 350: CA 200, cap 175 → hold L2.
    // Pool 250: CA 100 ≤ 125, TX 100 ≤ 125, NY 50 → done.
    const loans = pool([
      ['L1', 100, { state: 'CA' }],
      ['L2', 100, { state: 'CA' }],
      ['L3', 100, { state: 'CA' }],
      ['L4', 100, { state: 'TX' }],
      ['L5', 50, { state: 'NY' }],
    ]);
    const outcome = applyConcentrationLimits(loans, limitsBook([STATE_LIMIT(50)]));
    expect(keys(outcome.held)).toEqual(['L3', 'L2']);
    expect(keys(outcome.kept)).toEqual(['L1', 'L4', 'L5']);
    expect(outcome).toMatchObject({ enforced: true, pool_balance_before: 450, pool_balance_after: 250 });
    const [held] = outcome.held;
    expect(held!.disposition).toBe('hold');
    expect(held!.exceptions).toEqual([
      {
        seller_loan_number: 'L3',
        exception_type: 'CO001',
        exception_category: 'concentration',
        severity: 'warning',
        message: 'state CA was 66.67% of the purchase pool balance (limit 50%); loan held to bring it down',
        rejection_criteria: 'Any state at most 50% (state CA <= 50%)',
      },
    ]);
    expect(outcome.limits[0]).toMatchObject({
      id: 'CO001',
      pass: true,
      removed_count: 2,
      removed_balance: 200,
      bucket_count: 3,
      largest: { bucket: 'CA', balance: 100, share_pct: 40, pass: true },
    });
    // Ties on balance in the report are listed in bucket order.
    expect(outcome.limits[0]!.buckets.map((b) => b.bucket)).toEqual(['CA', 'TX', 'NY']);
  });

  it('when the pool is below concentration_min_pool_balance, then nothing is trimmed and the breach is reported', () => {
    const loans = pool([
      ['A', 300_000, { state: 'CA' }],
      ['B', 100_000, { state: 'TX' }],
    ]);
    const outcome = applyConcentrationLimits(loans, limitsBook([STATE_LIMIT(25)], 500_000));
    expect(outcome.held).toEqual([]);
    expect(outcome.enforced).toBe(false);
    expect(outcome.limits[0]).toMatchObject({
      pass: false,
      removed_count: 0,
      largest: { bucket: 'CA', share_pct: 75 },
    });
  });

  it('when two limits breach by different amounts, then the larger dollar excess goes first, until the pool drops below the minimum', () => {
    // Pool 1,050. CO001 CA = A01 300 + A02 200 = 500 vs cap 420 → excess 80.
    //            CO002 E–G = A02 200 + A03 150 = 350 vs cap 210 → excess 140 → CO002 wins: hold A03.
    // Pool 900.  CA 500 vs 360 → 140; E–G 200 vs 180 → 20 → CO001: hold A02 (greater than A01).
    // Pool 700.  CA 300 vs 280 → 20 → CO001: hold A01.
    // Pool 400 < minimum 500 → stop, although NY and TX are now 50% each.
    const loans = pool([
      ['A01', 300, { state: 'CA', grade: 'A' }],
      ['A02', 200, { state: 'CA', grade: 'E' }],
      ['A03', 150, { state: 'TX', grade: 'E' }],
      ['A04', 200, { state: 'NY', grade: 'B' }],
      ['A05', 200, { state: 'TX', grade: 'A' }],
    ]);
    const outcome = applyConcentrationLimits(loans, limitsBook([STATE_LIMIT(40), GRADE_E_G], 500));
    expect(keys(outcome.held)).toEqual(['A03', 'A02', 'A01']);
    expect(outcome.held.map((d) => d.exceptions[0]!.exception_type)).toEqual(['CO002', 'CO001', 'CO001']);
    expect(outcome.pool_balance_after).toBe(400);
    expect(outcome.limits.map((l) => [l.id, l.pass, l.removed_count])).toEqual([
      ['CO001', false, 2],
      ['CO002', true, 1],
    ]);
    expect(outcome.limits[1]!.buckets).toEqual([{ bucket: 'E, F, G', balance: 0, share_pct: 0, pass: true }]);
  });

  it('when two limits breach by the same dollars, then the lower limit id goes first', () => {
    // Pool 1,000: CA 500 vs cap 400 → 100; E–G 300 vs cap 200 → 100. Tie → CO001: hold A02 (CA).
    // Pool 800: CA 300 ≤ 320, E–G 100 ≤ 160 → done.
    const loans = pool([
      ['A01', 300, { state: 'CA', grade: 'A' }],
      ['A02', 200, { state: 'CA', grade: 'E' }],
      ['A03', 100, { state: 'TX', grade: 'E' }],
      ['A04', 200, { state: 'NY', grade: 'B' }],
      ['A05', 200, { state: 'TX', grade: 'A' }],
    ]);
    // Listed CO002 first on purpose: order in the rulebook must not matter, only the id.
    const outcome = applyConcentrationLimits(loans, limitsBook([GRADE_E_G, STATE_LIMIT(40)]));
    expect(keys(outcome.held)).toEqual(['A02']);
    expect(outcome.held[0]!.exceptions[0]!.exception_type).toBe('CO001');
    expect(outcome.limits.map((l) => l.id)).toEqual(['CO002', 'CO001']); // reported in rulebook order
  });

  it('when two buckets of one limit breach by the same dollars, then the lower bucket value goes first', () => {
    // Pool 250, cap 35% = 87.5: NY 100 and TX 100 both exceed by 12.5 → "NY" < "TX": hold B1 (NY),
    // although B2 is the greater loan number. Pool 150 < minimum 200 → stop.
    const loans = pool([
      ['B1', 100, { state: 'NY' }],
      ['B2', 100, { state: 'TX' }],
      ['B3', 50, { state: 'CA' }],
    ]);
    const outcome = applyConcentrationLimits(loans, limitsBook([STATE_LIMIT(35)], 200));
    expect(keys(outcome.held)).toEqual(['B1']);
  });

  it('when a bucket must shrink, then loans leave by greatest seller_loan_number in string order ("L9" > "L10")', () => {
    const loans = pool([
      ['L10', 100, { state: 'CA' }],
      ['L9', 100, { state: 'CA' }],
      ['L11', 100, { state: 'CA' }],
      ['X1', 100, { state: 'TX' }],
      ['X2', 100, { state: 'NY' }],
      ['X3', 50, { state: 'FL' }],
    ]);
    // Pool 550, cap 40% = 220: CA 300 → hold L9. Pool 450, cap 180: CA 200 → hold L11 ("L11" > "L10").
    // Pool 350, cap 140: CA, TX and NY 100 each, FL 50 → done.
    expect(keys(applyConcentrationLimits(loans, limitsBook([STATE_LIMIT(40)])).held)).toEqual(['L9', 'L11']);
  });

  it('when a combined bucket lists "60" as text, then 60-month loans (numbers) count towards it', () => {
    // Pool 1,000: 60-month = T1 300 + T3 300 = 600 vs 400 → hold T3. Pool 700: 300 vs 280 → hold T1.
    const loans = pool([
      ['T1', 300, { original_term: 60 }],
      ['T2', 400, { original_term: 36 }],
      ['T3', 300, { original_term: 60 }],
    ]);
    for (const values of [[60], ['60']]) {
      const limit = { id: 'CO003', name: '60m at most 40%', dimension: 'original_term', values, max_share_pct: 40 };
      const outcome = applyConcentrationLimits(loans, limitsBook([limit]));
      expect(keys(outcome.held)).toEqual(['T3', 'T1']);
      expect(outcome.limits[0]).toMatchObject({ removed_count: 2, pass: true, largest: { bucket: '60', balance: 0 } });
    }
  });

  it('when a held loan already had a flag exception, then it keeps it and gains the concentration one', () => {
    const [loan] = pool([['Z1', 100, { state: 'CA' }]]);
    const flag = {
      seller_loan_number: 'Z1',
      exception_type: 'F1',
      exception_category: 'credit',
      severity: 'info' as const,
      message: 'fico 1 is below the minimum 10',
      rejection_criteria: 'F1',
    };
    const flagged: LoanDecision = { ...loan!, exceptions: [flag], failedRuleIds: ['F1'] };
    const outcome = applyConcentrationLimits(
      [flagged, ...pool([['Z0', 50, { state: 'TX' }]])],
      limitsBook([STATE_LIMIT(50)]),
    );
    expect(outcome.held[0]!.exceptions.map((e) => e.exception_type)).toEqual(['F1', 'CO001']);
    expect(flagged.disposition).toBe('purchase'); // the input is not mutated
  });

  it('when loans have no value for the dimension, then they are in no bucket but still count in the pool', () => {
    const loans = pool([
      ['M1', 100, {}],
      ['M2', 100, { state: 'CA' }],
    ]);
    expect(applyConcentrationLimits(loans, limitsBook([STATE_LIMIT(50)])).held).toEqual([]);
  });

  it('when random pools are trimmed, then the result matches a naive re-implementation of spec §5', () => {
    const random = seededRandom(42);
    const states = ['CA', 'TX', 'NY', 'FL'];
    let totalHeld = 0;
    for (let round = 0; round < 60; round++) {
      const loans = pool(
        Array.from({ length: 5 + Math.floor(random() * 40) }, (_, k): Row => [
          `N${Math.floor(random() * 1000)}-${k}`,
          Math.round(100 + random() * 900) * 10,
          {
            state: states[Math.floor(random() * states.length)]!,
            grade: 'ABCDEFG'[Math.floor(random() * 7)]!,
            original_term: random() < 0.5 ? 36 : 60,
          },
        ]),
      );
      const book = limitsBook(
        [
          STATE_LIMIT(30),
          GRADE_E_G,
          { id: 'CO003', name: '60m', dimension: 'original_term', values: [60], max_share_pct: 40 },
        ],
        round % 3 === 0 ? 0 : 5000,
      );
      const expected = naiveTrim(loans, book.concentration_limits, book.concentration_min_pool_balance);
      expect(keys(applyConcentrationLimits(loans, book).held)).toEqual(expected);
      totalHeld += expected.length;
    }
    expect(totalHeld).toBeGreaterThan(100); // the comparison exercised real trimming
  });

  it('when 100,000 loans need thousands of removals, then trimming still takes well under a second', () => {
    const states = ['CA', 'CA', 'CA', 'TX', 'NY', 'FL', 'WA', 'IL', 'OH', 'GA'];
    const loans = pool(
      Array.from({ length: 100_000 }, (_, k): Row => [
        `LN${String(k).padStart(7, '0')}`,
        1000 + (k % 97) * 100,
        { state: states[k % 10]!, grade: 'ABCDEFG'[k % 7]!, original_term: k % 3 === 0 ? 60 : 36 },
      ]),
    );
    const started = performance.now();
    const outcome = applyConcentrationLimits(loans, limitsBook([STATE_LIMIT(25), GRADE_E_G], 500_000));
    const elapsed = performance.now() - started;
    expect(outcome.held.length).toBeGreaterThan(5000);
    expect(outcome.limits.every((limit) => limit.pass)).toBe(true);
    expect(elapsed).toBeLessThan(1500); // typically ~150 ms; generous for slow CI machines
  });
});

/** Spec §5 literally: rescan every bucket of every limit after each removal (O(n²), tests only). */
function naiveTrim(loans: LoanDecision[], limits: ConcentrationLimit[], min: number): string[] {
  const inPool = new Set(loans);
  const held: string[] = [];
  const bucketOf = (limit: ConcentrationLimit, loan: LoanDecision): string | undefined => {
    const value = loan.loan.fields[limit.dimension];
    if (value === undefined) return undefined;
    if (!limit.values) return String(value);
    return limit.values.map(String).includes(String(value)) ? 'combined' : undefined;
  };
  for (;;) {
    const poolCents = [...inPool].reduce((sum, d) => sum + Math.round(d.loan.fields.current_balance! * 100), 0);
    if (poolCents < min * 100 || poolCents === 0) break;
    let best: { excess: number; limitId: string; bucket: string; limit: ConcentrationLimit } | undefined;
    for (const limit of limits) {
      const sums = new Map<string, number>();
      for (const loan of inPool) {
        const bucket = bucketOf(limit, loan);
        if (bucket !== undefined)
          sums.set(bucket, (sums.get(bucket) ?? 0) + Math.round(loan.loan.fields.current_balance! * 100));
      }
      for (const [bucket, cents] of sums) {
        const excess = cents * 100 - limit.max_share_pct * poolCents;
        if (excess <= 0) continue;
        const better =
          !best ||
          excess > best.excess ||
          (excess === best.excess && (limit.id < best.limitId || (limit.id === best.limitId && bucket < best.bucket)));
        if (better) best = { excess, limitId: limit.id, bucket, limit };
      }
    }
    if (!best) break;
    const members = [...inPool].filter((loan) => bucketOf(best!.limit, loan) === best!.bucket);
    const victim = members.reduce((a, b) =>
      b.key > a.key || (b.key === a.key && b.loan.rowNumber > a.loan.rowNumber) ? b : a,
    );
    inPool.delete(victim);
    held.push(victim.key);
  }
  return held;
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}
