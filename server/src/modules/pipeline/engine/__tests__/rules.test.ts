import { describe, expect, it } from 'vitest';
import { createRuleEvaluator, dispositionFor, US_STATE_CODES, type RuleEvaluatorOptions } from '../rules.js';
import type { LoanFields, ParseProblem } from '../types.js';
import { cleanLoan, defaultRulebook, makeLoan, rulebookWith } from './decision-factories.js';

const PDATE = '2025-03-03';

/** One rule, one loan: the failure message (null when the rule passes). */
function judge(
  check: Record<string, unknown>,
  fields: LoanFields,
  extra: { skip_if_missing?: boolean; problems?: ParseProblem[]; options?: Partial<RuleEvaluatorOptions> } = {},
) {
  const rule = { id: 'R1', name: 'Rule one', category: 'test', action: 'reject', check };
  const book = rulebookWith({ rules: [{ ...rule, ...(extra.skip_if_missing ? { skip_if_missing: true } : {}) }] });
  const evaluator = createRuleEvaluator(book, { pdate: PDATE, ...extra.options });
  const decision = evaluator.evaluate(makeLoan(fields, { problems: extra.problems }));
  return decision.exceptions[0]?.message ?? null;
}

const unparseable = (field: ParseProblem['field'], raw: string): ParseProblem[] => [
  { field, raw, reason: 'not a number' },
];

describe('value ops', () => {
  const gte = { field: 'fico', op: 'gte', value: 660 };
  it('when fico is at or above the minimum, then gte passes (660 is the boundary)', () => {
    expect(judge(gte, { fico: 660 })).toBeNull();
    expect(judge(gte, { fico: 800 })).toBeNull();
  });
  it('when fico is below the minimum, then gte fails naming the value and the threshold', () => {
    expect(judge(gte, { fico: 659 })).toBe('fico 659 is below the minimum 660');
  });
  it('when the field is missing, then the rule fails with "missing <field>" unless skip_if_missing', () => {
    expect(judge(gte, {})).toBe('missing fico');
    expect(judge(gte, {}, { skip_if_missing: true })).toBeNull();
  });
  it('when the value could not be parsed, then it counts as missing and the message shows the raw value', () => {
    expect(judge(gte, {}, { problems: unparseable('fico', '7OO') })).toBe('missing fico (could not parse "7OO")');
    expect(judge(gte, {}, { problems: unparseable('fico', '7OO'), skip_if_missing: true })).toBeNull();
  });

  const lte = { field: 'dti', op: 'lte', value: 40 };
  it('when dti is 40, then lte passes; 40.01 fails', () => {
    expect(judge(lte, { dti: 40 })).toBeNull();
    expect(judge(lte, { dti: 40.01 })).toBe('dti 40.01 is above the maximum 40');
  });
  it('when money is in the message, then it reads with thousands separators', () => {
    const income = { field: 'annual_income', op: 'gte', value: 25000 };
    expect(judge(income, { annual_income: 24999.5 })).toBe('annual_income 24,999.5 is below the minimum 25,000');
  });

  const between = { field: 'interest_rate', op: 'between', value: [5, 36] };
  it('when the rate is 5 or 36, then between passes (inclusive); 4.99 and 36.01 fail', () => {
    expect(judge(between, { interest_rate: 5 })).toBeNull();
    expect(judge(between, { interest_rate: 36 })).toBeNull();
    expect(judge(between, { interest_rate: 4.99 })).toBe('interest_rate 4.99 is outside 5 to 36');
    expect(judge(between, { interest_rate: 36.01 })).toBe('interest_rate 36.01 is outside 5 to 36');
    expect(judge(between, {})).toBe('missing interest_rate');
  });

  it('when original_term is in [36, 60], then in passes; 48 fails', () => {
    const check = { field: 'original_term', op: 'in', value: [36, 60] };
    expect(judge(check, { original_term: 60 })).toBeNull();
    expect(judge(check, { original_term: 48 })).toBe('original_term 48 is not one of 36, 60');
    expect(judge(check, {})).toBe('missing original_term');
  });
  it('when the list holds numeric strings, then a numeric field still compares as numbers', () => {
    expect(judge({ field: 'original_term', op: 'in', value: ['36', '60.0'] }, { original_term: 60 })).toBeNull();
  });
  it('when a text field is compared with in / not_in, then case and surrounding spaces do not matter', () => {
    expect(judge({ field: 'grade', op: 'in', value: ['a', 'B '] }, { grade: 'b' })).toBeNull();
    const notIn = { field: 'state', op: 'not_in', value: ['IA', 'WV'] };
    expect(judge(notIn, { state: 'ia' })).toBe('state ia is excluded (IA, WV)');
    expect(judge(notIn, { state: 'CA' })).toBeNull();
    expect(judge(notIn, {}, { skip_if_missing: true })).toBeNull();
  });

  const equals = { field: 'loan_status', op: 'equals_ci', value: 'Current' };
  it('when loan_status is "current" in any case, then equals_ci passes; another status fails', () => {
    expect(judge(equals, { loan_status: 'CURRENT' })).toBeNull();
    expect(judge(equals, { loan_status: ' current ' })).toBeNull();
    expect(judge(equals, { loan_status: 'Late (16-30 days)' })).toBe(
      'loan_status "Late (16-30 days)" is not "Current"',
    );
    expect(judge(equals, {})).toBe('missing loan_status');
  });
});

describe('named checks', () => {
  const required = { op: 'required', fields: ['seller_loan_number', 'current_balance', 'state'] };
  it('when every listed field is present and nothing failed to parse, then required passes', () => {
    expect(judge(required, { seller_loan_number: 'A', current_balance: 1, state: 'CA' })).toBeNull();
  });
  it('when listed fields are missing, then required names them all', () => {
    expect(judge(required, { seller_loan_number: 'A' })).toBe('missing current_balance, state');
  });
  it('when any value on the row failed to parse, even an unlisted one, then required fails naming field and raw value', () => {
    const fields = { seller_loan_number: 'A', current_balance: 1, state: 'CA' };
    expect(judge(required, fields, { problems: unparseable('fico', 'n/a') })).toBe('could not parse fico "n/a"');
    const both = judge(required, { seller_loan_number: 'A' }, { problems: unparseable('current_balance', '$1,2x') });
    expect(both).toBe('missing state; could not parse current_balance "$1,2x"');
  });
  it('when a raw value is very long, then the message quotes only its start', () => {
    const message = judge(required, {}, { problems: unparseable('fico', 'x'.repeat(500)) })!;
    expect(message).toContain(`"${'x'.repeat(39)}…"`);
  });

  it('when a loan number repeats, then the second and later rows fail and the first is judged on its merits', () => {
    const book = rulebookWith({
      rules: [
        {
          id: 'DQ002',
          name: 'Unique',
          category: 'dq',
          action: 'reject',
          check: { op: 'unique_in_tape', field: 'seller_loan_number' },
        },
      ],
    });
    const evaluator = createRuleEvaluator(book, { pdate: PDATE });
    const numbers = ['A', 'B', 'A', 'C', 'A', 'B'];
    const dispositions = numbers.map((n) => evaluator.evaluate(makeLoan({ seller_loan_number: n })).disposition);
    expect(dispositions).toEqual(['purchase', 'purchase', 'reject', 'purchase', 'reject', 'reject']);
    const third = evaluator.evaluate(makeLoan({ seller_loan_number: 'C' }));
    expect(third.exceptions[0]?.message).toBe('seller_loan_number C already appeared earlier in the tape');
    // A fresh evaluator is a fresh tape.
    expect(
      createRuleEvaluator(book, { pdate: PDATE }).evaluate(makeLoan({ seller_loan_number: 'A' })).disposition,
    ).toBe('purchase');
  });

  it('when an earlier completed run bought the loan, then not_previously_purchased fails; others pass', () => {
    const check = { op: 'not_previously_purchased', field: 'seller_loan_number' };
    const options = { previouslyPurchased: (n: string) => n === 'L2' };
    expect(judge(check, { seller_loan_number: 'L2' }, { options })).toBe('loan L2 was purchased in an earlier run');
    expect(judge(check, { seller_loan_number: 'L1' }, { options })).toBeNull();
    expect(judge(check, { seller_loan_number: 'L2' })).toBeNull(); // no lookup given: nothing bought before
    expect(judge(check, {}, { options })).toBe('missing seller_loan_number');
  });

  const balance = { op: 'balance_consistent' };
  it('when current balance is positive and not above original, then balance_consistent passes', () => {
    expect(judge(balance, { current_balance: 1000, original_balance: 1000 })).toBeNull();
    expect(judge(balance, { current_balance: 0.01 })).toBeNull(); // original is optional
  });
  it('when current balance is 0 or above original, then balance_consistent fails with both numbers', () => {
    expect(judge(balance, { current_balance: 0, original_balance: 1000 })).toBe('current_balance 0 is not positive');
    expect(judge(balance, { current_balance: 12000.5, original_balance: 12000 })).toBe(
      'current_balance 12,000.5 is above original_balance 12,000',
    );
    expect(judge(balance, { original_balance: 1000 })).toBe('missing current_balance');
  });

  const dates = { op: 'dates_consistent' };
  it('when origination is on the purchase date and the first payment after it, then dates_consistent passes', () => {
    expect(judge(dates, { origination_date: PDATE, first_payment_date: '2025-04-03' })).toBeNull();
  });
  it('when origination is after pdate or the first payment is not after origination, then it fails saying which', () => {
    expect(judge(dates, { origination_date: '2025-03-04', first_payment_date: '2025-04-04' })).toBe(
      'origination_date 2025-03-04 is after the purchase date 2025-03-03',
    );
    expect(judge(dates, { origination_date: '2025-01-10', first_payment_date: '2025-01-10' })).toBe(
      'first_payment_date 2025-01-10 is not after origination_date 2025-01-10',
    );
    expect(judge(dates, { origination_date: '2025-05-01', first_payment_date: '2025-04-01' })).toBe(
      'origination_date 2025-05-01 is after the purchase date 2025-03-03; ' +
        'first_payment_date 2025-04-01 is not after origination_date 2025-05-01',
    );
    expect(judge(dates, { origination_date: '2025-01-10' })).toBe('missing first_payment_date');
  });
  it('when pdate is not YYYY-MM-DD, then creating the evaluator throws', () => {
    expect(() => createRuleEvaluator(rulebookWith({}), { pdate: '03/03/2025' })).toThrow(/YYYY-MM-DD/);
  });

  const usState = { op: 'us_state', field: 'state' };
  it('when the state is one of the 50 states or DC in any case, then us_state passes; PR and XX fail', () => {
    expect(US_STATE_CODES.size).toBe(51);
    expect(judge(usState, { state: 'DC' })).toBeNull();
    expect(judge(usState, { state: 'tx' })).toBeNull();
    expect(judge(usState, { state: 'PR' })).toBe('state PR is not a US state or DC');
    expect(judge(usState, { state: 'XX' })).toBe('state XX is not a US state or DC');
    expect(judge({ op: 'us_state' }, {})).toBe('missing state'); // field defaults to state
  });
});

describe('dispositions and exception rows', () => {
  const rule = (id: string, action: string, field: string) => ({
    id,
    name: `${field} at least 10`,
    category: 'credit',
    action,
    check: { field, op: 'gte', value: 10 },
  });
  const book = rulebookWith({
    rules: [rule('F1', 'flag', 'fico'), rule('H1', 'hold', 'dti'), rule('R1', 'reject', 'annual_income')],
  });
  const evaluate = (fields: LoanFields) => createRuleEvaluator(book, { pdate: PDATE }).evaluate(makeLoan(fields));

  it('when only a flag rule fails, then the loan is still purchased with an info exception', () => {
    const decision = evaluate({ seller_loan_number: 'A1', fico: 1, dti: 10, annual_income: 10 });
    expect(decision.disposition).toBe('purchase');
    expect(decision.exceptions).toEqual([
      {
        seller_loan_number: 'A1',
        exception_type: 'F1',
        exception_category: 'credit',
        severity: 'info',
        message: 'fico 1 is below the minimum 10',
        rejection_criteria: 'fico at least 10 (fico >= 10)',
      },
    ]);
  });
  it('when a hold and a flag rule fail, then the loan is held; with a reject too, rejected with all three rows', () => {
    expect(evaluate({ fico: 1, dti: 1, annual_income: 10 }).disposition).toBe('hold');
    const decision = evaluate({ fico: 1, dti: 1, annual_income: 1 });
    expect(decision.disposition).toBe('reject');
    expect(decision.failedRuleIds).toEqual(['F1', 'H1', 'R1']);
    expect(decision.exceptions.map((e) => e.severity)).toEqual(['info', 'warning', 'error']);
  });
  it('when the loan has no loan number, then its exception rows use ROW-<rowNumber>', () => {
    const decision = createRuleEvaluator(book, { pdate: PDATE }).evaluate(makeLoan({}, { rowNumber: 7 }));
    expect(decision.key).toBe('ROW-7');
    expect(decision.exceptions.every((e) => e.seller_loan_number === 'ROW-7')).toBe(true);
  });
  it('when the rule name is long, then rejection_criteria is cut to 200 characters', () => {
    const long = rulebookWith({ rules: [{ ...rule('R9', 'reject', 'fico'), name: 'n'.repeat(300) }] });
    const row = createRuleEvaluator(long, { pdate: PDATE }).evaluate(makeLoan({ fico: 1 })).exceptions[0]!;
    expect(row.rejection_criteria).toHaveLength(200);
    expect(row.rejection_criteria.endsWith('…')).toBe(true);
  });
  it('when actions are combined, then reject beats hold beats purchase', () => {
    expect(dispositionFor([])).toBe('purchase');
    expect(dispositionFor(['flag', 'flag'])).toBe('purchase');
    expect(dispositionFor(['flag', 'hold'])).toBe('hold');
    expect(dispositionFor(['hold', 'reject', 'flag'])).toBe('reject');
  });
});

describe('the default rulebook', () => {
  const evaluateAll = (loans: ReturnType<typeof cleanLoan>[], purchasedBefore: string[] = []) => {
    const evaluator = createRuleEvaluator(defaultRulebook(), {
      pdate: PDATE,
      previouslyPurchased: (n) => purchasedBefore.includes(n),
    });
    return loans.map((loan) => evaluator.evaluate(loan));
  };

  it('when a loan meets every criterion, then it is purchased with no exceptions', () => {
    const [decision] = evaluateAll([cleanLoan()]);
    expect(decision).toMatchObject({ disposition: 'purchase', exceptions: [] });
  });
  it('when a loan is seasoned 8 months with a low income, then it is held by SE001 and CR004', () => {
    const [decision] = evaluateAll([cleanLoan({ loan_age_months: 8, annual_income: 20000 })]);
    expect(decision!.disposition).toBe('hold');
    expect(decision!.failedRuleIds).toEqual(['CR004', 'SE001']);
  });
  it('when a messy row arrives, then it is rejected with one row per failed rule', () => {
    const messy = cleanLoan(
      {
        fico: undefined,
        state: 'IA',
        grade: 'F',
        original_term: 48,
        loan_status: 'Late (31-120 days)',
        days_past_due: 45,
      },
      { problems: [{ field: 'fico', raw: 'seven hundred', reason: 'not a number' }] },
    );
    const [decision] = evaluateAll([messy]);
    expect(decision!.disposition).toBe('reject');
    expect(decision!.failedRuleIds).toEqual(['DQ001', 'PF001', 'PF002', 'CR001', 'CR003', 'LT001', 'GE001']);
    const messages = Object.fromEntries(decision!.exceptions.map((e) => [e.exception_type, e.message]));
    expect(messages).toMatchObject({
      DQ001: 'could not parse fico "seven hundred"',
      PF002: 'days_past_due 45 is above the maximum 0',
      CR001: 'missing fico (could not parse "seven hundred")',
      CR003: 'grade F is excluded (F, G)',
      LT001: 'original_term 48 is not one of 36, 60',
    });
  });
  it('when the same loan number appears twice and was bought before, then both rows are rejected by PO001 and the second by DQ002', () => {
    const decisions = evaluateAll([cleanLoan(), cleanLoan()], ['L0001']);
    expect(decisions.map((d) => d.failedRuleIds)).toEqual([['PO001'], ['DQ002', 'PO001']]);
  });
});
