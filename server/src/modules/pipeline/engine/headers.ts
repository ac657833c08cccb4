// Header normalisation and alias mapping (pipeline spec §3). Sellers name the same column many ways
// ("Loan Amount", "loan_amnt", "LOAN-AMOUNT"), so headers are normalised first and then looked up in
// the rulebook's alias table, which admins can extend without a code change.
import { parseCanonicalValue, rawToText, setLoanField, type RawValue } from './values.js';
import { CANONICAL_FIELDS, type CanonicalField, type LoanFields, type ParseProblem, type TapeLoan } from './types.js';

/**
 * The rulebook's `column_aliases`: aliases per canonical field (the name itself always matches). Keyed
 * by plain strings so a rulebook parsed from JSON fits as is; keys that are not canonical fields are ignored.
 */
export type ColumnAliases = Readonly<Record<string, readonly string[] | undefined>>;

/** Columns a tape cannot be read without: a run-level error, not a per-loan one (spec §3). */
export const REQUIRED_COLUMNS: readonly CanonicalField[] = ['seller_loan_number', 'current_balance'];

// LendingClub-style tapes carry a FICO range instead of a score; the spec derives the score from it.
const FICO_LOW = 'fico_range_low';
const FICO_HIGH = 'fico_range_high';

/** What one tape column feeds. */
export type ColumnTarget = { kind: 'field'; field: CanonicalField } | { kind: 'extra'; key: string };

/** A column that named a canonical field already taken by an earlier column (it is kept in extras). */
export interface DuplicateColumn {
  field: CanonicalField;
  header: string;
  /** The original header of the earlier column that won. */
  usedHeader: string;
}

export interface HeaderMapping {
  /** Original headers, in column order. */
  headers: string[];
  /** One target per column, in column order. */
  columns: ColumnTarget[];
  /** Column index of each mapped canonical field. */
  fieldColumns: Partial<Record<CanonicalField, number>>;
  /** Column indexes of the FICO range, used only when no column maps to `fico`. */
  ficoRange?: { low?: number; high?: number };
  duplicates: DuplicateColumn[];
  /** Required canonical fields no column maps to. */
  missingRequired: CanonicalField[];
}

/** Trim, lower-case, runs of non-alphanumerics → `_`, no leading/trailing `_`: "Loan Amount " → "loan_amount". */
export function normaliseHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Normalised name → canonical field. Canonical names are entered first so an alias an admin adds
 * can never steal another field's own name; between aliases, the field listed first in the spec wins.
 */
export function buildAliasLookup(aliases: ColumnAliases): Map<string, CanonicalField> {
  const lookup = new Map<string, CanonicalField>();
  for (const field of CANONICAL_FIELDS) lookup.set(field, field);
  for (const field of CANONICAL_FIELDS) {
    for (const alias of aliases[field] ?? []) {
      const name = normaliseHeader(alias);
      if (name && !lookup.has(name)) lookup.set(name, field);
    }
  }
  return lookup;
}

/**
 * Maps a tape's header row to canonical fields. The first column naming a field wins (later ones
 * are reported as duplicates and kept in extras so no seller data is lost). Unknown columns are
 * kept under their original header; a blank header becomes `column_<n>`, and a repeated original
 * header gets ` (2)`, ` (3)`… so two columns never overwrite each other in the loan's data.
 */
export function mapHeaders(headers: readonly string[], aliases: ColumnAliases): HeaderMapping {
  const lookup = buildAliasLookup(aliases);
  const fieldColumns: Partial<Record<CanonicalField, number>> = {};
  const duplicates: DuplicateColumn[] = [];
  const extraKeys = new Set<string>();
  let ficoLow: number | undefined;
  let ficoHigh: number | undefined;

  const columns = headers.map((header, index): ColumnTarget => {
    const name = normaliseHeader(header);
    const field = lookup.get(name);
    if (field !== undefined) {
      const used = fieldColumns[field];
      if (used === undefined) {
        fieldColumns[field] = index;
        return { kind: 'field', field };
      }
      duplicates.push({ field, header, usedHeader: headers[used] ?? '' });
    } else if (name === FICO_LOW && ficoLow === undefined) {
      ficoLow = index;
    } else if (name === FICO_HIGH && ficoHigh === undefined) {
      ficoHigh = index;
    }
    return { kind: 'extra', key: uniqueExtraKey(header, index, extraKeys) };
  });

  const mapping: HeaderMapping = {
    headers: [...headers],
    columns,
    fieldColumns,
    duplicates,
    missingRequired: REQUIRED_COLUMNS.filter((field) => fieldColumns[field] === undefined),
  };
  if (fieldColumns.fico === undefined && (ficoLow !== undefined || ficoHigh !== undefined)) {
    mapping.ficoRange = { low: ficoLow, high: ficoHigh };
  }
  return mapping;
}

function uniqueExtraKey(header: string, index: number, taken: Set<string>): string {
  const base = header.trim() === '' ? `column_${index + 1}` : header;
  let key = base;
  for (let occurrence = 2; taken.has(key); occurrence++) key = `${base} (${occurrence})`;
  taken.add(key);
  return key;
}

/**
 * FICO from a LendingClub-style range: the mean, rounded half up (715 and 716 → 716). With only one
 * end of the range on the row, that end is the best estimate there is.
 */
export function ficoFromRange(low: number | undefined, high: number | undefined): number | undefined {
  if (low !== undefined && high !== undefined) return Math.floor((low + high) / 2 + 0.5);
  return low ?? high;
}

/** One line for the run log: which column feeds which field, and what was ignored. */
export function describeMapping(mapping: HeaderMapping): string {
  const mapped = mapping.columns.flatMap((target, index) =>
    target.kind === 'field' ? [`${mapping.headers[index]} → ${target.field}`] : [],
  );
  const parts = [`mapped: ${mapped.join(', ') || 'none'}`];
  if (mapping.ficoRange) parts.push('fico: mean of fico_range_low/fico_range_high');
  for (const duplicate of mapping.duplicates) {
    parts.push(`duplicate ${duplicate.field}: "${duplicate.header}" ignored, "${duplicate.usedHeader}" used`);
  }
  return parts.join('; ');
}

export interface RowPosition {
  rowNumber: number;
  sourceFile: string;
  /** CSV rows must match the header's width; a sheet row simply has no cells where it is empty. */
  checkWidth: boolean;
}

/** Applies a file's header mapping to one data row: canonical values parsed, everything else kept as is. */
export function buildTapeLoan(mapping: HeaderMapping, cells: readonly RawValue[], position: RowPosition): TapeLoan {
  const fields: LoanFields = {};
  const extras: Record<string, string> = {};
  const problems: ParseProblem[] = [];
  const width = Math.max(cells.length, mapping.columns.length);
  for (let index = 0; index < width; index++) {
    const raw = cells[index];
    const target = mapping.columns[index];
    if (target === undefined || target.kind === 'extra') {
      // Values past the header's last column are kept too (as column_<n>), so nothing the seller sent is lost.
      if (raw !== undefined && raw !== null) extras[target?.key ?? `column_${index + 1}`] = rawToText(raw);
      continue;
    }
    const outcome = parseCanonicalValue(target.field, raw);
    if (outcome.status === 'ok') setLoanField(fields, target.field, outcome.value);
    else if (outcome.status === 'invalid')
      problems.push({ field: target.field, raw: rawToText(raw), reason: outcome.reason });
  }
  if (mapping.ficoRange) applyFicoRange(mapping.ficoRange, cells, fields, problems);
  // The ragged row is the cause of any garbled value after it, so it is reported first.
  if (position.checkWidth && cells.length !== mapping.columns.length) {
    problems.unshift(raggedRowProblem(mapping, cells, fields));
  }
  return { rowNumber: position.rowNumber, sourceFile: position.sourceFile, fields, extras, problems };
}

function applyFicoRange(
  range: { low?: number; high?: number },
  cells: readonly RawValue[],
  fields: LoanFields,
  problems: ParseProblem[],
): void {
  const ends: (number | undefined)[] = [];
  for (const [name, index] of [
    [FICO_LOW, range.low],
    [FICO_HIGH, range.high],
  ] as const) {
    const raw = index === undefined ? undefined : cells[index];
    const outcome = parseCanonicalValue('fico', raw);
    if (outcome.status === 'invalid') {
      problems.push({ field: 'fico', raw: rawToText(raw), reason: `${name}: ${outcome.reason}` });
      return;
    }
    ends.push(outcome.status === 'ok' ? Number(outcome.value) : undefined);
  }
  const fico = ficoFromRange(ends[0], ends[1]);
  if (fico !== undefined) fields.fico = fico;
}

/**
 * A row with the wrong number of values cannot be trusted (an unquoted comma shifts every later
 * column), so the loan gets a problem and fails DQ001. The problem names the first mapped field the
 * short row cuts off, or else the last mapped field, which is then dropped so that every field named
 * in a problem is absent, as for any unparseable value.
 */
function raggedRowProblem(mapping: HeaderMapping, cells: readonly RawValue[], fields: LoanFields): ParseProblem {
  const mappedFields = mapping.columns.flatMap((target, index) =>
    target.kind === 'field' ? [{ ...target, index }] : [],
  );
  const cutOff = mappedFields.find((target) => target.index >= cells.length);
  const named = cutOff ?? mappedFields[mappedFields.length - 1];
  const field = named?.field ?? 'seller_loan_number';
  if (!cutOff) delete fields[field];
  const rowText = Array.from(cells, (cell) => rawToText(cell)).join(',');
  return {
    field,
    raw: rowText.length > 200 ? `${rowText.slice(0, 200)}…` : rowText,
    reason: `row has ${cells.length} values but the header has ${mapping.columns.length} columns`,
  };
}
