import { describe, expect, it } from 'vitest';
import rulebook from '../../default-rulebook.json' with { type: 'json' };
import { buildTapeLoan, ficoFromRange, mapHeaders, normaliseHeader } from '../headers.js';

const aliases = rulebook.column_aliases;
const at = { rowNumber: 1, sourceFile: 'tape.csv', checkWidth: true };

describe('normaliseHeader', () => {
  it('when a header has spaces, case and punctuation, then it becomes lower_snake', () => {
    expect(normaliseHeader('  Loan Amount ')).toBe('loan_amount');
    expect(normaliseHeader('Current-Principal  Balance ($)')).toBe('current_principal_balance');
    expect(normaliseHeader('__FICO Score__')).toBe('fico_score');
    expect(normaliseHeader('Int.Rate%')).toBe('int_rate');
    expect(normaliseHeader('***')).toBe('');
  });
});

describe('mapHeaders', () => {
  it('when headers use LendingClub names, then they map through the rulebook aliases', () => {
    const mapping = mapHeaders(['id', 'loan_amnt', 'out_prncp', 'Int Rate', 'TERM', 'addr_state', 'issue_d'], aliases);
    expect(mapping.columns.map((target) => (target.kind === 'field' ? target.field : target.key))).toEqual([
      'seller_loan_number',
      'original_balance',
      'current_balance',
      'interest_rate',
      'original_term',
      'state',
      'origination_date',
    ]);
    expect(mapping.missingRequired).toEqual([]);
  });

  it('when a header is the canonical name itself, then it matches even with no alias listed', () => {
    const mapping = mapHeaders(['Seller Loan Number', 'current_balance', 'sub_grade'], {});
    expect(mapping.fieldColumns).toEqual({ seller_loan_number: 0, current_balance: 1, sub_grade: 2 });
  });

  it('when two columns map to one field, then the first wins and the second is reported and kept in extras', () => {
    const mapping = mapHeaders(['id', 'loan_amnt', 'funded_amnt', 'balance'], aliases);
    expect(mapping.fieldColumns.original_balance).toBe(1);
    expect(mapping.duplicates).toEqual([{ field: 'original_balance', header: 'funded_amnt', usedHeader: 'loan_amnt' }]);
    expect(mapping.columns[2]).toEqual({ kind: 'extra', key: 'funded_amnt' });
  });

  it('when required columns are missing, then they are listed', () => {
    expect(mapHeaders(['loan_amnt', 'int_rate'], aliases).missingRequired).toEqual([
      'seller_loan_number',
      'current_balance',
    ]);
  });

  it('when unknown, blank and repeated headers appear, then each extra column keeps a distinct key', () => {
    const mapping = mapHeaders(['id', 'upb', 'Emp Length', '', 'note', 'note'], aliases);
    expect(mapping.columns.slice(2)).toEqual([
      { kind: 'extra', key: 'Emp Length' },
      { kind: 'extra', key: 'column_4' },
      { kind: 'extra', key: 'note' },
      { kind: 'extra', key: 'note (2)' },
    ]);
  });

  it('when an admin alias is not normalised, then it still matches', () => {
    const mapping = mapHeaders(['Loan Ref', 'UNPAID-BALANCE'], {
      seller_loan_number: ['Loan Ref'],
      current_balance: ['Unpaid Balance'],
    });
    expect(mapping.fieldColumns.seller_loan_number).toBe(0);
    expect(mapping.fieldColumns.current_balance).toBe(1);
  });
});

describe('FICO fallback', () => {
  it('when the range is 715–716, then the mean 715.5 rounds half up to 716', () => {
    expect(ficoFromRange(715, 716)).toBe(716);
    expect(ficoFromRange(700, 704)).toBe(702);
    expect(ficoFromRange(700, undefined)).toBe(700);
    expect(ficoFromRange(undefined, undefined)).toBeUndefined();
  });

  it('when the tape has no fico column but a range, then fico is the mean and the range stays in extras', () => {
    const mapping = mapHeaders(['id', 'upb', 'FICO Range Low', 'fico_range_high'], aliases);
    const loan = buildTapeLoan(mapping, ['L1', '1000', '715', '716'], at);
    expect(loan.fields.fico).toBe(716);
    expect(loan.extras).toEqual({ 'FICO Range Low': '715', fico_range_high: '716' });
  });

  it('when the tape has a fico column, then the range is ignored', () => {
    const mapping = mapHeaders(['id', 'upb', 'credit_score', 'fico_range_low', 'fico_range_high'], aliases);
    expect(mapping.ficoRange).toBeUndefined();
    expect(buildTapeLoan(mapping, ['L1', '1000', '690', '715', '719'], at).fields.fico).toBe(690);
  });

  it('when a range value is garbage, then fico is absent with a problem naming the column', () => {
    const mapping = mapHeaders(['id', 'upb', 'fico_range_low', 'fico_range_high'], aliases);
    const loan = buildTapeLoan(mapping, ['L1', '1000', 'x7', '719'], at);
    expect(loan.fields.fico).toBeUndefined();
    expect(loan.problems).toEqual([{ field: 'fico', raw: 'x7', reason: 'fico_range_low: not a number' }]);
  });
});

describe('buildTapeLoan', () => {
  const mapping = mapHeaders(['id', 'upb', 'int_rate', 'issue_d', 'memo'], aliases);

  it('when values parse, then canonical fields are typed and extras untouched', () => {
    const loan = buildTapeLoan(mapping, [' L1 ', '$1,250.50', '13.56%', 'Dec-2026', '  keep  me '], at);
    expect(loan.fields).toEqual({
      seller_loan_number: 'L1',
      current_balance: 1250.5,
      interest_rate: 13.56,
      origination_date: '2026-12-01',
    });
    expect(loan.extras).toEqual({ memo: '  keep  me ' });
    expect(loan.problems).toEqual([]);
  });

  it('when a value cannot be parsed, then the field is absent and a problem names field, raw and reason', () => {
    const loan = buildTapeLoan(mapping, ['L1', '12abc', '13.56%', '2026-02-30', ''], at);
    expect(loan.fields.current_balance).toBeUndefined();
    expect(loan.fields.origination_date).toBeUndefined();
    expect(loan.problems).toEqual([
      { field: 'current_balance', raw: '12abc', reason: 'not a valid amount' },
      { field: 'origination_date', raw: '2026-02-30', reason: 'impossible date' },
    ]);
  });

  it('when a CSV row is short, then the first cut-off field is named and the loan still builds', () => {
    const loan = buildTapeLoan(mapping, ['L1', '900'], { ...at, rowNumber: 7 });
    expect(loan.rowNumber).toBe(7);
    expect(loan.fields).toEqual({ seller_loan_number: 'L1', current_balance: 900 });
    expect(loan.problems).toEqual([
      { field: 'interest_rate', raw: 'L1,900', reason: 'row has 2 values but the header has 5 columns' },
    ]);
  });

  it('when a CSV row is long, then the last mapped field is dropped and named, and the spill-over kept', () => {
    const loan = buildTapeLoan(mapping, ['L1', '12', '000.00', '13.5%', 'Jan-2026', 'memo'], at);
    expect(loan.fields.origination_date).toBeUndefined();
    expect(loan.problems[0]).toMatchObject({
      field: 'origination_date',
      reason: 'row has 6 values but the header has 5 columns',
    });
    expect(loan.extras).toEqual({ memo: 'Jan-2026', column_6: 'memo' });
  });
});
