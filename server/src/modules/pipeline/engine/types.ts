// Shared shapes of the pipeline engine (pure code: no HTTP, no database, no storage).
// See docs/pipeline.md in the project and the pipeline spec it implements.

/** The canonical tape fields (pipeline spec §3), after header normalisation and alias mapping. */
export const CANONICAL_FIELDS = [
  'seller_loan_number',
  'loan_status',
  'original_balance',
  'current_balance',
  'interest_rate',
  'original_term',
  'remaining_term',
  'monthly_payment',
  'fico',
  'dti',
  'annual_income',
  'state',
  'grade',
  'sub_grade',
  'purpose',
  'origination_date',
  'first_payment_date',
  'days_past_due',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Fields derived as of the purchase date (spec §3, "Derived fields"). */
export const DERIVED_FIELDS = ['payments_made', 'loan_age_months', 'maturity_date'] as const;
export type DerivedField = (typeof DERIVED_FIELDS)[number];

/**
 * A loan's parsed values. Money and percents are plain numbers (percent in percent: 13.56 means
 * 13.56%); dates are ISO `YYYY-MM-DD` strings. A field is absent when the tape has no value for it
 * or the value could not be parsed (then it is also listed in `TapeLoan.problems`).
 */
export interface LoanFields {
  seller_loan_number?: string;
  loan_status?: string;
  original_balance?: number;
  current_balance?: number;
  interest_rate?: number;
  original_term?: number;
  remaining_term?: number;
  monthly_payment?: number;
  fico?: number;
  dti?: number;
  annual_income?: number;
  state?: string;
  grade?: string;
  sub_grade?: string;
  purpose?: string;
  origination_date?: string;
  first_payment_date?: string;
  days_past_due?: number;
  payments_made?: number;
  loan_age_months?: number;
  maturity_date?: string;
}

export type LoanFieldName = keyof LoanFields;

/** A value on the tape that could not be parsed: the loan fails DQ001 with this in the message. */
export interface ParseProblem {
  field: CanonicalField;
  raw: string;
  reason: string;
}

/** One tape row, parsed. */
export interface TapeLoan {
  /** 1-based position of the row in the run's whole tape (all files, in name order). */
  rowNumber: number;
  /** File name the row came from. */
  sourceFile: string;
  fields: LoanFields;
  /** Columns that map to no canonical field, untouched, keyed by their original header. */
  extras: Record<string, string>;
  problems: ParseProblem[];
}

export type RuleAction = 'reject' | 'hold' | 'flag';
export type Severity = 'error' | 'warning' | 'info';
export type Disposition = 'purchase' | 'reject' | 'hold';

export const SEVERITY_BY_ACTION: Record<RuleAction, Severity> = { reject: 'error', hold: 'warning', flag: 'info' };

/** One failed rule (or concentration limit) on one loan: becomes one loan_exceptions row. */
export interface LoanExceptionRecord {
  seller_loan_number: string;
  exception_type: string;
  exception_category: string;
  severity: Severity;
  message: string;
  rejection_criteria: string;
}

/** Price of a purchased loan (spec §6). `price` is unrounded; `purchase_price` is rounded to cents. */
export interface LoanPrice {
  price: number;
  price_pct: number;
  purchase_price: number;
  wal_years: number;
}
