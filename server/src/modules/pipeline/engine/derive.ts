// Derived fields as of the purchase date (pipeline spec §3). Dates are ISO `YYYY-MM-DD` strings and
// all arithmetic is on plain year/month/day numbers, so the server's time zone can never shift a day.
import { daysInMonth, formatIsoDate } from './values.js';
import type { CanonicalField, LoanFields, TapeLoan } from './types.js';

interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

// Slicing beats split/map here: derivation runs for every loan of a million-row tape.
function splitIsoDate(iso: string): YearMonthDay {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  if (iso.length !== 10 || !year || !month || !day) throw new Error(`not an ISO date: ${iso}`);
  return { year, month, day };
}

/** `iso` + k months, keeping the day of the month and clamping it to the month's end: Jan 31 + 1 = Feb 28/29. */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = splitIsoDate(iso);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatIsoDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Whole calendar months from `from` to `to`, minus one when `to`'s day is before `from`'s (spec's loan age). */
export function monthsBetween(from: string, to: string): number {
  const start = splitIsoDate(from);
  const end = splitIsoDate(to);
  const months = (end.year - start.year) * 12 + (end.month - start.month);
  return end.day < start.day ? months - 1 : months;
}

/**
 * Number of k ≥ 0 with `firstPaymentDate + k months ≤ pdate`. Each due date is computed from the first
 * one (not from the previous due date), so a loan due on the 31st is due on the 31st again after February.
 */
export function countPaymentsMade(firstPaymentDate: string, pdate: string): number {
  if (firstPaymentDate > pdate) return 0;
  const first = splitIsoDate(firstPaymentDate);
  const end = splitIsoDate(pdate);
  let lastDue = (end.year - first.year) * 12 + (end.month - first.month);
  // Only the month of the purchase date can overshoot: its due day may still be ahead of pdate.
  if (addMonths(firstPaymentDate, lastDue) > pdate) lastDue -= 1;
  return lastDue + 1;
}

export function deriveRemainingTerm(originalTerm: number, paymentsMade: number): number {
  return Math.max(originalTerm - paymentsMade, 0);
}

/** The last scheduled payment: `first_payment_date + (original_term − 1) months`. */
export function deriveMaturityDate(firstPaymentDate: string, originalTerm: number): string {
  return addMonths(firstPaymentDate, originalTerm - 1);
}

/**
 * Fills the spec's defaults and derived fields, as of `pdate`. A field whose tape value failed to
 * parse (listed in `unparsed`) is not defaulted or derived from other columns: the loan fails DQ001
 * anyway, and a made-up value would only hide what the seller actually sent.
 */
export function deriveLoanFields(
  fields: LoanFields,
  pdate: string,
  unparsed: ReadonlySet<CanonicalField> = new Set(),
): LoanFields {
  const derived: LoanFields = { ...fields };
  if (
    derived.first_payment_date === undefined &&
    derived.origination_date !== undefined &&
    !unparsed.has('first_payment_date')
  ) {
    derived.first_payment_date = addMonths(derived.origination_date, 1);
  }
  if (derived.days_past_due === undefined && !unparsed.has('days_past_due') && isCurrentStatus(derived.loan_status)) {
    derived.days_past_due = 0;
  }
  if (derived.first_payment_date !== undefined) {
    derived.payments_made = countPaymentsMade(derived.first_payment_date, pdate);
  }
  if (
    derived.remaining_term === undefined &&
    !unparsed.has('remaining_term') &&
    derived.original_term !== undefined &&
    derived.payments_made !== undefined
  ) {
    derived.remaining_term = deriveRemainingTerm(derived.original_term, derived.payments_made);
  }
  if (derived.origination_date !== undefined) {
    derived.loan_age_months = monthsBetween(derived.origination_date, pdate);
  }
  if (derived.first_payment_date !== undefined && derived.original_term !== undefined && derived.original_term >= 1) {
    derived.maturity_date = deriveMaturityDate(derived.first_payment_date, derived.original_term);
  }
  return derived;
}

function isCurrentStatus(status: string | undefined): boolean {
  return status !== undefined && (status === 'Current' || status.trim().toLowerCase() === 'current');
}

/** The loan with its derived fields as of `pdate`; the tape loan itself is left unchanged. */
export function deriveLoan(loan: TapeLoan, pdate: string): TapeLoan {
  const unparsed = new Set(loan.problems.map((problem) => problem.field));
  return { ...loan, fields: deriveLoanFields(loan.fields, pdate, unparsed) };
}
