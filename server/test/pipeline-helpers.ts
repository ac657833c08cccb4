// Tapes, runs and downloads for the pipeline's integration suites. Tapes are built by hand so each
// suite knows exactly what every loan should come to under the default rulebook.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { Response } from 'supertest';
import type { TestApp } from './test-app.js';

/** The purchase date every hand-made tape is written for (a Friday: run_weekday 4). */
export const PDATE = '2026-12-04';

/** Header of the hand-made tapes: seller spellings (aliases, odd case) plus one extra column. */
export const TAPE_HEADER = [
  'Loan ID',
  'loan_status',
  'loan_amnt',
  'out_prncp',
  'int_rate',
  'term',
  'FICO Score',
  'dti',
  'annual_inc',
  'addr_state',
  'grade',
  'purpose',
  'issue_d',
  'first_pymnt_d',
  'emp_title',
] as const;
export type TapeColumn = (typeof TAPE_HEADER)[number];
export type TapeRow = Record<TapeColumn, string>;

/**
 * A loan every default rule passes as of PDATE: balance 9,500 of 10,000, 12.5%, 36 months, paid
 * twice (Oct 15 and Nov 15), so 34 months remain and the loan is 2 months old.
 */
export const CLEAN_LOAN: TapeRow = {
  'Loan ID': 'L-CLEAN',
  loan_status: 'Current',
  loan_amnt: '10,000',
  out_prncp: '9500.00',
  int_rate: '12.50%',
  term: ' 36 months',
  'FICO Score': '720',
  dti: '18.5',
  annual_inc: '$65,000',
  addr_state: 'CA',
  grade: 'B',
  purpose: 'debt_consolidation',
  issue_d: '2026-09-15',
  first_pymnt_d: '2026-10-15',
  emp_title: 'Teacher',
};

export const loan = (changes: Partial<TapeRow>): TapeRow => ({ ...CLEAN_LOAN, ...changes });

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (no line ending), quoted where needed. */
export const csvLine = (values: readonly string[]) => values.map(csvField).join(',');

/** A CSV tape as a seller would send it (no formula escaping): header first, rows in order. */
export function tapeCsv(
  rows: readonly Partial<Record<string, string>>[],
  options: { header?: readonly string[]; eol?: string; bom?: boolean } = {},
): Buffer {
  const header = options.header ?? TAPE_HEADER;
  const eol = options.eol ?? '\n';
  const lines = [csvLine(header), ...rows.map((row) => csvLine(header.map((column) => row[column] ?? '')))];
  const text = lines.join(eol) + eol;
  return Buffer.concat([options.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** Places a file into the inputs area, as an upload would, and answers its bytes. */
export function putInput(ctx: TestApp, path: string, bytes: Buffer): Buffer {
  const absolute = join(ctx.storageRoot, 'inputs', ...path.split('/'));
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, bytes);
  return bytes;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function startRun(
  ctx: TestApp,
  auth: { Authorization: string },
  body: Record<string, unknown>,
): Promise<Response> {
  return request(ctx.app).post('/api/pipeline/run').set(auth).send(body);
}

/** Waits until the worker has no queued or running run, failing the test instead of hanging. */
export async function waitForRuns(ctx: TestApp, timeoutMs = 20_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`runs still queued or running after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([ctx.runWorker!.idle(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a run, waits for the worker and answers the finished run as GET /api/runs/{id} shows it. */
export async function runToEnd(
  ctx: TestApp,
  auth: { Authorization: string },
  body: Record<string, unknown>,
): Promise<Record<string, unknown> & { run_id: string; status: string }> {
  const created = await startRun(ctx, auth, body);
  if (created.status !== 202) throw new Error(`run not created: ${created.status} ${JSON.stringify(created.body)}`);
  await waitForRuns(ctx);
  const run = await request(ctx.app).get(`/api/runs/${created.body.run_id}`).set(auth);
  return run.body;
}

/** GET that answers the raw bytes (for XLSX, CSV and archived files). */
export async function getBytes(ctx: TestApp, url: string, auth: { Authorization: string }) {
  return request(ctx.app)
    .get(url)
    .set(auth)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}

export const parseCsv = (bytes: Buffer | string): string[][] => parse(bytes, { bom: true }) as string[][];

/** Every sheet of a workbook as rows of cell values (header row first). */
export async function readWorkbook(bytes: Buffer): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** The spreadsheet price of a level-payment loan: PV(y, n, −PMT(i, n, −B)), rounded to cents. */
export function closedFormPrice(balance: number, ratePct: number, months: number, irrPct: number): number {
  const i = ratePct / 1200;
  const y = irrPct / 1200;
  const payment = (balance * i) / (1 - (1 + i) ** -months);
  const price = (payment * (1 - (1 + y) ** -months)) / y;
  return Math.round(price * 100) / 100;
}

export interface KnownLoan {
  row: TapeRow;
  disposition: 'purchase' | 'hold' | 'reject';
  /** Rule ids the loan fails under the default rulebook, in rulebook order. */
  rules: string[];
}

/**
 * One loan per default rule worth proving through HTTP, with its expected outcome as of PDATE.
 * Tape text that a spreadsheet would execute (a formula-like loan id, a purpose starting with +)
 * is there on purpose: it must come out escaped in every CSV and XLSX output.
 */
export const KNOWN_TAPE: KnownLoan[] = [
  { row: CLEAN_LOAN, disposition: 'purchase', rules: [] },
  { row: loan({ 'Loan ID': 'L-FICO640', 'FICO Score': '640' }), disposition: 'reject', rules: ['CR001'] },
  { row: loan({ 'Loan ID': 'L-DTI45', dti: '45%' }), disposition: 'reject', rules: ['CR002'] },
  { row: loan({ 'Loan ID': 'L-INC20K', annual_inc: '20,000' }), disposition: 'hold', rules: ['CR004'] },
  {
    // Originated 2026-03-15: 8 months old on 2026-12-04.
    row: loan({ 'Loan ID': 'L-SEASONED', issue_d: '03/15/2026', first_pymnt_d: 'Apr-2026' }),
    disposition: 'hold',
    rules: ['SE001'],
  },
  { row: loan({ 'Loan ID': 'L-IA', addr_state: 'IA' }), disposition: 'reject', rules: ['GE001'] },
  { row: loan({ 'Loan ID': 'L-XX', addr_state: 'XX' }), disposition: 'reject', rules: ['GE002'] },
  { row: loan({ 'Loan ID': 'L-DUP', out_prncp: '4,000' }), disposition: 'purchase', rules: [] },
  { row: loan({ 'Loan ID': 'L-DUP', out_prncp: '5,000' }), disposition: 'reject', rules: ['DQ002'] },
  { row: loan({ 'Loan ID': 'L-BADRATE', int_rate: 'abc%' }), disposition: 'reject', rules: ['DQ001', 'LT002'] },
  { row: loan({ 'Loan ID': '=HYPERLINK("x")', 'FICO Score': '640' }), disposition: 'reject', rules: ['CR001'] },
  { row: loan({ 'Loan ID': 'L-PLUS', purpose: '+cmd' }), disposition: 'purchase', rules: [] },
  {
    // A fractional note rate (0.1899 → 18.99%), a lower-case state and a 60-month term.
    row: loan({
      'Loan ID': 'L-SIXTY',
      loan_amnt: '20000',
      out_prncp: '18,250.40',
      int_rate: '0.1899',
      term: '60 months',
      addr_state: 'tx',
      grade: 'D',
    }),
    disposition: 'purchase',
    rules: [],
  },
];

/** The known tape with `suffix` on every loan id, so that several runs in one suite never buy the same loan. */
export const knownTape = (suffix = ''): KnownLoan[] =>
  KNOWN_TAPE.map((entry) => ({ ...entry, row: { ...entry.row, 'Loan ID': `${entry.row['Loan ID']}${suffix}` } }));

export const knownTapeCsv = (options: { eol?: string; bom?: boolean; suffix?: string } = {}) =>
  tapeCsv(
    knownTape(options.suffix).map((entry) => entry.row),
    options,
  );

export const moneyOf = (text: string) => Number(text.replace(/[$,]/g, ''));
