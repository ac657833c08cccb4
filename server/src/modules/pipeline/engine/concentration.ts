// Concentration limits on the purchase pool (spec §5). Balances are kept in integer cents so the
// running totals never drift over thousands of removals and ties between buckets are exact.
import type { ConcentrationLimit, Rulebook } from './rulebook.schema.js';
import { formatValue, valueMatcher, type LoanDecision } from './rules.js';
import type { LoanExceptionRecord } from './types.js';

/** A bucket's standing in the final pool. Amounts in dollars, unrounded (summary.ts rounds for display). */
export interface ConcentrationBucketResult {
  bucket: string;
  balance: number;
  share_pct: number;
  pass: boolean;
}

export interface ConcentrationLimitResult {
  id: string;
  name: string;
  dimension: string;
  values: (string | number)[] | null;
  max_share_pct: number;
  /** Every bucket of the limit is within max_share_pct in the final pool. */
  pass: boolean;
  /** The largest bucket in the final pool (null when the pool has none). */
  largest: ConcentrationBucketResult | null;
  removed_count: number;
  removed_balance: number;
  bucket_count: number;
  /** Largest first, at most MAX_REPORTED_BUCKETS of them. */
  buckets: ConcentrationBucketResult[];
}

export interface ConcentrationOutcome<T extends LoanDecision> {
  /** Loans still purchased, in pool order. */
  kept: T[];
  /** Loans moved out, in removal order: disposition `hold` with one `concentration` exception added. */
  held: T[];
  /** Whether the pool started at or above concentration_min_pool_balance (limits enforced at all). */
  enforced: boolean;
  min_pool_balance: number;
  pool_balance_before: number;
  pool_balance_after: number;
  limits: ConcentrationLimitResult[];
}

const MAX_REPORTED_BUCKETS = 100;
// Relative slack for float products like 33.3 × pool; exact for whole-percent limits.
const RELATIVE_TOLERANCE = 1e-12;

interface Bucket {
  label: string;
  cents: number;
  /** Pool indexes, in removal order (greatest loan number first). */
  members: number[];
  cursor: number;
}

interface HeapEntry {
  bucket: Bucket;
  cents: number;
}

// Largest balance first; equal balances by bucket value in string order (the spec's tie rule).
const before = (a: HeapEntry, b: HeapEntry) =>
  a.cents > b.cents || (a.cents === b.cents && a.bucket.label < b.bucket.label);

/** Max-heap with lazy updates: balances only fall, so a stale entry is recognised and dropped on peek. */
class BucketHeap {
  private entries: HeapEntry[] = [];

  push(entry: HeapEntry): void {
    const heap = this.entries;
    heap.push(entry);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  peek(): Bucket | undefined {
    const heap = this.entries;
    while (heap.length > 0 && heap[0]!.cents !== heap[0]!.bucket.cents) {
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
      for (let i = 0; ;) {
        const [left, right] = [2 * i + 1, 2 * i + 2];
        let top = i;
        if (left < heap.length && before(heap[left]!, heap[top]!)) top = left;
        if (right < heap.length && before(heap[right]!, heap[top]!)) top = right;
        if (top === i) break;
        [heap[i], heap[top]] = [heap[top]!, heap[i]!];
        i = top;
      }
    }
    return heap[0]?.bucket;
  }
}

interface LimitState {
  limit: ConcentrationLimit;
  buckets: Bucket[];
  heap: BucketHeap;
  removedCount: number;
  removedCents: number;
}

// Code-unit order, as the spec's "string order" (not locale order, which varies by machine).
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const toCents = (dollars: number | undefined) => Math.round((dollars ?? 0) * 100);
const newBucket = (label: string): Bucket => ({ label, cents: 0, members: [], cursor: 0 });

function exceedsLimit(bucketCents: number, maxSharePct: number, poolCents: number): boolean {
  const cap = maxSharePct * poolCents;
  return bucketCents * 100 - cap > cap * RELATIVE_TOLERANCE;
}

/** Groups the pool into each limit's buckets; `order` is the pool in removal order. */
function buildLimitStates(
  pool: readonly LoanDecision[],
  order: number[],
  cents: number[],
  limits: ConcentrationLimit[],
) {
  // loanBuckets[loan · limits + limit]: the one bucket of that limit the loan counts towards, if any.
  // One flat array: a nested array per loan costs 100,000 allocations.
  const loanBuckets = new Array<Bucket | undefined>(pool.length * limits.length).fill(undefined);
  const states = limits.map((limit, limitIndex): LimitState => {
    const { dimension, values } = limit;
    const matchKey = valueMatcher(dimension);
    const combinedKeys = values && new Set(values.map(matchKey));
    const combined = values && newBucket(values.map(formatValue).join(', '));
    const byKey = new Map<string | number, Bucket>();
    // Pool order first (memory-friendly), then members in removal order.
    pool.forEach((decision, index) => {
      // Loans without a value for the dimension belong to no bucket of this limit.
      const value = decision.loan.fields[dimension];
      if (value === undefined) return;
      const key = matchKey(value);
      let bucket = combined;
      if (combinedKeys && !combinedKeys.has(key)) return;
      if (!bucket) {
        bucket = byKey.get(key) ?? newBucket(String(value).trim());
        byKey.set(key, bucket);
      }
      bucket.cents += cents[index]!;
      loanBuckets[index * limits.length + limitIndex] = bucket;
    });
    for (const index of order) loanBuckets[index * limits.length + limitIndex]?.members.push(index);
    const buckets = combined ? [combined] : [...byKey.values()];
    const heap = new BucketHeap();
    for (const bucket of buckets) heap.push({ bucket, cents: bucket.cents });
    return { limit, buckets, heap, removedCount: 0, removedCents: 0 };
  });
  return { states, loanBuckets };
}

/**
 * Trims the purchase pool until no limit is breached or the pool falls below
 * concentration_min_pool_balance (spec §5). `pool` is the loans the rules would purchase.
 * O(n log n) for the sort plus O(log b) per removal: no rescans of the pool.
 */
export function applyConcentrationLimits<T extends LoanDecision>(
  pool: readonly T[],
  rulebook: Pick<Rulebook, 'concentration_limits' | 'concentration_min_pool_balance'>,
): ConcentrationOutcome<T> {
  const cents = pool.map((decision) => toCents(decision.loan.fields.current_balance));
  // Removal order: greatest key (seller_loan_number, or ROW-<n>) first; duplicates: later row first.
  const keys = pool.map((decision) => decision.key);
  const rows = pool.map((decision) => decision.loan.rowNumber);
  const order = pool.map((_, index) => index);
  // Allocation-free comparator: this sort is most of the cost on a 100,000-loan pool.
  order.sort((a, b) => (keys[a] === keys[b] ? rows[b]! - rows[a]! : keys[a]! > keys[b]! ? -1 : 1));
  const limits = [...rulebook.concentration_limits].sort((a, b) => byString(a.id, b.id));
  const { states, loanBuckets } = buildLimitStates(pool, order, cents, limits);

  const minCents = rulebook.concentration_min_pool_balance * 100;
  let poolCents = cents.reduce((sum, value) => sum + value, 0);
  const startCents = poolCents;
  const removed = new Uint8Array(pool.length);
  const held: T[] = [];

  while (poolCents >= minCents && poolCents > 0) {
    // Largest dollar excess wins; states are in limit-id order, so strict > keeps the lower id on ties.
    let best: { state: LimitState; bucket: Bucket; excess: number } | undefined;
    for (const state of states) {
      const bucket = state.heap.peek();
      if (!bucket || !exceedsLimit(bucket.cents, state.limit.max_share_pct, poolCents)) continue;
      const excess = bucket.cents * 100 - state.limit.max_share_pct * poolCents;
      if (!best || excess > best.excess) best = { state, bucket, excess };
    }
    if (!best) break;

    const { state, bucket } = best;
    while (removed[bucket.members[bucket.cursor]!]) bucket.cursor++;
    const index = bucket.members[bucket.cursor]!;
    const sharePct = (bucket.cents / poolCents) * 100;
    removed[index] = 1;
    state.removedCount++;
    state.removedCents += cents[index]!;
    for (let limitIndex = 0; limitIndex < states.length; limitIndex++) {
      const member = loanBuckets[index * states.length + limitIndex];
      if (!member) continue;
      member.cents -= cents[index]!;
      states[limitIndex]!.heap.push({ bucket: member, cents: member.cents });
    }
    poolCents -= cents[index]!;
    held.push(holdForConcentration(pool[index]!, state.limit, bucket.label, sharePct));
  }

  return {
    kept: pool.filter((_, index) => removed[index] === 0),
    held,
    enforced: startCents >= minCents,
    min_pool_balance: rulebook.concentration_min_pool_balance,
    pool_balance_before: startCents / 100,
    pool_balance_after: poolCents / 100,
    // Reported in rulebook order, as the admin wrote them.
    limits: rulebook.concentration_limits.map((limit) =>
      summariseLimit(
        states.find((s) => s.limit === limit)!,
        poolCents,
      ),
    ),
  };
}

function holdForConcentration<T extends LoanDecision>(
  decision: T,
  limit: ConcentrationLimit,
  bucket: string,
  sharePct: number,
): T {
  const threshold = `${formatValue(limit.max_share_pct)}%`;
  const exception: LoanExceptionRecord = {
    seller_loan_number: decision.key,
    exception_type: limit.id,
    exception_category: 'concentration',
    severity: 'warning',
    message:
      `${limit.dimension} ${bucket} was ${sharePct.toFixed(2)}% of the purchase pool balance ` +
      `(limit ${threshold}); loan held to bring it down`,
    rejection_criteria: `${limit.name} (${limit.dimension} ${bucket} <= ${threshold})`.slice(0, 200),
  };
  return { ...decision, disposition: 'hold', exceptions: [...decision.exceptions, exception] };
}

function summariseLimit(
  { limit, buckets, removedCount, removedCents }: LimitState,
  poolCents: number,
): ConcentrationLimitResult {
  const describe = (bucket: Bucket): ConcentrationBucketResult => ({
    bucket: bucket.label,
    balance: bucket.cents / 100,
    share_pct: poolCents > 0 ? (bucket.cents / poolCents) * 100 : 0,
    pass: !exceedsLimit(bucket.cents, limit.max_share_pct, poolCents),
  });
  // A combined bucket is always reported; per-value buckets only while they hold loans.
  const reported = buckets
    .filter((bucket) => limit.values !== undefined || bucket.cents > 0)
    .sort((a, b) => b.cents - a.cents || byString(a.label, b.label))
    .map(describe);
  return {
    id: limit.id,
    name: limit.name,
    dimension: limit.dimension,
    values: limit.values ?? null,
    max_share_pct: limit.max_share_pct,
    pass: reported.every((bucket) => bucket.pass),
    largest: reported[0] ?? null,
    removed_count: removedCount,
    removed_balance: removedCents / 100,
    bucket_count: reported.length,
    buckets: reported.slice(0, MAX_REPORTED_BUCKETS),
  };
}
