// The declarative rule evaluator (spec §4). Each rule is compiled once into a closure so a
// 1,000,000-row tape costs one function call per rule per loan; no user text is ever evaluated.
import { loanKey } from './loan-key.js';
import { fieldKind, type Rule, type Rulebook } from './rulebook.schema.js';
import {
  SEVERITY_BY_ACTION,
  type Disposition,
  type LoanExceptionRecord,
  type LoanFieldName,
  type RuleAction,
  type TapeLoan,
} from './types.js';

export const US_STATE_CODES: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK ' +
    'OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'
  ).split(' '),
);

const CRITERIA_MAX_LENGTH = 200; // loan_exceptions.rejection_criteria is VARCHAR(200)
const RAW_VALUE_MAX_LENGTH = 40; // keeps a garbage cell from flooding the message

/** A loan after the rules (and later concentration): what the run stores and summarises. */
export interface LoanDecision {
  loan: TapeLoan;
  /** seller_loan_number, or ROW-<rowNumber> when the row has none. */
  key: string;
  disposition: Disposition;
  exceptions: LoanExceptionRecord[];
  /** Ids of the rulebook rules this loan failed (concentration exceptions are not rules). */
  failedRuleIds: string[];
}

export interface RuleEvaluatorOptions {
  /** Purchase date, `YYYY-MM-DD`. */
  pdate: string;
  /** True when an earlier completed run purchased this loan number. Absent: nothing was bought before. */
  previouslyPurchased?: (loanNumber: string) => boolean;
}

export interface RuleEvaluator {
  /** Judges one loan. Call in tape order: unique_in_tape remembers the rows it has seen. */
  evaluate(loan: TapeLoan): LoanDecision;
}

/**
 * How `in`/`not_in` and concentration buckets compare a field's values: numeric fields as numbers
 * (so 60 and "60" match), text fields case-insensitively after trimming ("ca" is CA).
 */
export function valueMatcher(field: LoanFieldName): (value: string | number) => string | number {
  return fieldKind(field) === 'number' ? Number : (value) => String(value).trim().toLowerCase();
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
export function formatValue(value: string | number): string {
  return typeof value === 'number' ? numberFormat.format(value) : value;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function quoteRaw(raw: string): string {
  return JSON.stringify(truncate(raw, RAW_VALUE_MAX_LENGTH));
}

/** Failure message, or null when the loan passes. */
type Judge = (loan: TapeLoan) => string | null;

interface CompiledRule {
  rule: Rule;
  criteria: string;
  /** Fields whose absence means "missing" (and triggers skip_if_missing). */
  inputs: LoanFieldName[];
  judge: Judge;
}

function missingMessage(loan: TapeLoan, field: LoanFieldName): string {
  const problem = loan.problems.find((p) => p.field === field);
  return problem ? `missing ${field} (could not parse ${quoteRaw(problem.raw)})` : `missing ${field}`;
}

function numberJudge(field: LoanFieldName, test: (v: number) => string | null): Judge {
  return (loan) => {
    const value = loan.fields[field];
    if (typeof value !== 'number') return `${field} ${String(value)} is not a number`;
    return test(value);
  };
}

function compileRule(rule: Rule, options: RuleEvaluatorOptions): CompiledRule {
  const { op, value } = rule.check;
  // The schema guarantees every op that reads `field` has one (rulebook.schema.ts checkShapeIssues).
  const field = rule.check.field as LoanFieldName;
  const fmt = formatValue;
  const compiled = (criteria: string, inputs: LoanFieldName[], judge: Judge): CompiledRule => ({
    rule,
    criteria: truncate(`${rule.name} (${criteria})`, CRITERIA_MAX_LENGTH),
    inputs,
    judge,
  });
  switch (op) {
    case 'gte': {
      const min = value as number;
      return compiled(
        `${field} >= ${fmt(min)}`,
        [field],
        numberJudge(field, (v) => (v >= min ? null : `${field} ${fmt(v)} is below the minimum ${fmt(min)}`)),
      );
    }
    case 'lte': {
      const max = value as number;
      return compiled(
        `${field} <= ${fmt(max)}`,
        [field],
        numberJudge(field, (v) => (v <= max ? null : `${field} ${fmt(v)} is above the maximum ${fmt(max)}`)),
      );
    }
    case 'between': {
      const [lo, hi] = value as [number, number];
      return compiled(
        `${field} between ${fmt(lo)} and ${fmt(hi)}`,
        [field],
        numberJudge(field, (v) =>
          v >= lo && v <= hi ? null : `${field} ${fmt(v)} is outside ${fmt(lo)} to ${fmt(hi)}`,
        ),
      );
    }
    case 'in':
    case 'not_in': {
      const entries = value as (string | number)[];
      const matchKey = valueMatcher(field);
      const keys = new Set(entries.map(matchKey));
      const shown = entries.map(fmt).join(', ');
      const wantIn = op === 'in';
      return compiled(`${field} ${wantIn ? 'in' : 'not in'} ${shown}`, [field], (loan) => {
        const actual = loan.fields[field] as string | number;
        if (keys.has(matchKey(actual)) === wantIn) return null;
        return wantIn
          ? `${field} ${fmt(actual)} is not one of ${shown}`
          : `${field} ${fmt(actual)} is excluded (${shown})`;
      });
    }
    case 'equals_ci': {
      const expected = String(value);
      const key = expected.trim().toLowerCase();
      return compiled(`${field} = ${JSON.stringify(expected)}, any case`, [field], (loan) => {
        const actual = String(loan.fields[field]);
        return actual.trim().toLowerCase() === key
          ? null
          : `${field} ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`;
      });
    }
    case 'required': {
      const listed = rule.check.fields ?? [];
      // Inputs stay empty: required reports missing fields itself instead of the generic "missing" path.
      return compiled(`required: ${listed.join(', ')}`, [], (loan) => {
        const unparsed = new Set<LoanFieldName>(loan.problems.map((p) => p.field));
        const missing = listed.filter((f) => loan.fields[f] === undefined && !unparsed.has(f));
        const parts: string[] = [];
        if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
        if (loan.problems.length > 0)
          parts.push(`could not parse ${loan.problems.map((p) => `${p.field} ${quoteRaw(p.raw)}`).join(', ')}`);
        return parts.length === 0 ? null : parts.join('; ');
      });
    }
    case 'unique_in_tape': {
      const seen = new Set<string | number>();
      return compiled(`${field} unique in tape`, [field], (loan) => {
        const actual = loan.fields[field] as string | number;
        if (!seen.has(actual)) {
          seen.add(actual);
          return null;
        }
        return `${field} ${fmt(actual)} already appeared earlier in the tape`;
      });
    }
    case 'not_previously_purchased': {
      const wasPurchased = options.previouslyPurchased ?? (() => false);
      return compiled('not purchased in an earlier completed run', ['seller_loan_number'], (loan) => {
        const number = loan.fields.seller_loan_number as string;
        return wasPurchased(number) ? `loan ${number} was purchased in an earlier run` : null;
      });
    }
    case 'balance_consistent':
      return compiled('0 < current_balance <= original_balance', ['current_balance'], (loan) => {
        const { current_balance: current, original_balance: original } = loan.fields;
        if (current === undefined) return null;
        if (current <= 0) return `current_balance ${fmt(current)} is not positive`;
        if (original !== undefined && current > original)
          return `current_balance ${fmt(current)} is above original_balance ${fmt(original)}`;
        return null;
      });
    case 'dates_consistent': {
      const pdate = options.pdate;
      const inputs: LoanFieldName[] = ['origination_date', 'first_payment_date'];
      return compiled('origination_date <= purchase date, first_payment_date > origination_date', inputs, (loan) => {
        // Both present: they are this rule's inputs. ISO dates compare correctly as strings.
        const origination = loan.fields.origination_date as string;
        const firstPayment = loan.fields.first_payment_date as string;
        const parts: string[] = [];
        if (origination > pdate) parts.push(`origination_date ${origination} is after the purchase date ${pdate}`);
        if (firstPayment <= origination)
          parts.push(`first_payment_date ${firstPayment} is not after origination_date ${origination}`);
        return parts.length === 0 ? null : parts.join('; ');
      });
    }
    case 'us_state': {
      const stateField = rule.check.field ?? 'state';
      return compiled(`${stateField} is one of the 50 US states or DC`, [stateField], (loan) => {
        const actual = String(loan.fields[stateField]);
        return US_STATE_CODES.has(actual.trim().toUpperCase())
          ? null
          : `${stateField} ${actual} is not a US state or DC`;
      });
    }
  }
}

/** reject beats hold beats purchase; flags never block a purchase. */
export function dispositionFor(failedActions: Iterable<RuleAction>): Disposition {
  let disposition: Disposition = 'purchase';
  for (const action of failedActions) {
    if (action === 'reject') return 'reject';
    if (action === 'hold') disposition = 'hold';
  }
  return disposition;
}

export function createRuleEvaluator(rulebook: Rulebook, options: RuleEvaluatorOptions): RuleEvaluator {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.pdate)) throw new Error(`pdate must be YYYY-MM-DD, got ${options.pdate}`);
  const rules = rulebook.rules.map((rule) => compileRule(rule, options));
  return {
    evaluate(loan) {
      const key = loanKey(loan);
      const exceptions: LoanExceptionRecord[] = [];
      const failedRuleIds: string[] = [];
      const failedActions: RuleAction[] = [];
      for (const { rule, criteria, inputs, judge } of rules) {
        const absent = inputs.find((field) => loan.fields[field] === undefined);
        let message: string | null;
        if (absent !== undefined) message = rule.skip_if_missing ? null : missingMessage(loan, absent);
        else message = judge(loan);
        if (message === null) continue;
        failedRuleIds.push(rule.id);
        failedActions.push(rule.action);
        exceptions.push({
          seller_loan_number: key,
          exception_type: rule.id,
          exception_category: rule.category,
          severity: SEVERITY_BY_ACTION[rule.action],
          message,
          rejection_criteria: criteria,
        });
      }
      return { loan, key, disposition: dispositionFor(failedActions), exceptions, failedRuleIds };
    },
  };
}
