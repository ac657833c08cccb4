// Pricing a purchased loan to the desk's IRR target (spec §6): project the monthly cash flows under
// the rulebook's CPR / CDR / severity / servicing assumptions and discount them at irr_target/1200.
import type { PricingAssumptions } from './rulebook.schema.js';
import type { LoanFields, LoanPrice } from './types.js';

export type PricingInput = Pick<LoanFields, 'current_balance' | 'interest_rate' | 'remaining_term'>;

/** Prices one loan; null when it cannot be priced (see createLoanPricer). */
export type LoanPricer = (loan: PricingInput) => LoanPrice | null;

/**
 * Rounds half away from zero (1.005 → 1.01, −1.005 → −1.01). The 15-significant-digit pass first
 * removes binary noise such as 100.49999999999999 for a value that is 100.5 in decimal.
 */
export function roundHalfAwayFromZero(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = (Math.sign(value) * Math.round(scaled)) / factor;
  return rounded === 0 ? 0 : rounded; // no −0 in reports
}

/** Monthly rate from an annual one: 1 − (1 − annual)^(1/12), e.g. CPR → SMM, CDR → MDR. */
export function monthlyRateFromAnnual(annualPct: number): number {
  return 1 - Math.pow(1 - annualPct / 100, 1 / 12);
}

/** One month of a loan's projected cash flows (spec §6 names in comments). */
export interface MonthlyCashFlow {
  month: number; // k
  defaulted: number; // default_k
  performing: number; // perf_k
  payment: number; // pmt_k
  interest: number; // interest_k
  scheduled: number; // sched_k
  prepaid: number; // prepay_k
  recovery: number; // recovery_k
  fee: number; // fee_k
  cash_flow: number; // CF_k
  balance: number; // bal_k
}

interface RunConstants {
  smm: number;
  mdr: number;
  recoveryRate: number;
  feeRate: number;
  discountGrowth: number;
  /** discountFactors[k] = (1 + y)^−k, grown on demand. */
  discountFactors: number[];
}

function runConstants(assumptions: PricingAssumptions, irrTargetPct: number): RunConstants {
  if (!Number.isFinite(irrTargetPct) || irrTargetPct < 0)
    throw new RangeError(`irr_target ${irrTargetPct} is not >= 0`);
  return {
    smm: monthlyRateFromAnnual(assumptions.cpr_pct),
    mdr: monthlyRateFromAnnual(assumptions.cdr_pct),
    recoveryRate: 1 - assumptions.loss_severity_pct / 100,
    feeRate: assumptions.servicing_fee_pct / 1200,
    discountGrowth: 1 + irrTargetPct / 1200,
    discountFactors: [1],
  };
}

/** The loan's balance, monthly rate and whole months, or null when it cannot be priced. */
function pricingTerms({ current_balance: balance, interest_rate: ratePct, remaining_term: term }: PricingInput) {
  if (balance === undefined || ratePct === undefined || term === undefined) return null;
  const n = Math.round(term);
  if (!(balance > 0 && Number.isFinite(balance)) || !(n > 0) || !(ratePct >= 0)) return null;
  return { balance, i: ratePct / 1200, n };
}

/**
 * The monthly loop of spec §6, shared by the pricer and projectCashFlows so they cannot disagree.
 * `onMonth` is for inspection only; pricing passes none.
 */
function simulate(
  balance: number,
  i: number,
  n: number,
  c: RunConstants,
  onMonth?: (flow: MonthlyCashFlow) => void,
): LoanPrice {
  const factors = c.discountFactors;
  for (let m = factors.length; m <= n; m++) factors.push(Math.pow(c.discountGrowth, -m));
  const growth = 1 + i;
  // (1 + i)^−(n − k + 1), stepped by one multiplication a month instead of a pow call: the same
  // value to ~1e−14 relative, in well under half the time over 100,000 loans.
  let annuityDiscount = Math.pow(growth, -n);
  let outstanding = balance;
  let price = 0;
  let principalPaid = 0;
  let principalTiming = 0;
  for (let k = 1; k <= n; k++) {
    const defaulted = outstanding * c.mdr;
    const performing = outstanding - defaulted;
    const payment = i === 0 ? performing / (n - k + 1) : (performing * i) / (1 - annuityDiscount);
    annuityDiscount *= growth;
    const interest = performing * i;
    const scheduled = payment - interest;
    const prepaid = (performing - scheduled) * c.smm;
    const recovery = defaulted * c.recoveryRate;
    const fee = performing * c.feeRate;
    const cashFlow = interest + scheduled + prepaid + recovery - fee;
    price += cashFlow * factors[k]!;
    principalPaid += scheduled + prepaid;
    principalTiming += k * (scheduled + prepaid);
    outstanding = performing - scheduled - prepaid;
    onMonth?.({
      month: k,
      defaulted,
      performing,
      payment,
      interest,
      scheduled,
      prepaid,
      recovery,
      fee,
      cash_flow: cashFlow,
      balance: outstanding,
    });
  }
  return {
    price,
    price_pct: (100 * price) / balance,
    purchase_price: roundHalfAwayFromZero(price, 2),
    wal_years: principalPaid > 0 ? principalTiming / principalPaid / 12 : 0,
  };
}

/**
 * Builds a pricer for one run: assumption constants and discount factors are computed once, so each
 * loan costs one pass over its remaining months.
 *
 * A loan is not priceable (null) when current_balance ≤ 0, remaining_term rounds to 0 or less, or
 * interest_rate is negative or missing; the default rulebook rejects such loans before pricing
 * (DQ001, DQ003, LT004), so null means a custom rulebook let one through. A fractional remaining
 * term is rounded to whole months (cash flows are monthly).
 */
export function createLoanPricer(assumptions: PricingAssumptions, irrTargetPct: number): LoanPricer {
  const constants = runConstants(assumptions, irrTargetPct);
  return (loan) => {
    const terms = pricingTerms(loan);
    return terms && simulate(terms.balance, terms.i, terms.n, constants);
  };
}

/** One-off convenience over createLoanPricer (a run should build the pricer once). */
export function priceLoan(loan: PricingInput, assumptions: PricingAssumptions, irrTargetPct: number): LoanPrice | null {
  return createLoanPricer(assumptions, irrTargetPct)(loan);
}

/** The month-by-month projection behind a price (for tests, drill-downs and explaining a price). */
export function projectCashFlows(
  loan: PricingInput,
  assumptions: PricingAssumptions,
  irrTargetPct: number,
): { price: LoanPrice; months: MonthlyCashFlow[] } | null {
  const terms = pricingTerms(loan);
  if (!terms) return null;
  const months: MonthlyCashFlow[] = [];
  const price = simulate(terms.balance, terms.i, terms.n, runConstants(assumptions, irrTargetPct), (flow) =>
    months.push(flow),
  );
  return { price, months };
}
