// Factories for the decision-side engine tests: loans, decisions and rulebooks built in one line.
import { readFileSync } from 'node:fs';
import { loanKey } from '../loan-key.js';
import { parseRulebook, type Rulebook } from '../rulebook.schema.js';
import type { LoanDecision } from '../rules.js';
import type { LoanFields, ParseProblem, TapeLoan } from '../types.js';

let nextRow = 1;

export function makeLoan(fields: LoanFields, extra: { rowNumber?: number; problems?: ParseProblem[] } = {}): TapeLoan {
  return {
    rowNumber: extra.rowNumber ?? nextRow++,
    sourceFile: 'tape.csv',
    fields,
    extras: {},
    problems: extra.problems ?? [],
  };
}

/** A loan every default rule accepts as of pdate 2025-03-03 (override what the test is about). */
export function cleanLoan(overrides: LoanFields = {}, extra: { rowNumber?: number; problems?: ParseProblem[] } = {}) {
  return makeLoan(
    {
      seller_loan_number: 'L0001',
      loan_status: 'Current',
      original_balance: 12000,
      current_balance: 11000,
      interest_rate: 13.56,
      original_term: 36,
      remaining_term: 34,
      fico: 712,
      dti: 18.5,
      annual_income: 85000,
      state: 'CA',
      grade: 'C',
      origination_date: '2024-12-15',
      first_payment_date: '2025-01-15',
      days_past_due: 0,
      payments_made: 2,
      loan_age_months: 2,
      maturity_date: '2027-12-15',
      ...overrides,
    },
    extra,
  );
}

/** A loan the rules would purchase, for concentration and summary tests. */
export function purchased(fields: LoanFields, rowNumber?: number): LoanDecision {
  const loan = makeLoan(fields, { rowNumber });
  return { loan, key: loanKey(loan), disposition: 'purchase', exceptions: [], failedRuleIds: [] };
}

const DEFAULT_RULEBOOK_URL = new URL('../../default-rulebook.json', import.meta.url);

/** The rulebook the project ships, as raw JSON (a fresh copy each call, safe to mutate). */
export function defaultRulebookJson(): Record<string, unknown> & { rules: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(DEFAULT_RULEBOOK_URL, 'utf8')) as ReturnType<typeof defaultRulebookJson>;
}

export function defaultRulebook(): Rulebook {
  return parseRulebook(defaultRulebookJson());
}

/** A rulebook with just these rules (and optionally limits / tests / pricing). */
export function rulebookWith(parts: Partial<Record<keyof Rulebook, unknown>>): Rulebook {
  return parseRulebook({ name: 'test', version: 1, rules: [], ...parts });
}
