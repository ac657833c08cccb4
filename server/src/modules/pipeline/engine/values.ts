// Value parsing for tape cells (pipeline spec §3). Sellers format numbers and dates loosely, so the
// parsers accept the formats the spec lists and nothing else: a value they cannot read is reported,
// never guessed at, because a wrong balance or date would silently misprice a loan.
import type { CanonicalField, LoanFields } from './types.js';

/** A cell as a reader hands it over: CSV gives strings, XLSX also numbers, booleans and Date objects. */
export type RawValue = string | number | boolean | Date | null | undefined;

export type ValueOutcome =
  { status: 'absent' } | { status: 'ok'; value: string | number } | { status: 'invalid'; reason: string };

type FieldKind = 'text' | 'upper' | 'money' | 'rate' | 'percent' | 'months' | 'integer' | 'date';

const FIELD_KINDS: Record<CanonicalField, FieldKind> = {
  seller_loan_number: 'text',
  loan_status: 'text',
  original_balance: 'money',
  current_balance: 'money',
  interest_rate: 'rate',
  original_term: 'months',
  remaining_term: 'months',
  monthly_payment: 'money',
  fico: 'integer',
  dti: 'percent',
  annual_income: 'money',
  // Codes compared against rulebook lists ("IA", "F"): upper-cased so "ia" or "f" cannot slip past them.
  state: 'upper',
  grade: 'upper',
  sub_grade: 'upper',
  purpose: 'text',
  origination_date: 'date',
  first_payment_date: 'date',
  days_past_due: 'integer',
};

const ABSENT: ValueOutcome = { status: 'absent' };
// Spreadsheet exports write these for "no value"; in a number or date column they mean missing, not garbage.
const NULL_MARKERS = new Set(['n/a', 'na', 'null', 'none', '#n/a']);

/** Parses one cell for one canonical field. Empty cells are absent, never a problem. */
export function parseCanonicalValue(field: CanonicalField, raw: RawValue): ValueOutcome {
  const kind = FIELD_KINDS[field];
  if (raw === null || raw === undefined) return ABSENT;
  if (kind === 'text' || kind === 'upper') {
    const text = rawToText(raw).trim();
    if (text === '') return ABSENT;
    return { status: 'ok', value: kind === 'upper' ? text.toUpperCase() : text };
  }
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '' || NULL_MARKERS.has(text.toLowerCase())) return ABSENT;
  }
  switch (kind) {
    case 'money':
      return parseMoney(raw);
    case 'rate':
      return parsePercent(raw, true);
    case 'percent':
      return parsePercent(raw, false);
    case 'months':
      return parseMonths(raw);
    case 'integer':
      return parseInteger(raw);
    case 'date':
      return parseDate(raw);
  }
}

/** An exceljs cell value as a plain raw value: rich text joined, formulas by their cached result. */
export function cellToRaw(value: unknown, numFmt?: string): RawValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    // A percent-formatted cell holds a fraction that the sheet shows as a percent: read it as shown.
    return numFmt?.includes('%') ? `${Number((value * 100).toFixed(10))}%` : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return undefined;
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return 'result' in value ? cellToRaw(value.result, numFmt) : undefined;
  }
  if ('error' in value && typeof value.error === 'string') return value.error;
  if ('text' in value) return cellToRaw(value.text, numFmt);
  return undefined;
}

/** The raw value as text, for problem messages and for untouched extra columns. */
export function rawToText(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  if (raw instanceof Date) return formatDateCell(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return String(raw);
}

// Date cells carry a time only when the sheet really has one; a plain date reads as YYYY-MM-DD.
function formatDateCell(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

// Thousands separators must sit every three digits: "12,000.50" is money, "12,5" (a European decimal)
// is not silently read as 125.
const DECIMAL = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:e[+-]?\d+)?$|^[+-]?\.\d+(?:e[+-]?\d+)?$/i;

/** "$12,000.00", " 1 250 ", "-35.5", "1.2E+04" → number; "12abc" → undefined. */
export function parseDecimalText(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '').replace(/^([+-]?)\$/, '$1');
  if (!DECIMAL.test(compact)) return undefined;
  const value = Number(compact.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

function toNumber(raw: Exclude<RawValue, null | undefined>): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string') return parseDecimalText(raw);
  return undefined;
}

export function parseMoney(raw: Exclude<RawValue, null | undefined>): ValueOutcome {
  const value = toNumber(raw);
  return value === undefined ? { status: 'invalid', reason: 'not a valid amount' } : { status: 'ok', value };
}

/**
 * Percent in percent (13.56 means 13.56%), with or without "%". For the note rate only, a plain value
 * of at most 1 is a fraction (0.1356 → 13.56): no consumer note rate is below 1%, while a DTI of 0.53%
 * is real and stays as it is.
 */
export function parsePercent(raw: Exclude<RawValue, null | undefined>, fractionIsRate: boolean): ValueOutcome {
  let value: number | undefined;
  let hasPercentSign = false;
  if (typeof raw === 'string') {
    const match = /^(.*?)\s*%$/.exec(raw.trim());
    hasPercentSign = match !== null;
    const body = match ? (match[1] ?? '') : raw;
    value = body.includes('$') ? undefined : parseDecimalText(body);
  } else {
    value = toNumber(raw);
  }
  if (value === undefined) return { status: 'invalid', reason: 'not a valid percent' };
  if (fractionIsRate && !hasPercentSign && value > 0 && value <= 1) {
    // toFixed trims binary noise: 0.1356 × 100 is 13.559999999999999 in floating point.
    value = Number((value * 100).toFixed(10));
  }
  return { status: 'ok', value };
}

const MONTHS_TEXT = /^(\d+(?:\.0*)?)\s*(?:months?|mos?\.?|m)?$/i;

/** " 36 months", "60", "36 mo", 36 → whole months. */
export function parseMonths(raw: Exclude<RawValue, null | undefined>): ValueOutcome {
  let value: number | undefined;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string') {
    const match = MONTHS_TEXT.exec(raw.trim());
    value = match ? Number(match[1]) : undefined;
  }
  if (value === undefined || !Number.isInteger(value) || value < 0) {
    return { status: 'invalid', reason: 'not a whole number of months' };
  }
  return { status: 'ok', value };
}

/** "720", "720.0", 720 → 720; "720.5" is not a whole number and is reported. */
export function parseInteger(raw: Exclude<RawValue, null | undefined>): ValueOutcome {
  const value = toNumber(raw);
  if (value === undefined) return { status: 'invalid', reason: 'not a number' };
  if (!Number.isInteger(value)) return { status: 'invalid', reason: 'not a whole number' };
  return { status: 'ok', value };
}

const DATE_FORMATS_HINT = 'not a date (expected YYYY-MM-DD, MM/DD/YYYY, Mon-YYYY or YYYY-MM)';
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// A trailing time of day ("2026-01-15 00:00:00", "1/15/2026 0:00") is what spreadsheet exports add; it is ignored.
const TIME_SUFFIX = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME_SUFFIX}$`);
const US_DATE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME_SUFFIX}$`);
const MONTH_YEAR = /^([a-z]{3})-(\d{4})$/i;
const YEAR_MONTH = /^(\d{4})-(\d{1,2})$/;
// Loans are neither older than 1900 nor due after 2199; beyond that a "date" is a typo or a sentinel.
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Text in the spec's formats, a Date cell, or an Excel serial number (from an .xlsx cell) → `YYYY-MM-DD`. */
export function parseDate(raw: Exclude<RawValue, null | undefined>): ValueOutcome {
  if (raw instanceof Date) return dateFromUtcMs(raw.getTime());
  if (typeof raw === 'number') return parseExcelSerial(raw);
  if (typeof raw !== 'string') return { status: 'invalid', reason: DATE_FORMATS_HINT };
  const text = raw.trim();
  let match = ISO_DATE.exec(text);
  if (match) return dateFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
  match = US_DATE.exec(text);
  if (match) return dateFromParts(Number(match[3]), Number(match[1]), Number(match[2]));
  match = MONTH_YEAR.exec(text);
  if (match) {
    const month = MONTH_ABBREVIATIONS.indexOf((match[1] ?? '').toLowerCase()) + 1;
    if (month > 0) return dateFromParts(Number(match[2]), month, 1);
  }
  match = YEAR_MONTH.exec(text);
  if (match) return dateFromParts(Number(match[1]), Number(match[2]), 1);
  return { status: 'invalid', reason: DATE_FORMATS_HINT };
}

/**
 * Excel's 1900 date system counts days from 1899-12-30 for every serial from 61 (1900-03-01) on, its
 * fictitious 1900-02-29 being absorbed by that epoch: 46357 is 2026-12-01.
 */
export function parseExcelSerial(serial: number): ValueOutcome {
  if (!Number.isFinite(serial) || serial < 1) return { status: 'invalid', reason: 'not a valid date serial number' };
  // The fraction is the time of day; a hair below a whole day is float noise, not the previous evening.
  const days = Math.floor(serial + 1e-6);
  return dateFromUtcMs(EXCEL_EPOCH_MS + days * MS_PER_DAY);
}

function dateFromUtcMs(ms: number): ValueOutcome {
  if (!Number.isFinite(ms)) return { status: 'invalid', reason: 'not a valid date' };
  // Rounded to the second: exceljs turns serials into Dates to the millisecond, so 23:59:59.999 means midnight.
  const date = new Date(Math.round(ms / 1000) * 1000);
  return dateFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function dateFromParts(year: number, month: number, day: number): ValueOutcome {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { status: 'invalid', reason: 'impossible date' };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return { status: 'invalid', reason: `year outside ${MIN_YEAR}–${MAX_YEAR}` };
  return { status: 'ok', value: formatIsoDate(year, month, day) };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2 && leapYear) return 29;
  return DAYS_IN_MONTH[month - 1] ?? Number.NaN;
}

export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Sets a parsed value on a loan; the field decides the value's type, so the cast is safe. */
export function setLoanField(fields: LoanFields, field: CanonicalField, value: string | number): void {
  (fields as Record<CanonicalField, string | number>)[field] = value;
}
