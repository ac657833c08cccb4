import { describe, expect, it } from 'vitest';
import {
  addMonths,
  countPaymentsMade,
  deriveLoan,
  deriveLoanFields,
  deriveMaturityDate,
  deriveRemainingTerm,
  monthsBetween,
} from '../derive.js';
import type { TapeLoan } from '../types.js';

describe('addMonths', () => {
  it('when Jan 31 + 1 month, then Feb 28 — and Feb 29 in a leap year', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2100-01-31', 1)).toBe('2100-02-28');
    expect(addMonths('2000-01-31', 1)).toBe('2000-02-29');
  });

  it('when months cross a year or go backwards, then the day is kept or clamped', () => {
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-01', -10)).toBe('2025-03-01');
    expect(addMonths('2026-05-30', 0)).toBe('2026-05-30');
  });
});

describe('payments_made', () => {
  it('when the first payment is after pdate, then none were made', () => {
    expect(countPaymentsMade('2026-04-01', '2026-03-31')).toBe(0);
  });

  it('when pdate is on a due date, then that payment counts', () => {
    expect(countPaymentsMade('2026-01-15', '2026-01-15')).toBe(1);
    expect(countPaymentsMade('2026-01-15', '2026-03-15')).toBe(3);
    expect(countPaymentsMade('2026-01-15', '2026-03-14')).toBe(2);
  });

  it('when due on the 31st, then Feb 28 is a due date and each due date is counted from the first', () => {
    // Due 2026-01-31, 02-28, 03-31, 04-30.
    expect(countPaymentsMade('2026-01-31', '2026-02-28')).toBe(2);
    expect(countPaymentsMade('2026-01-31', '2026-03-30')).toBe(2);
    expect(countPaymentsMade('2026-01-31', '2026-03-31')).toBe(3);
    expect(countPaymentsMade('2025-12-01', '2026-12-01')).toBe(13);
  });
});

describe('loan_age_months, remaining_term and maturity_date', () => {
  it('when pdate.day < orig.day, then the age is one month less', () => {
    expect(monthsBetween('2025-10-20', '2026-03-19')).toBe(4);
    expect(monthsBetween('2025-10-20', '2026-03-20')).toBe(5);
    expect(monthsBetween('2025-10-01', '2026-03-16')).toBe(5);
  });

  it('when payments outnumber the term, then remaining_term is 0, never negative', () => {
    expect(deriveRemainingTerm(36, 4)).toBe(32);
    expect(deriveRemainingTerm(36, 40)).toBe(0);
  });

  it('when the first payment is 2026-01-31 on a 36-month loan, then maturity is 2028-12-31', () => {
    expect(deriveMaturityDate('2026-01-31', 36)).toBe('2028-12-31');
    expect(deriveMaturityDate('2026-02-28', 12)).toBe('2027-01-28');
  });
});

describe('deriveLoanFields', () => {
  it('when a loan has origination only, then first payment defaults to +1 month and all is derived', () => {
    const derived = deriveLoanFields(
      { loan_status: 'current ', origination_date: '2025-12-31', original_term: 36 },
      '2026-03-16',
    );
    expect(derived).toEqual({
      loan_status: 'current ',
      origination_date: '2025-12-31',
      original_term: 36,
      first_payment_date: '2026-01-31',
      days_past_due: 0,
      payments_made: 2, // 2026-01-31 and 2026-02-28
      remaining_term: 34,
      loan_age_months: 2, // 2 calendar months, pdate's 16th is before the 31st
      maturity_date: '2028-12-31',
    });
  });

  it('when the tape has remaining_term, days_past_due and first payment, then they are kept', () => {
    const derived = deriveLoanFields(
      {
        loan_status: 'Late (16-30 days)',
        origination_date: '2025-10-15',
        first_payment_date: '2025-12-01',
        original_term: 60,
        remaining_term: 58,
        days_past_due: 21,
      },
      '2026-03-16',
    );
    expect(derived).toMatchObject({ first_payment_date: '2025-12-01', remaining_term: 58, days_past_due: 21 });
    expect(derived.payments_made).toBe(4);
    expect(derived.loan_age_months).toBe(5);
  });

  it('when the status is not Current and dpd is absent, then days_past_due stays absent', () => {
    expect(deriveLoanFields({ loan_status: 'In Grace Period' }, '2026-03-16').days_past_due).toBeUndefined();
  });

  it('when a field failed to parse, then it is neither defaulted nor derived', () => {
    const loan: TapeLoan = {
      rowNumber: 3,
      sourceFile: 'tape.csv',
      fields: { loan_status: 'Current', origination_date: '2026-01-10', original_term: 36 },
      extras: {},
      problems: [
        { field: 'first_payment_date', raw: '31/31/2026', reason: 'impossible date' },
        { field: 'days_past_due', raw: 'x', reason: 'not a number' },
      ],
    };
    const derived = deriveLoan(loan, '2026-03-16');
    expect(derived.fields.first_payment_date).toBeUndefined();
    expect(derived.fields.days_past_due).toBeUndefined();
    expect(derived.fields.payments_made).toBeUndefined();
    expect(derived.fields.remaining_term).toBeUndefined();
    expect(derived.fields.loan_age_months).toBe(2);
    expect(loan.fields.loan_age_months).toBeUndefined();
  });
});
