// Streaming writers for the run's output files (pipeline spec §8). Rows are consumed from an
// (async) iterable and written as they come, so a 100,000-row purchase file is never held in memory
// twice. Tape text is escaped against spreadsheet formula injection in CSV and XLSX alike.
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type OutputCell = string | number | boolean | Date | null | undefined;
export type OutputRows = Iterable<readonly OutputCell[]> | AsyncIterable<readonly OutputCell[]>;

export interface OutputWriterOptions {
  /** Escape text that a spreadsheet would run as a formula (default true; the tape generator turns it off). */
  escapeFormulas?: boolean;
}

// A spreadsheet treats text starting with these as a formula (tab and CR hide the sign from the eye).
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would execute ("=HYPERLINK(...)", "+1", "@SUM(...)") gets a leading `'`, which
 * Excel shows as plain text. Numbers are left alone: -5 is a number, not a formula.
 */
export function escapeCell<T extends OutputCell>(value: T): T | string {
  return typeof value === 'string' && FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

// Plain dates print as YYYY-MM-DD (no time zone can shift them); a real timestamp keeps its time.
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** One RFC 4180 field: quoted (with doubled quotes) only when it holds a comma, quote or line break. */
export function formatCsvField(value: OutputCell): string {
  let text: string;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) text = formatDate(value);
  else text = value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsvRow(values: readonly OutputCell[], options: OutputWriterOptions = {}): string {
  const escape = options.escapeFormulas ?? true;
  return values.map((value) => formatCsvField(escape ? escapeCell(value) : value)).join(',');
}

const CSV_FLUSH_CHARS = 64 * 1024;

/** Writes CSV rows to a stream, batching them into 64 KB writes and honouring backpressure. */
export class CsvWriter {
  private buffer = '';
  private rowCount = 0;

  constructor(
    private readonly out: Writable,
    private readonly options: OutputWriterOptions & { bom?: boolean } = {},
  ) {
    // Excel reads a UTF-8 file as UTF-8 only when it starts with a BOM; off by default for other tools.
    if (options.bom) this.buffer = '\uFEFF';
  }

  get rowsWritten(): number {
    return this.rowCount;
  }

  async writeRow(values: readonly OutputCell[]): Promise<void> {
    // RFC 4180 ends every record with CRLF.
    this.buffer += `${formatCsvRow(values, this.options)}\r\n`;
    this.rowCount += 1;
    if (this.buffer.length >= CSV_FLUSH_CHARS) await this.flush();
  }

  /** Writes what is buffered, ends the stream and resolves once everything has reached it. */
  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }

  private async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/** Header plus rows as one CSV file; returns the number of data rows. */
export async function writeCsv(
  out: Writable,
  header: readonly string[],
  rows: OutputRows,
  options: OutputWriterOptions & { bom?: boolean } = {},
): Promise<number> {
  const writer = new CsvWriter(out, options);
  await writer.writeRow(header);
  for await (const row of rows) await writer.writeRow(row);
  await writer.end();
  return writer.rowsWritten - 1;
}

export interface SheetSpec {
  name: string;
  header: readonly string[];
  rows: OutputRows;
}

// exceljs' streaming writer has no backpressure: letting the event loop turn every so often lets the
// zip compressor catch up, which keeps memory flat on large sheets.
const ROWS_PER_TURN = 2000;

/**
 * An .xlsx file on exceljs' streaming WorkbookWriter, without shared strings or styles (the fast,
 * low-memory mode). Sheets are written one after another; `close` resolves when the file is complete.
 */
export class XlsxWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheetNames = new Set<string>();

  constructor(
    out: Writable,
    private readonly options: OutputWriterOptions = {},
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  }

  /** Streams one sheet (header row, then rows) and commits it; returns the number of data rows. */
  async addSheet(sheet: SheetSpec): Promise<number> {
    const worksheet = this.workbook.addWorksheet(this.uniqueSheetName(sheet.name));
    worksheet.addRow([...sheet.header]).commit();
    let count = 0;
    for await (const row of sheet.rows) {
      worksheet.addRow(row.map((value) => this.toCell(value))).commit();
      count += 1;
      if (count % ROWS_PER_TURN === 0) await nextTurn();
    }
    worksheet.commit();
    return count;
  }

  async close(): Promise<void> {
    await this.workbook.commit();
  }

  private toCell(value: OutputCell): string | number | boolean | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    // Without styles a Date cell would show as a serial number, so dates are written as ISO text.
    if (value instanceof Date) return formatDate(value);
    if (typeof value === 'string' && (this.options.escapeFormulas ?? true)) return escapeCell(value);
    return value;
  }

  // Excel allows 31 characters, none of []:*?/\ and no two sheets with the same name (case-insensitive).
  private uniqueSheetName(name: string): string {
    const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
    let candidate = base;
    for (let n = 2; this.sheetNames.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    }
    this.sheetNames.add(candidate.toLowerCase());
    return candidate;
  }
}

/** A whole workbook from sheet specs, each sheet's rows streamed in turn; resolves when the file is written. */
export async function writeXlsx(
  out: Writable,
  sheets: Iterable<SheetSpec>,
  options: OutputWriterOptions = {},
): Promise<number[]> {
  const writer = new XlsxWriter(out, options);
  const counts: number[] = [];
  for (const sheet of sheets) counts.push(await writer.addSheet(sheet));
  await writer.close();
  return counts;
}
