// Header normalisation and alias mapping (pipeline spec §3). Sellers name the same column many ways
// ("Loan Amount", "loan_amnt", "LOAN-AMOUNT"), so headers are normalised first and then looked up in
// the rulebook's alias table, which admins can extend without a code change.
import { CANONICAL_FIELDS, type CanonicalField } from './types.js';

/** The rulebook's `column_aliases`: normalised aliases per canonical field (the name itself always matches). */
export type ColumnAliases = Partial<Record<CanonicalField, readonly string[]>>;

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
