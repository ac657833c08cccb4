// The run summary (spec §7), built as a streaming accumulator: the run feeds every final decision
// once and nothing per loan is kept, so a 1,000,000-loan run never holds a second copy of its loans.
// All sums are unrounded; finish() rounds for display only: money to cents, everything else to 4 dp.
import type { ConcentrationOutcome } from './concentration.js';
import { roundHalfAwayFromZero } from './pricing.js';
import type { PortfolioMetric, Rulebook } from './rulebook.schema.js';
import type { LoanDecision } from './rules.js';
import type { Disposition, LoanFields, LoanPrice, RuleAction } from './types.js';

/** A final decision; `price` is set for purchased loans that could be priced. */
export interface SummaryDecision extends LoanDecision {
  price?: LoanPrice | null;
}

export type ConcentrationReport = Omit<ConcentrationOutcome<LoanDecision>, 'kept' | 'held'>;

export interface StratRow {
  bucket: string;
  count: number;
  balance: number;
  share_pct: number;
  wa_interest_rate: number | null;
  wa_fico: number | null;
}

export interface RunSummary {
  run_id: string | null;
  rulebook: { name: string; version: number };
  total_loans: number;
  total_balance: number;
  exceptions_count: number;
  dispositions: Record<Disposition, { count: number; balance: number }>;
  purchase_pool: { count: number; balance: number; total_purchase_price: number } & Record<PoolMean, number | null>;
  eligibility_checks: Record<
    string,
    { name: string; category: string; action: RuleAction; failed_count: number; failed_balance: number }
  >;
  portfolio_tests: {
    id: string;
    name: string;
    metric: PortfolioMetric;
    op: 'gte' | 'lte';
    threshold: number;
    value: number | null;
    /** null when the metric has no value (an empty purchase pool). */
    pass: boolean | null;
  }[];
  concentration: ConcentrationReport | null;
  stratifications: {
    /** Which loans the tables cover: the final purchase pool. */
    pool: 'purchase';
    by_state: StratRow[];
    by_grade: StratRow[];
    by_term: StratRow[];
    by_fico_band: StratRow[];
    by_rate_band: StratRow[];
  };
}

export interface SummaryAccumulator {
  add(decision: SummaryDecision): void;
  finish(options?: { runId?: string; concentration?: ConcentrationReport }): RunSummary;
}

/** Balance-weighted mean that skips missing values in numerator and denominator alike. */
class WeightedMean {
  private weighted = 0;
  private weight = 0;
  add(value: number | undefined, weight: number): void {
    if (value === undefined || !Number.isFinite(value) || weight <= 0) return;
    this.weighted += value * weight;
    this.weight += weight;
  }
  get value(): number | null {
    return this.weight > 0 ? this.weighted / this.weight : null;
  }
}

const newStratBucket = () => ({ count: 0, balance: 0, rate: new WeightedMean(), fico: new WeightedMean() });
type StratBucket = ReturnType<typeof newStratBucket>;

const UNKNOWN = 'unknown';
// Bands are [lower, upper): a FICO of 700 is in 700-739, a rate of 12.0 in 12-16.
const FICO_BANDS = { labels: ['<660', '660-699', '700-739', '740-779', '780+'], uppers: [660, 700, 740, 780] };
const RATE_BANDS = { labels: ['<8', '8-12', '12-16', '16-20', '20+'], uppers: [8, 12, 16, 20] };
function bandOf({ labels, uppers }: typeof FICO_BANDS, value: number | undefined): string {
  if (value === undefined) return UNKNOWN;
  const index = uppers.findIndex((upper) => value < upper);
  return labels[index === -1 ? uppers.length : index]!;
}

type StratKey = Exclude<keyof RunSummary['stratifications'], 'pool'>;
const STRATIFIERS: Record<StratKey, (fields: LoanFields) => string> = {
  by_state: (fields) => fields.state ?? UNKNOWN,
  by_grade: (fields) => fields.grade ?? UNKNOWN,
  by_term: (fields) => (fields.original_term === undefined ? UNKNOWN : String(fields.original_term)),
  by_fico_band: (fields) => bandOf(FICO_BANDS, fields.fico),
  by_rate_band: (fields) => bandOf(RATE_BANDS, fields.interest_rate),
};
// Band tables list every band, even empty ones, so reports keep one shape; UNKNOWN always sorts last.
const FIXED_ORDER: Partial<Record<StratKey, string[]>> = {
  by_fico_band: FICO_BANDS.labels,
  by_rate_band: RATE_BANDS.labels,
};

const money = (value: number) => roundHalfAwayFromZero(value, 2);
const ratio = (value: number) => roundHalfAwayFromZero(value, 4);
const ratioOrNull = (value: number | null) => (value === null ? null : ratio(value));

function compareBuckets(key: StratKey, a: string, b: string): number {
  if (a === UNKNOWN || b === UNKNOWN) return Number(a === UNKNOWN) - Number(b === UNKNOWN);
  if (key === 'by_term') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

// Balance-weighted pool averages and where each reads its value from.
type PoolMean = Exclude<PortfolioMetric, 'purchase_count' | 'purchase_balance'>;
const POOL_MEANS: Record<PoolMean, (fields: LoanFields, price: LoanPrice | null | undefined) => number | undefined> = {
  wa_price_pct: (_, price) => price?.price_pct,
  wa_interest_rate: (fields) => fields.interest_rate,
  wa_fico: (fields) => fields.fico,
  wa_dti: (fields) => fields.dti,
  wa_remaining_term: (fields) => fields.remaining_term,
  wa_original_term: (fields) => fields.original_term,
  wa_loan_age_months: (fields) => fields.loan_age_months,
  wal_years: (_, price) => price?.wal_years,
};
const POOL_MEAN_NAMES = Object.keys(POOL_MEANS) as PoolMean[];
const STRAT_KEYS = Object.keys(STRATIFIERS) as StratKey[];
const mapNames = <K extends string, V>(names: readonly K[], value: (name: K) => V) =>
  Object.fromEntries(names.map((name) => [name, value(name)])) as Record<K, V>;

export function createSummaryAccumulator(rulebook: Rulebook): SummaryAccumulator {
  let totalLoans = 0;
  let totalBalance = 0;
  let exceptionsCount = 0;
  let totalPurchasePrice = 0;
  const dispositions = mapNames(['purchase', 'hold', 'reject'] as const, () => ({ count: 0, balance: 0 }));
  const failures = new Map(rulebook.rules.map((rule) => [rule.id, { count: 0, balance: 0 }]));
  const means = mapNames(POOL_MEAN_NAMES, () => new WeightedMean());
  const strats = mapNames(STRAT_KEYS, () => new Map<string, StratBucket>());

  function addToPool(fields: LoanFields, balance: number, price: LoanPrice | null | undefined): void {
    for (const name of POOL_MEAN_NAMES) means[name].add(POOL_MEANS[name](fields, price), balance);
    if (price) totalPurchasePrice += price.purchase_price;
    for (const key of STRAT_KEYS) {
      const label = STRATIFIERS[key](fields);
      let bucket = strats[key].get(label);
      if (!bucket) strats[key].set(label, (bucket = newStratBucket()));
      bucket.count++;
      bucket.balance += balance;
      bucket.rate.add(fields.interest_rate, balance);
      bucket.fico.add(fields.fico, balance);
    }
  }

  function stratTable(key: StratKey, poolBalance: number): StratRow[] {
    const buckets = strats[key];
    const labels = [...new Set([...(FIXED_ORDER[key] ?? []), ...buckets.keys()])];
    if (!FIXED_ORDER[key]) labels.sort((a, b) => compareBuckets(key, a, b));
    return labels.map((label) => {
      const bucket = buckets.get(label) ?? newStratBucket();
      return {
        bucket: label,
        count: bucket.count,
        balance: money(bucket.balance),
        share_pct: ratio(poolBalance > 0 ? (bucket.balance / poolBalance) * 100 : 0),
        wa_interest_rate: ratioOrNull(bucket.rate.value),
        wa_fico: ratioOrNull(bucket.fico.value),
      };
    });
  }

  function portfolioTests(): RunSummary['portfolio_tests'] {
    const pool = dispositions.purchase;
    return rulebook.portfolio_tests.map(({ id, name, metric, op, value: threshold }) => {
      const value =
        metric === 'purchase_count' ? pool.count : metric === 'purchase_balance' ? pool.balance : means[metric].value;
      const pass = value === null ? null : op === 'gte' ? value >= threshold : value <= threshold;
      const shown = value === null ? null : metric === 'purchase_balance' ? money(value) : ratio(value);
      return { id, name, metric, op, threshold, value: shown, pass };
    });
  }

  return {
    add(decision) {
      const { fields } = decision.loan;
      // A loan without a usable balance still counts as a row; it just weighs nothing.
      const balance = Number.isFinite(fields.current_balance) ? (fields.current_balance as number) : 0;
      totalLoans++;
      totalBalance += balance;
      exceptionsCount += decision.exceptions.length;
      dispositions[decision.disposition].count++;
      dispositions[decision.disposition].balance += balance;
      for (const ruleId of decision.failedRuleIds) {
        const failed = failures.get(ruleId);
        if (!failed) continue;
        failed.count++;
        failed.balance += balance;
      }
      if (decision.disposition === 'purchase') addToPool(fields, balance, decision.price);
    },

    finish(options = {}) {
      const pool = dispositions.purchase;
      const eligibility: RunSummary['eligibility_checks'] = {};
      for (const { id, name, category, action } of rulebook.rules) {
        const failed = failures.get(id)!;
        eligibility[id] = { name, category, action, failed_count: failed.count, failed_balance: money(failed.balance) };
      }
      return {
        run_id: options.runId ?? null,
        rulebook: { name: rulebook.name, version: rulebook.version },
        total_loans: totalLoans,
        total_balance: money(totalBalance),
        exceptions_count: exceptionsCount,
        dispositions: mapNames(['purchase', 'hold', 'reject'] as const, (name) => ({
          count: dispositions[name].count,
          balance: money(dispositions[name].balance),
        })),
        purchase_pool: {
          count: pool.count,
          balance: money(pool.balance),
          total_purchase_price: money(totalPurchasePrice),
          ...mapNames(POOL_MEAN_NAMES, (name) => ratioOrNull(means[name].value)),
        },
        eligibility_checks: eligibility,
        portfolio_tests: portfolioTests(),
        concentration: options.concentration ? roundConcentration(options.concentration) : null,
        stratifications: { pool: 'purchase', ...mapNames(STRAT_KEYS, (key) => stratTable(key, pool.balance)) },
      };
    },
  };
}

function roundConcentration({ limits, ...pool }: ConcentrationReport): ConcentrationReport {
  const roundBucket = <B extends { balance: number; share_pct: number }>(bucket: B): B => ({
    ...bucket,
    balance: money(bucket.balance),
    share_pct: ratio(bucket.share_pct),
  });
  return {
    enforced: pool.enforced,
    min_pool_balance: pool.min_pool_balance,
    pool_balance_before: money(pool.pool_balance_before),
    pool_balance_after: money(pool.pool_balance_after),
    limits: limits.map((limit) => ({
      ...limit,
      largest: limit.largest && roundBucket(limit.largest),
      removed_balance: money(limit.removed_balance),
      buckets: limit.buckets.map(roundBucket),
    })),
  };
}
