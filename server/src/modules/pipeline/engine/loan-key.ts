// A row without a loan number still becomes a loan (it fails DQ001), but exceptions, logs and
// reports need a key for it; the row number is stable within a run, so it stands in.
import type { TapeLoan } from './types.js';

/** The loan's `seller_loan_number`, or `ROW-<rowNumber>` when the tape has none. */
export function loanKey(loan: Pick<TapeLoan, 'fields' | 'rowNumber'>): string {
  return loan.fields.seller_loan_number ?? `ROW-${loan.rowNumber}`;
}
