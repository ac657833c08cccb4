import { describe, expect, it } from 'vitest';
import { KNOWN_FIELDS, PORTFOLIO_METRICS, RULE_OPS, parseRulebook, safeParseRulebook } from '../rulebook.schema.js';
import { defaultRulebookJson } from './decision-factories.js';

type Json = ReturnType<typeof defaultRulebookJson>;

/** Applies `edit` to a fresh default rulebook and returns its issues as "path: message". */
function issuesAfter(edit: (book: Json) => void): string[] {
  const book = defaultRulebookJson();
  edit(book);
  const result = safeParseRulebook(book);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const rule = (book: Json, index: number) =>
  book.rules[index] as { check: Record<string, unknown> } & Record<string, unknown>;
const section = (book: Json, key: string, index: number) => (book[key] as Record<string, unknown>[])[index]!;

describe('rulebook schema', () => {
  it('when the shipped default rulebook is parsed, then it is valid and keeps its shape', () => {
    const book = parseRulebook(defaultRulebookJson());
    expect(book.rules).toHaveLength(18);
    expect(book.concentration_limits.map((limit) => limit.id)).toEqual(['CO001', 'CO002', 'CO003']);
    expect(book.pricing).toEqual({ servicing_fee_pct: 0, cpr_pct: 0, cdr_pct: 0, loss_severity_pct: 0 });
    expect(book.concentration_min_pool_balance).toBe(500000);
  });

  it('when optional sections are left out, then they default to empty lists and zero assumptions', () => {
    const book = parseRulebook({ name: 'minimal', version: 1, rules: [] });
    expect(book).toMatchObject({
      concentration_limits: [],
      portfolio_tests: [],
      column_aliases: {},
      concentration_min_pool_balance: 0,
    });
    expect(book.pricing.cpr_pct).toBe(0);
  });

  it('exports the vocabulary the UI can offer', () => {
    expect(RULE_OPS).toContain('not_previously_purchased');
    expect(PORTFOLIO_METRICS).toContain('wa_fico');
    expect(KNOWN_FIELDS).toContain('loan_age_months');
    expect(new Set(KNOWN_FIELDS).size).toBe(KNOWN_FIELDS.length); // remaining_term listed once
  });

  it.each<[string, (book: Json) => void, string]>([
    [
      'an unknown op',
      (b) => (rule(b, 3).check.op = 'gt'),
      'rules.3.check.op: unknown op "gt"; supported ops: gte, lte,',
    ],
    [
      'an unknown field',
      (b) => (rule(b, 7).check.field = 'dtii'),
      'rules.7.check.field: unknown field "dtii"; known fields:',
    ],
    [
      'gte with a text value',
      (b) => (rule(b, 6).check.value = '660'),
      'rules.6.check.value: op gte needs a number value',
    ],
    [
      'gte on a text field',
      (b) => (rule(b, 6).check.field = 'state'),
      'rules.6.check.field: op gte needs a number field; state is a string',
    ],
    [
      'between with lo > hi',
      (b) => (rule(b, 11).check.value = [36, 5]),
      'rules.11.check.value: op between needs lo <= hi; got [36, 5]',
    ],
    [
      'between with one number',
      (b) => (rule(b, 11).check.value = [5]),
      'rules.11.check.value: op between needs value [lo, hi] of two numbers',
    ],
    [
      'in with an empty list',
      (b) => (rule(b, 10).check.value = []),
      'rules.10.check.value: op in needs a non-empty array value',
    ],
    [
      'in with a word on a numeric field',
      (b) => (rule(b, 10).check.value = [36, 'sixty']),
      'rules.10.check.value.1: original_term is numeric; "sixty" is not a number',
    ],
    [
      'not_in with a scalar',
      (b) => (rule(b, 15).check.value = 'IA'),
      'rules.15.check.value: op not_in needs a non-empty array value',
    ],
    [
      'equals_ci with a number',
      (b) => (rule(b, 4).check.value = 1),
      'rules.4.check.value: op equals_ci needs a string value',
    ],
    [
      'required without fields',
      (b) => delete rule(b, 0).check.fields,
      'rules.0.check.fields: op required needs a non-empty fields[] list',
    ],
    [
      'required with field',
      (b) => (rule(b, 0).check.field = 'fico'),
      'rules.0.check.field: op required takes fields[], not field',
    ],
    [
      'a named check with a value',
      (b) => (rule(b, 2).check.value = 1),
      'rules.2.check.value: op balance_consistent takes no value',
    ],
    [
      'unique_in_tape without field',
      (b) => delete rule(b, 1).check.field,
      'rules.1.check.field: op unique_in_tape needs a field',
    ],
    [
      'not_previously_purchased on another field',
      (b) => (rule(b, 17).check.field = 'state'),
      'rules.17.check.field: op not_previously_purchased only works on seller_loan_number',
    ],
    [
      'an unknown action',
      (b) => (rule(b, 5).action = 'block'),
      'rules.5.action: unknown action "block"; expected reject, hold or flag',
    ],
    ['a misspelt key', (b) => (rule(b, 5).skip_if_mising = true), 'rules.5: Unrecognized key: "skip_if_mising"'],
    [
      'a duplicate rule id',
      (b) => (rule(b, 4).id = 'DQ001'),
      'rules.4.id: duplicate id DQ001 (already used by rules.0)',
    ],
    [
      'a limit id equal to a rule id',
      (b) => (section(b, 'concentration_limits', 1).id = 'CR001'),
      'concentration_limits.1.id: duplicate id CR001 (already used by rules.6)',
    ],
    [
      'a duplicate limit id',
      (b) => (section(b, 'concentration_limits', 2).id = 'CO001'),
      'concentration_limits.2.id: duplicate id CO001 (already used by concentration_limits.0)',
    ],
    [
      'a duplicate test id',
      (b) => (section(b, 'portfolio_tests', 2).id = 'PT001'),
      'portfolio_tests.2.id: duplicate id PT001 (already used by portfolio_tests.0)',
    ],
    [
      'max_share_pct 0',
      (b) => (section(b, 'concentration_limits', 0).max_share_pct = 0),
      'concentration_limits.0.max_share_pct: max_share_pct must be above 0',
    ],
    [
      'max_share_pct 101',
      (b) => (section(b, 'concentration_limits', 0).max_share_pct = 101),
      'concentration_limits.0.max_share_pct: max_share_pct must be at most 100',
    ],
    [
      'an unknown limit dimension',
      (b) => (section(b, 'concentration_limits', 0).dimension = 'zip'),
      'concentration_limits.0.dimension: unknown field "zip"',
    ],
    [
      'an unknown metric',
      (b) => (section(b, 'portfolio_tests', 0).metric = 'wa_foo'),
      'portfolio_tests.0.metric: unknown metric "wa_foo"; supported: wa_fico,',
    ],
    [
      'a test op other than gte/lte',
      (b) => (section(b, 'portfolio_tests', 0).op = 'between'),
      'portfolio_tests.0.op: op must be gte or lte',
    ],
    [
      'CPR of 100',
      (b) => ((b.pricing as Record<string, number>).cpr_pct = 100),
      'pricing.cpr_pct: cpr_pct must be below 100',
    ],
    [
      'a negative CDR',
      (b) => ((b.pricing as Record<string, number>).cdr_pct = -1),
      'pricing.cdr_pct: cdr_pct must not be negative',
    ],
    [
      'severity above 100',
      (b) => ((b.pricing as Record<string, number>).loss_severity_pct = 101),
      'pricing.loss_severity_pct: loss_severity_pct must be between 0 and 100',
    ],
    [
      'an unknown alias target',
      (b) => ((b.column_aliases as Record<string, string[]>).zip = ['zip_code']),
      'column_aliases.zip: unknown alias target "zip"',
    ],
    [
      "an alias that is another field's name",
      (b) => (b.column_aliases as Record<string, string[]>).grade!.push('Loan Status'),
      'column_aliases.grade.1: alias Loan Status is the name of the field loan_status',
    ],
    [
      'an alias claimed twice',
      (b) => (b.column_aliases as Record<string, string[]>).grade!.push('int_rate'),
      'column_aliases.grade.1: alias int_rate already maps to interest_rate',
    ],
  ])('when a rulebook has %s, then the issue points at the spot', (_label, edit, expected) => {
    const issues = issuesAfter(edit);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain(expected);
  });

  it('when several things are wrong, including a malformed rule, then one parse reports them all', () => {
    const issues = issuesAfter((b) => {
      rule(b, 3).check.op = 'gt';
      rule(b, 4).id = 'DQ001';
      (b.pricing as Record<string, number>).cpr_pct = -5;
    });
    expect(issues.map((issue) => issue.split(':')[0])).toEqual(['rules.3.check.op', 'pricing.cpr_pct', 'rules.4.id']);
  });

  it('when the input is not an object, then it fails cleanly instead of throwing inside a check', () => {
    expect(safeParseRulebook('rules').success).toBe(false);
    expect(issuesAfter((b) => (b.column_aliases = 'abc' as unknown as string[]))).toEqual([
      'column_aliases: Invalid input: expected record, received string',
    ]);
    expect(() => parseRulebook(null)).toThrow();
  });
});
