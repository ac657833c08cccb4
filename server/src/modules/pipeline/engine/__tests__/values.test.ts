import { describe, expect, it } from 'vitest';
import { parseCanonicalValue, parseDate, parseDecimalText, rawToText } from '../values.js';

const ok = (value: string | number) => ({ status: 'ok', value });
const invalid = (reason: string) => ({ status: 'invalid', reason });
const absent = { status: 'absent' };

describe('money', () => {
  it('when an amount carries $, thousands separators and spaces, then it is a number', () => {
    expect(parseCanonicalValue('current_balance', '$12,000.00')).toEqual(ok(12000));
    expect(parseCanonicalValue('current_balance', ' 1 250.5 ')).toEqual(ok(1250.5));
    expect(parseCanonicalValue('original_balance', '-$35.10')).toEqual(ok(-35.1));
    expect(parseCanonicalValue('annual_income', '1.2E+04')).toEqual(ok(12000));
    expect(parseCanonicalValue('monthly_payment', 315.63)).toEqual(ok(315.63));
  });

  it('when an amount is garbage or a misplaced separator, then it is reported, not guessed', () => {
    expect(parseCanonicalValue('current_balance', '12abc')).toEqual(invalid('not a valid amount'));
    expect(parseCanonicalValue('current_balance', '12,5')).toEqual(invalid('not a valid amount'));
    expect(parseCanonicalValue('current_balance', '$')).toEqual(invalid('not a valid amount'));
    expect(parseCanonicalValue('current_balance', true)).toEqual(invalid('not a valid amount'));
  });

  it('when a cell is empty or a null marker, then the value is absent, not a problem', () => {
    expect(parseCanonicalValue('current_balance', '')).toEqual(absent);
    expect(parseCanonicalValue('current_balance', '   ')).toEqual(absent);
    expect(parseCanonicalValue('current_balance', undefined)).toEqual(absent);
    expect(parseCanonicalValue('dti', 'N/A')).toEqual(absent);
    expect(parseCanonicalValue('origination_date', '#N/A')).toEqual(absent);
  });

  it('when decimal text is parsed directly, then only well-formed numbers pass', () => {
    expect(parseDecimalText('1,234,567.891')).toBe(1234567.891);
    expect(parseDecimalText('.5')).toBe(0.5);
    expect(parseDecimalText('1,23,456')).toBeUndefined();
    expect(parseDecimalText('1.2.3')).toBeUndefined();
  });
});

describe('percent', () => {
  it('when the rate has a % sign, then it is read in percent', () => {
    expect(parseCanonicalValue('interest_rate', '13.56%')).toEqual(ok(13.56));
    expect(parseCanonicalValue('interest_rate', ' 7.5 % ')).toEqual(ok(7.5));
    expect(parseCanonicalValue('interest_rate', '0.99%')).toEqual(ok(0.99));
  });

  it('when a plain rate is at most 1, then it is a fraction: 0.1356 → 13.56', () => {
    expect(parseCanonicalValue('interest_rate', '0.1356')).toEqual(ok(13.56));
    expect(parseCanonicalValue('interest_rate', 0.0725)).toEqual(ok(7.25));
    expect(parseCanonicalValue('interest_rate', '1')).toEqual(ok(100));
    expect(parseCanonicalValue('interest_rate', '13.56')).toEqual(ok(13.56));
  });

  it('when a DTI is 0.53, then it stays 0.53 (a DTI below 1% is real)', () => {
    expect(parseCanonicalValue('dti', '0.53')).toEqual(ok(0.53));
    expect(parseCanonicalValue('dti', 0.53)).toEqual(ok(0.53));
    expect(parseCanonicalValue('dti', '18.2%')).toEqual(ok(18.2));
  });

  it('when a percent is garbage, then it is reported', () => {
    expect(parseCanonicalValue('interest_rate', 'abc%')).toEqual(invalid('not a valid percent'));
    expect(parseCanonicalValue('interest_rate', '$13')).toEqual(invalid('not a valid percent'));
    expect(parseCanonicalValue('dti', '12%%')).toEqual(invalid('not a valid percent'));
  });
});

describe('months and integers', () => {
  it('when a term reads " 36 months", then it is 36', () => {
    expect(parseCanonicalValue('original_term', ' 36 months')).toEqual(ok(36));
    expect(parseCanonicalValue('original_term', '60 Months')).toEqual(ok(60));
    expect(parseCanonicalValue('remaining_term', '1 month')).toEqual(ok(1));
    expect(parseCanonicalValue('original_term', '36')).toEqual(ok(36));
    expect(parseCanonicalValue('original_term', 60)).toEqual(ok(60));
  });

  it('when a term is not a whole number of months, then it is reported', () => {
    expect(parseCanonicalValue('original_term', '36.5')).toEqual(invalid('not a whole number of months'));
    expect(parseCanonicalValue('original_term', '3 years')).toEqual(invalid('not a whole number of months'));
    expect(parseCanonicalValue('original_term', -36)).toEqual(invalid('not a whole number of months'));
  });

  it('when an integer field has a fraction, then it is reported; "720.0" is fine', () => {
    expect(parseCanonicalValue('fico', '720.0')).toEqual(ok(720));
    expect(parseCanonicalValue('days_past_due', '0')).toEqual(ok(0));
    expect(parseCanonicalValue('fico', '720.5')).toEqual(invalid('not a whole number'));
    expect(parseCanonicalValue('fico', 'seven')).toEqual(invalid('not a number'));
  });
});

describe('dates', () => {
  it('when a date is YYYY-MM-DD or MM/DD/YYYY, then it is ISO', () => {
    expect(parseDate('2026-01-15')).toEqual(ok('2026-01-15'));
    expect(parseDate('2026-1-5')).toEqual(ok('2026-01-05'));
    expect(parseDate('2026-01-15 00:00:00')).toEqual(ok('2026-01-15'));
    expect(parseDate('12/31/2026')).toEqual(ok('2026-12-31'));
    expect(parseDate('1/5/2026 0:00')).toEqual(ok('2026-01-05'));
  });

  it('when a date is Mon-YYYY or YYYY-MM, then it is the 1st of the month: Dec-2026 → 2026-12-01', () => {
    expect(parseDate('Dec-2026')).toEqual(ok('2026-12-01'));
    expect(parseDate('jan-2027')).toEqual(ok('2027-01-01'));
    expect(parseDate('2026-07')).toEqual(ok('2026-07-01'));
  });

  it('when a date is impossible, then it is rejected: 2026-02-30, 31/31/2026, 2026-13', () => {
    expect(parseDate('2026-02-30')).toEqual(invalid('impossible date'));
    expect(parseDate('02/29/2026')).toEqual(invalid('impossible date'));
    expect(parseDate('2026-13')).toEqual(invalid('impossible date'));
    expect(parseDate('31/31/2026')).toEqual(invalid('impossible date'));
    expect(parseDate('02/29/2028')).toEqual(ok('2028-02-29'));
  });

  it('when a date is in no accepted format, then it is reported', () => {
    const notADate = invalid('not a date (expected YYYY-MM-DD, MM/DD/YYYY, Mon-YYYY or YYYY-MM)');
    expect(parseDate('15.01.2026')).toEqual(notADate);
    expect(parseDate('Dex-2026')).toEqual(notADate);
    expect(parseDate('46357')).toEqual(notADate);
    expect(parseDate('0001-01-01')).toEqual(invalid('year outside 1900–2199'));
  });

  it('when an xlsx cell holds an Excel serial 46357, then it is 2026-12-01 (time of day dropped)', () => {
    expect(parseDate(46357)).toEqual(ok('2026-12-01'));
    expect(parseDate(46357.75)).toEqual(ok('2026-12-01'));
    expect(parseDate(45658)).toEqual(ok('2025-01-01'));
    expect(parseDate(-3)).toEqual(invalid('not a valid date serial number'));
  });

  it('when an xlsx cell holds a Date, then its UTC calendar day is used', () => {
    expect(parseDate(new Date(Date.UTC(2026, 11, 1)))).toEqual(ok('2026-12-01'));
    // exceljs turns a serial into a Date to the millisecond: 1 ms before midnight is float noise.
    expect(parseDate(new Date(Date.UTC(2026, 11, 1) - 1))).toEqual(ok('2026-12-01'));
    expect(parseDate(new Date(Number.NaN))).toEqual(invalid('not a valid date'));
  });
});

describe('text', () => {
  it('when text has spaces, then it is trimmed; state and grade are upper-cased', () => {
    expect(parseCanonicalValue('seller_loan_number', '  LN-001 ')).toEqual(ok('LN-001'));
    expect(parseCanonicalValue('seller_loan_number', 100234)).toEqual(ok('100234'));
    expect(parseCanonicalValue('state', ' ca ')).toEqual(ok('CA'));
    expect(parseCanonicalValue('grade', 'b')).toEqual(ok('B'));
    expect(parseCanonicalValue('loan_status', ' Late (16-30 days) ')).toEqual(ok('Late (16-30 days)'));
    expect(parseCanonicalValue('purpose', '  ')).toEqual(absent);
    expect(parseCanonicalValue('purpose', 'none')).toEqual(ok('none'));
  });

  it('when a raw value is shown in a problem, then it reads as the seller wrote it', () => {
    expect(rawToText(new Date(Date.UTC(2026, 0, 31)))).toBe('2026-01-31');
    expect(rawToText(false)).toBe('FALSE');
    expect(rawToText(12.5)).toBe('12.5');
    expect(rawToText(null)).toBe('');
  });
});
