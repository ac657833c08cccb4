// The rulebook is admin-edited data (spec §4–§6), so every mistake must come back as a 422 that
// names the exact spot (`rules.3.check.op`) instead of surfacing later as a strange run.
import { z } from 'zod';
import { normaliseHeader } from './headers.js';
import { CANONICAL_FIELDS, DERIVED_FIELDS, type LoanFieldName } from './types.js';

export const VALUE_OPS = ['gte', 'lte', 'between', 'in', 'not_in', 'equals_ci'] as const;
export const NAMED_CHECK_OPS = [
  'required',
  'unique_in_tape',
  'not_previously_purchased',
  'balance_consistent',
  'dates_consistent',
  'us_state',
] as const;
export const RULE_OPS = [...VALUE_OPS, ...NAMED_CHECK_OPS] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/** Metrics a portfolio test may name; summary.ts computes each of them over the final purchase pool. */
export const PORTFOLIO_METRICS = [
  'wa_fico',
  'wa_dti',
  'wa_interest_rate',
  'wa_remaining_term',
  'wa_original_term',
  'wa_loan_age_months',
  'wa_price_pct',
  'wal_years',
  'purchase_count',
  'purchase_balance',
] as const;
export type PortfolioMetric = (typeof PORTFOLIO_METRICS)[number];

// remaining_term is both canonical and derived; the Set removes the duplicate.
export const KNOWN_FIELDS = [...new Set<LoanFieldName>([...CANONICAL_FIELDS, ...DERIVED_FIELDS])] as [
  LoanFieldName,
  ...LoanFieldName[],
];

type FieldKind = 'number' | 'string' | 'date';
const STRING_FIELDS = new Set<LoanFieldName>([
  'seller_loan_number',
  'loan_status',
  'state',
  'grade',
  'sub_grade',
  'purpose',
]);
const DATE_FIELDS = new Set<LoanFieldName>(['origination_date', 'first_payment_date', 'maturity_date']);

export function fieldKind(field: LoanFieldName): FieldKind {
  if (STRING_FIELDS.has(field)) return 'string';
  return DATE_FIELDS.has(field) ? 'date' : 'number';
}

const list = (values: readonly string[]) => values.join(', ');
const fieldName = z.enum(KNOWN_FIELDS, {
  error: (issue) => `unknown field ${JSON.stringify(issue.input)}; known fields: ${list(KNOWN_FIELDS)}`,
});
const identifier = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const scalar = z.union([z.number(), z.string()]);

const checkSchema = z.strictObject({
  op: z.enum(RULE_OPS, {
    error: (issue) => `unknown op ${JSON.stringify(issue.input)}; supported ops: ${list(RULE_OPS)}`,
  }),
  field: fieldName.optional(),
  fields: z.array(fieldName).optional(),
  value: z
    .union([scalar, z.array(scalar)], { error: 'value must be a number, a string, or an array of numbers and strings' })
    .optional(),
});
export type RuleCheck = z.output<typeof checkSchema>;

type Issue = { path: (string | number)[]; message: string };
type Scalar = string | number;

/** What an op reads: whether it takes `field` (and of which kinds), `fields[]`, and what `value`. */
interface OpShape {
  field: 'required' | 'optional' | 'none';
  kinds?: FieldKind[];
  only?: LoanFieldName;
  fields?: true;
  value: 'number' | 'range' | 'list' | 'string' | 'none';
}
const OP_SHAPES: Record<RuleOp, OpShape> = {
  gte: { field: 'required', kinds: ['number'], value: 'number' },
  lte: { field: 'required', kinds: ['number'], value: 'number' },
  between: { field: 'required', kinds: ['number'], value: 'range' },
  in: { field: 'required', value: 'list' },
  not_in: { field: 'required', value: 'list' },
  equals_ci: { field: 'required', kinds: ['string'], value: 'string' },
  required: { field: 'none', fields: true, value: 'none' },
  unique_in_tape: { field: 'required', value: 'none' },
  not_previously_purchased: { field: 'optional', only: 'seller_loan_number', value: 'none' },
  balance_consistent: { field: 'none', value: 'none' },
  dates_consistent: { field: 'none', value: 'none' },
  us_state: { field: 'optional', kinds: ['string'], value: 'none' },
};

const isNumber = (entry: unknown): entry is number => typeof entry === 'number' && Number.isFinite(entry);
const isNumericLike = (entry: Scalar) => isNumber(entry) || (entry.trim() !== '' && Number.isFinite(Number(entry)));

/** Problems with `value` for this op, with paths relative to the check. */
function valueIssues(op: RuleOp, field: LoanFieldName | undefined, value: RuleCheck['value']): Issue[] {
  const issue = (message: string, path: (string | number)[] = ['value']): Issue[] => [{ path, message }];
  switch (OP_SHAPES[op].value) {
    case 'none':
      return value === undefined ? [] : issue(`op ${op} takes no value`);
    case 'number':
      return isNumber(value) ? [] : issue(`op ${op} needs a number value`);
    case 'string':
      return typeof value === 'string' ? [] : issue(`op ${op} needs a string value`);
    case 'range':
      if (!Array.isArray(value) || value.length !== 2 || !value.every(isNumber))
        return issue(`op ${op} needs value [lo, hi] of two numbers`);
      {
        const [lo, hi] = value as [number, number];
        return lo <= hi ? [] : issue(`op ${op} needs lo <= hi; got [${lo}, ${hi}]`);
      }
    case 'list':
      if (!Array.isArray(value) || value.length === 0) return issue(`op ${op} needs a non-empty array value`);
      if (field === undefined || fieldKind(field) !== 'number') return [];
      return value.flatMap((entry, index) =>
        isNumericLike(entry)
          ? []
          : issue(`${field} is numeric; ${JSON.stringify(entry)} is not a number`, ['value', index]),
      );
  }
}

/** What each op needs of `field` / `fields` / `value`; paths are relative to the check. */
function checkShapeIssues({ op, field, fields, value }: RuleCheck): Issue[] {
  const shape = OP_SHAPES[op];
  const issues: Issue[] = [];
  const fieldIssue = (message: string) => issues.push({ path: ['field'], message });
  if (field === undefined && shape.field === 'required') fieldIssue(`op ${op} needs a field`);
  if (field !== undefined && shape.field === 'none')
    fieldIssue(shape.fields ? `op ${op} takes fields[], not field` : `op ${op} takes no field`);
  if (field !== undefined && shape.only !== undefined && field !== shape.only)
    fieldIssue(`op ${op} only works on ${shape.only}`);
  if (field !== undefined && shape.kinds !== undefined && !shape.kinds.includes(fieldKind(field)))
    fieldIssue(`op ${op} needs a ${shape.kinds.join(' or ')} field; ${field} is a ${fieldKind(field)}`);
  if (shape.fields && (fields === undefined || fields.length === 0))
    issues.push({ path: ['fields'], message: `op ${op} needs a non-empty fields[] list` });
  if (!shape.fields && fields !== undefined)
    issues.push({ path: ['fields'], message: 'only op required takes fields[]; use field' });
  return [...issues, ...valueIssues(op, field, value)];
}

const ruleSchema = z
  .strictObject({
    id: identifier,
    name: z.string().trim().min(1, 'must not be empty'),
    category: identifier,
    action: z.enum(['reject', 'hold', 'flag'], {
      error: (issue) => `unknown action ${JSON.stringify(issue.input)}; expected reject, hold or flag`,
    }),
    check: checkSchema,
    skip_if_missing: z.boolean().optional(),
  })
  .superRefine((rule, ctx) => {
    for (const issue of checkShapeIssues(rule.check))
      ctx.addIssue({ code: 'custom', path: ['check', ...issue.path], message: issue.message });
    if (rule.skip_if_missing && rule.check.op === 'required') {
      const message = 'skip_if_missing makes no sense on required';
      ctx.addIssue({ code: 'custom', path: ['skip_if_missing'], message });
    }
  });
export type Rule = z.output<typeof ruleSchema>;

const concentrationLimitSchema = z.strictObject({
  id: identifier,
  name: z.string().trim().min(1, 'must not be empty'),
  dimension: fieldName,
  values: z.array(scalar).min(1, 'values, when given, must not be empty').optional(),
  max_share_pct: z.number().gt(0, 'max_share_pct must be above 0').lte(100, 'max_share_pct must be at most 100'),
});
export type ConcentrationLimit = z.output<typeof concentrationLimitSchema>;

const portfolioTestSchema = z.strictObject({
  id: identifier,
  name: z.string().trim().min(1, 'must not be empty'),
  metric: z.enum(PORTFOLIO_METRICS, {
    error: (issue) => `unknown metric ${JSON.stringify(issue.input)}; supported: ${list(PORTFOLIO_METRICS)}`,
  }),
  op: z.enum(['gte', 'lte'], { error: 'op must be gte or lte' }),
  value: z.number({ error: 'value must be a number' }),
});
export type PortfolioTest = z.output<typeof portfolioTestSchema>;

const annualRate = (name: string) =>
  z.number().min(0, `${name} must not be negative`).lt(100, `${name} must be below 100`).default(0);

const severityRange = 'loss_severity_pct must be between 0 and 100';
const pricingSchema = z.strictObject({
  servicing_fee_pct: annualRate('servicing_fee_pct'),
  cpr_pct: annualRate('cpr_pct'),
  cdr_pct: annualRate('cdr_pct'),
  loss_severity_pct: z.number().min(0, severityRange).max(100, severityRange).default(0),
});
export type PricingAssumptions = z.output<typeof pricingSchema>;

export const rulebookSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty'),
    version: z.number().int().positive(),
    rules: z.array(ruleSchema),
    concentration_min_pool_balance: z.number().min(0, 'must not be negative').default(0),
    concentration_limits: z.array(concentrationLimitSchema).default([]),
    portfolio_tests: z.array(portfolioTestSchema).default([]),
    pricing: pricingSchema.default({ servicing_fee_pct: 0, cpr_pct: 0, cdr_pct: 0, loss_severity_pct: 0 }),
    column_aliases: z.record(z.string(), z.array(z.string())).default({}),
  })
  // Runs even when a rule is malformed so one save reports every problem, duplicates included.
  .superRefine((book, ctx) => crossCheck(book, (issue) => ctx.addIssue({ code: 'custom', ...issue })), {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
export type Rulebook = z.output<typeof rulebookSchema>;

/** Checks across entries. Tolerates malformed entries (they carry their own issues already). */
function crossCheck(book: Partial<Rulebook>, report: (issue: Issue) => void): void {
  const claimIds = (owners: Map<string, string>, section: string, entries: unknown) => {
    if (!Array.isArray(entries)) return;
    entries.forEach((entry: { id?: unknown }, index) => {
      if (typeof entry?.id !== 'string') return;
      const id = entry.id.trim();
      const owner = owners.get(id);
      if (owner) report({ path: [section, index, 'id'], message: `duplicate id ${id} (already used by ${owner})` });
      else owners.set(id, `${section}.${index}`);
    });
  };
  // Exception rows use rule and limit ids alike as exception_type, so those two share one namespace.
  const exceptionTypes = new Map<string, string>();
  claimIds(exceptionTypes, 'rules', book.rules);
  claimIds(exceptionTypes, 'concentration_limits', book.concentration_limits);
  claimIds(new Map(), 'portfolio_tests', book.portfolio_tests);

  const canonical = new Set<string>(CANONICAL_FIELDS);
  const aliasOwner = new Map<string, string>();
  const aliases: object = typeof book.column_aliases === 'object' && book.column_aliases ? book.column_aliases : {};
  for (const [target, names] of Object.entries(aliases)) {
    if (!canonical.has(target)) {
      const message = `unknown alias target ${JSON.stringify(target)}; targets: ${list(CANONICAL_FIELDS)}`;
      report({ path: ['column_aliases', target], message });
      continue;
    }
    (Array.isArray(names) ? names : []).forEach((alias: unknown, index) => {
      if (typeof alias !== 'string') return;
      // Compare as the tape reader will: it normalises aliases exactly like headers.
      const name = normaliseHeader(alias);
      const owner = aliasOwner.get(name);
      const fail = (message: string) => report({ path: ['column_aliases', target, index], message });
      if (name === '') fail(`alias ${JSON.stringify(alias)} has no letters or digits`);
      else if (canonical.has(name) && name !== target) fail(`alias ${alias} is the name of the field ${name}`);
      else if (owner !== undefined && owner !== target) fail(`alias ${alias} already maps to ${owner}`);
      else aliasOwner.set(name, target);
    });
  }
}

/** Validates and normalises a rulebook (defaults filled in). Throws the `z.ZodError` on failure. */
export function parseRulebook(json: unknown): Rulebook {
  return rulebookSchema.parse(json);
}

export function safeParseRulebook(json: unknown): ReturnType<typeof rulebookSchema.safeParse> {
  return rulebookSchema.safeParse(json);
}
