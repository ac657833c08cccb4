// Streaming tape reader (pipeline spec §3): every tape file of a run, in the order given, becomes one
// stream of parsed loans. Rows are yielded one at a time and never collected, so a 1,000,000-row
// tape needs no more memory than a small one. A broken value or a ragged row is a per-loan problem
// (the loan fails DQ001); only a file that is not a tape at all stops the run, with a TapeFormatError.
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { deriveLoan } from './derive.js';
import { buildTapeLoan, describeMapping, mapHeaders, type ColumnAliases, type HeaderMapping } from './headers.js';
import { cellToRaw, rawToText, type RawValue } from './values.js';
import type { TapeLoan } from './types.js';

/** One tape file; `open` is called once, when the reader reaches it. */
export interface TapeSource {
  name: string;
  open(): Promise<Readable>;
}

export type TapeFormat = 'csv' | 'xlsx';

export interface ReadTapeOptions {
  /** The rulebook's `column_aliases`. */
  columnAliases: ColumnAliases;
  /** When given, each loan carries its derived fields as of this purchase date (`YYYY-MM-DD`). */
  pdate?: string;
  /** Called once per file after its header row is mapped, e.g. to write the run log. */
  onFileMapped?: (file: { name: string; format: TapeFormat; mapping: HeaderMapping; summary: string }) => void;
}

/** The tape cannot be read at all: a run-level error whose message can be shown to the analyst as is. */
export class TapeFormatError extends Error {
  constructor(
    message: string,
    readonly sourceFile: string,
  ) {
    super(message);
    this.name = 'TapeFormatError';
  }
}

/** `.csv` or `.xlsx` by file name (case-insensitive); anything else is not a tape. */
export function tapeFormatOf(fileName: string): TapeFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return undefined;
}

/** Yields every loan of every source, in order; `rowNumber` runs on across files (1-based). */
export async function* readTape(
  sources: Iterable<TapeSource> | AsyncIterable<TapeSource>,
  options: ReadTapeOptions,
): AsyncGenerator<TapeLoan> {
  let rowNumber = 0;
  for await (const source of sources) {
    const format = tapeFormatOf(source.name);
    if (!format) throw new TapeFormatError(`${source.name}: not a tape file (expected .csv or .xlsx)`, source.name);
    const input = await source.open();
    try {
      const rows = format === 'csv' ? readCsvRows(source.name, input) : readXlsxRows(source.name, input);
      let mapping: HeaderMapping | undefined;
      for await (const cells of rows) {
        if (!mapping) {
          mapping = mapHeaderRow(source.name, cells, options.columnAliases);
          options.onFileMapped?.({ name: source.name, format, mapping, summary: describeMapping(mapping) });
          continue;
        }
        rowNumber += 1;
        const loan = buildTapeLoan(mapping, cells, {
          rowNumber,
          sourceFile: source.name,
          checkWidth: format === 'csv',
        });
        yield options.pdate ? deriveLoan(loan, options.pdate) : loan;
      }
      if (!mapping) throw new TapeFormatError(`${source.name}: the file is empty (no header row)`, source.name);
    } finally {
      input.destroy();
    }
  }
}

function mapHeaderRow(fileName: string, cells: RawValue[], aliases: ColumnAliases): HeaderMapping {
  const headers = Array.from(cells, (cell) => rawToText(cell));
  const mapping = mapHeaders(headers, aliases);
  if (mapping.missingRequired.length > 0) {
    const missing = mapping.missingRequired
      .map((field) => `${field} (or ${(aliases[field] ?? []).join(', ') || 'no alias'})`)
      .join(', ');
    const found = headers.filter((header) => header.trim() !== '');
    const shown = found.length > 40 ? [...found.slice(0, 40), `… ${found.length - 40} more`] : found;
    throw new TapeFormatError(
      `${fileName}: missing required column ${missing}; found columns: ${shown.join(', ')}`,
      fileName,
    );
  }
  return mapping;
}

function isBlankRow(cells: readonly RawValue[]): boolean {
  for (const cell of cells) {
    if (cell !== undefined && cell !== null && rawToText(cell).trim() !== '') return false;
  }
  return true;
}

const SNIFF_BYTES = 8192;

async function* readCsvRows(fileName: string, input: Readable): AsyncGenerator<RawValue[]> {
  const { head, body } = await peekBytes(input, SNIFF_BYTES);
  if (head.length === 0) throw new TapeFormatError(`${fileName}: the file is empty (no header row)`, fileName);
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new TapeFormatError(
      `${fileName}: not a CSV file (it is a zip archive, e.g. an Excel workbook renamed to .csv)`,
      fileName,
    );
  }
  // A NUL byte never occurs in a UTF-8 text tape; it means a binary file (or UTF-16 text) named .csv.
  if (head.includes(0)) {
    throw new TapeFormatError(
      `${fileName}: not a CSV text file (it contains binary data; expected UTF-8 text)`,
      fileName,
    );
  }
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  // pipeline() destroys the parser with any upstream error, so the loop below sees it.
  pipeline(body, parser, () => undefined);
  const unreadable = (error: unknown) =>
    isCsvParseError(error)
      ? new TapeFormatError(`${fileName}: could not be read as CSV: ${error.message}`, fileName)
      : error;
  for await (const record of rethrowing(parser as AsyncIterable<string[]>, unreadable)) {
    if (!isBlankRow(record)) yield record;
  }
}

function isCsvParseError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' && code.startsWith('CSV_');
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function* readXlsxRows(fileName: string, input: Readable): AsyncGenerator<RawValue[]> {
  const { head, body } = await peekBytes(input, ZIP_MAGIC.length);
  if (head.length === 0) throw new TapeFormatError(`${fileName}: the file is empty (no header row)`, fileName);
  // exceljs never settles on some non-zip input, so anything else is refused before it gets there.
  if (!head.equals(ZIP_MAGIC)) {
    throw new TapeFormatError(`${fileName}: not an .xlsx workbook (the file is not a zip archive)`, fileName);
  }
  // Styles are cached so date-formatted cells arrive as Dates and percent-formatted ones can be recognised.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(body, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const unreadable = (error: unknown) =>
    new TapeFormatError(
      `${fileName}: the .xlsx workbook could not be read (${error instanceof Error ? error.message : String(error)})`,
      fileName,
    );
  let sheets = 0;
  for await (const worksheet of rethrowing(workbook, unreadable)) {
    sheets += 1;
    // Only the first sheet is the tape. Later ones are passed over, not broken off, so that exceljs still
    // removes the temporary files it unpacked them to; an unread sheet's file stream is closed here.
    if (sheets > 1) {
      (worksheet as unknown as { iterator?: { destroy?: () => void } }).iterator?.destroy?.();
      continue;
    }
    for await (const row of rethrowing(worksheet, unreadable)) {
      const cells = readXlsxRow(row);
      if (!isBlankRow(cells)) yield cells;
    }
  }
  if (sheets === 0) throw new TapeFormatError(`${fileName}: the .xlsx workbook has no worksheet`, fileName);
}

function readXlsxRow(row: ExcelJS.Row): RawValue[] {
  const cells: RawValue[] = [];
  row.eachCell((cell, column) => {
    cells[column - 1] = cellToRaw(cell.value, cell.numFmt);
  });
  return cells;
}

/**
 * Reads the first `size` bytes (to recognise the file type) and returns them with a stream that
 * replays them followed by the rest, so nothing is read twice or held back.
 */
async function peekBytes(input: Readable, size: number): Promise<{ head: Buffer; body: Readable }> {
  const iterator: AsyncIterator<unknown> = input[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const buffered = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (buffered.length > 0) yield buffered;
      while (!ended) {
        const next = await iterator.next();
        if (next.done) return;
        yield toBuffer(next.value);
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head: buffered.subarray(0, size), body: Readable.from(replay(), { objectMode: false }) };
}

/** Passes items through, turning errors raised while producing them (not our own) into `wrap(error)`. */
async function* rethrowing<T>(items: AsyncIterable<T>, wrap: (error: unknown) => unknown): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]();
  let done = false;
  try {
    while (!done) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        done = true;
        throw wrap(error);
      }
      done = next.done === true;
      if (!done) yield next.value;
    }
  } finally {
    // A consumer that stops early closes the source too (a CSV parser, an exceljs sheet).
    if (!done) await iterator.return?.();
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('tape stream produced a non-byte chunk');
}
