// Hostile and odd tapes, each its own run (pipeline spec §3): bad values become clear per-loan
// exceptions and the run completes; a file that is not a readable tape fails the run in ingest with a
// message the analyst can act on. Every run ends — the suite waits with a bound — and the worker keeps
// going: the last run queued, a clean one, still completes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../../test/auth-helpers.js';
import {
  CLEAN_LOAN,
  csvLine,
  KNOWN_TAPE,
  knownTape,
  knownTapeCsv,
  loan,
  PDATE,
  putInput,
  sha256,
  startRun,
  TAPE_HEADER,
  tapeCsv,
  waitForRuns,
} from '../../../../../test/pipeline-helpers.js';
import { writeCsv, XlsxWriter } from '../../engine/output-writers.js';
import { GENERATED_TAPE_HEADERS, generateTapeRows } from '../../engine/tape-generator.js';

/**
 * A generated LendingClub-style tape (bad rows included) as CSV or XLSX; `idPrefix` keeps its loan ids
 * apart from another run's, so the two runs can be compared without PO001 rejecting the second.
 */
async function generatedTape(format: 'csv' | 'xlsx', idPrefix: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const rows = [...generateTapeRows({ loans: 60, pdate: PDATE, seed: 11, badRows: 4 })].map((row) => [
    `${idPrefix}${row[0]}`,
    ...row.slice(1),
  ]);
  if (format === 'xlsx') {
    const writer = new XlsxWriter(out, { escapeFormulas: false });
    await writer.addSheet({ name: 'Loans', header: GENERATED_TAPE_HEADERS, rows });
    await writer.close();
  } else {
    await writeCsv(out, GENERATED_TAPE_HEADERS, rows, { escapeFormulas: false });
  }
  return Buffer.concat(chunks);
}

/** The known tape as a workbook with real typed cells: numbers, a date cell and a percent-formatted rate. */
async function knownTapeXlsx(suffix: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tape');
  sheet.addRow([...TAPE_HEADER]);
  for (const { row } of knownTape(suffix)) {
    const cells: unknown[] = TAPE_HEADER.map((column) => row[column]);
    cells[TAPE_HEADER.indexOf('out_prncp')] = Number(row.out_prncp.replace(/,/g, ''));
    cells[TAPE_HEADER.indexOf('FICO Score')] = Number(row['FICO Score']);
    if (row.issue_d === CLEAN_LOAN.issue_d) cells[TAPE_HEADER.indexOf('issue_d')] = new Date(Date.UTC(2026, 8, 15));
    const added = sheet.addRow(cells);
    if (row.int_rate === CLEAN_LOAN.int_rate) {
      const rate = added.getCell(TAPE_HEADER.indexOf('int_rate') + 1);
      rate.value = 0.125;
      rate.numFmt = '0.00%';
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const garbageRows = [
  loan({ 'Loan ID': 'G-GOOD' }),
  loan({ 'Loan ID': 'G-BALANCE', out_prncp: 'twelve' }),
  loan({ 'Loan ID': 'G-DATE', issue_d: '31/31/2026' }),
  loan({ 'Loan ID': 'G-TERM', term: 'thirty-six' }),
  loan({ 'Loan ID': '' }),
  loan({ 'Loan ID': 'G-FICO', 'FICO Score': '7x0' }),
];

interface RunCase {
  folder: string;
  files: Record<string, Buffer | (() => Promise<Buffer>)>;
  runId?: string;
}

describeEachDatabase('odd and hostile tapes', (provider) => {
  const ctx = useTestApp(provider, {}, { worker: true });
  let analyst: TestUser;
  const cases: Record<string, RunCase> = {
    garbage: {
      folder: 'garbage',
      files: {
        // A ragged row (too few values) and a row with one value too many, written by hand.
        'tape.csv': Buffer.concat([
          tapeCsv(garbageRows),
          Buffer.from(
            `G-SHORT,Current,10000\n${csvLine([...TAPE_HEADER.map((column) => loan({ 'Loan ID': 'G-LONG' })[column]), 'surplus'])}\n\n`,
          ),
        ]),
      },
    },
    generated: { folder: 'generated', files: { 'tape.csv': () => generatedTape('csv', 'C') } },
    generatedXlsx: { folder: 'generated-xlsx', files: { 'tape.xlsx': () => generatedTape('xlsx', 'X') } },
    missingColumn: {
      folder: 'missing-column',
      files: { 'tape.csv': tapeCsv([CLEAN_LOAN], { header: TAPE_HEADER.filter((column) => column !== 'out_prncp') }) },
    },
    headerOnly: { folder: 'header-only', files: { 'tape.csv': tapeCsv([]) } },
    blankLines: { folder: 'blank-lines', files: { 'tape.csv': Buffer.from('\r\n\r\n  \n') } },
    zeroBytes: { folder: 'zero-bytes', files: { 'tape.csv': Buffer.alloc(0) } },
    binary: {
      folder: 'binary',
      files: { 'tape.csv': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]) },
    },
    workbookAsCsv: { folder: 'workbook-as-csv', files: { 'tape.csv': () => knownTapeXlsx('-zip') } },
    textAsXlsx: { folder: 'text-as-xlsx', files: { 'tape.xlsx': knownTapeCsv({ suffix: '-text' }) } },
    bom: { folder: 'bom', files: { 'tape.csv': knownTapeCsv({ bom: true, suffix: '-bom' }) } },
    crlf: { folder: 'crlf', files: { 'tape.csv': knownTapeCsv({ eol: '\r\n', suffix: '-crlf' }) } },
    xlsx: { folder: 'xlsx', files: { 'tape.xlsx': () => knownTapeXlsx('-xlsx') } },
    twoFiles: {
      folder: 'two-files',
      files: {
        'b.xlsx': () => knownTapeXlsx('-two'),
        'a.csv': tapeCsv([loan({ 'Loan ID': 'A-1' }), loan({ 'Loan ID': 'A-2' })]),
        'readme.txt': Buffer.from('ignored'),
      },
    },
    // Queued last: the worker is still alive after all of the above.
    clean: { folder: 'clean', files: { 'tape.csv': knownTapeCsv({ suffix: '-clean' }) } },
  };
  const bytes: Record<string, Record<string, Buffer>> = {};

  beforeAll(async () => {
    analyst = await createUserAndToken(ctx, { role: 'analyst' });
    for (const [name, entry] of Object.entries(cases)) {
      bytes[name] = {};
      for (const [file, content] of Object.entries(entry.files)) {
        bytes[name][file] = putInput(
          ctx,
          `${entry.folder}/${file}`,
          Buffer.isBuffer(content) ? content : await content(),
        );
      }
      const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder: entry.folder });
      expect(created.status, name).toBe(202);
      entry.runId = created.body.run_id;
    }
    await waitForRuns(ctx, 30_000);
  });

  const runOf = async (name: string) =>
    (await request(ctx.app).get(`/api/runs/${cases[name]!.runId}`).set(analyst.auth)).body;
  const loansOf = async (name: string) =>
    (await request(ctx.app).get(`/api/loans?run_id=${cases[name]!.runId}&limit=1000`).set(analyst.auth)).body as {
      seller_loan_number: string;
      disposition: string;
      purchase_price: number | null;
      loan_data: Record<string, unknown>;
    }[];
  const exceptionsOf = async (name: string) =>
    (await request(ctx.app).get(`/api/exceptions?run_id=${cases[name]!.runId}&limit=1000`).set(analyst.auth)).body as {
      seller_loan_number: string;
      exception_type: string;
      message: string;
    }[];

  async function expectFailedInIngest(name: string, message: RegExp) {
    const run = await runOf(name);
    expect(run, name).toMatchObject({ status: 'failed', last_phase: 'ingest', error: { phase: 'ingest' } });
    expect(run.error.message).toMatch(message);
    const runId = cases[name]!.runId!;
    const prisma = ctx.db.prisma;
    expect(await prisma.loanFact.count({ where: { runId } })).toBe(0);
    expect(await prisma.loanException.count({ where: { runId } })).toBe(0);
    expect(await prisma.runFile.count({ where: { runId } })).toBe(0);
    expect(existsSync(join(ctx.storageRoot, 'outputs', 'runs', runId))).toBe(false);
  }

  async function expectLikeKnownTape(name: string, suffix: string) {
    const run = await runOf(name);
    expect(run, name).toMatchObject({ status: 'completed', total_loans: KNOWN_TAPE.length });
    const loans = await loansOf(name);
    const pairs = (list: [string, string][]) => list.map((pair) => pair.join(' ')).sort();
    expect(pairs(loans.map((fact) => [fact.seller_loan_number, fact.disposition]))).toEqual(
      pairs(knownTape(suffix).map((entry) => [entry.row['Loan ID'], entry.disposition])),
    );
    return loans;
  }

  it('when a tape has garbage rows, then each becomes a rejected loan with a DQ001 message naming the field and value', async () => {
    const run = await runOf('garbage');
    expect(run).toMatchObject({ status: 'completed', total_loans: 8, error: null });
    const loans = await loansOf('garbage');
    expect(loans.filter((fact) => fact.disposition === 'purchase').map((fact) => fact.seller_loan_number)).toEqual([
      'G-GOOD',
    ]);
    const dq001 = new Map(
      (await exceptionsOf('garbage'))
        .filter((row) => row.exception_type === 'DQ001')
        .map((row) => [row.seller_loan_number, row.message]),
    );
    expect(dq001.get('G-BALANCE')).toBe('could not parse current_balance "twelve"');
    expect(dq001.get('G-DATE')).toBe('could not parse origination_date "31/31/2026"');
    expect(dq001.get('G-TERM')).toBe('could not parse original_term "thirty-six"');
    expect(dq001.get('G-FICO')).toBe('could not parse fico "7x0"');
    // The row without a loan number is keyed by its row number.
    expect(dq001.get('ROW-5')).toBe('missing seller_loan_number');
    // A ragged row names the first field it cuts off (or the last it garbles) with the row as sent; the
    // reason is kept with the loan.
    expect(dq001.get('G-SHORT')).toContain('could not parse current_balance "G-SHORT,Current,10000"');
    expect(dq001.get('G-LONG')).toMatch(/^could not parse first_payment_date "G-LONG,Current,/);
    const short = (await loansOf('garbage')).find((fact) => fact.seller_loan_number === 'G-SHORT')!;
    expect(short.loan_data.parse_errors).toEqual([
      expect.objectContaining({ field: 'current_balance', reason: 'row has 3 values but the header has 15 columns' }),
    ]);
    const facts = await ctx.db.prisma.loanFact.findMany({ where: { runId: cases.garbage!.runId } });
    expect(facts.filter((fact) => fact.disposition === 'reject')).toHaveLength(7);
  });

  it('when a generated tape with bad rows is run as CSV and as XLSX, then both complete with the same decisions', async () => {
    const [csvRun, xlsxRun] = [await runOf('generated'), await runOf('generatedXlsx')];
    expect(csvRun).toMatchObject({ status: 'completed', total_loans: 60 });
    expect(xlsxRun).toMatchObject({ status: 'completed', total_loans: 60 });
    const decisions = async (name: string) =>
      (await loansOf(name))
        .map((fact) => [
          fact.loan_data.row_number,
          fact.seller_loan_number.slice(1),
          fact.disposition,
          fact.purchase_price,
        ])
        .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(await decisions('generatedXlsx')).toEqual(await decisions('generated'));
    const dq001 = (await exceptionsOf('generated')).filter((row) => row.exception_type === 'DQ001');
    expect(dq001.length).toBeGreaterThanOrEqual(4);
  });

  it('when a required column is missing, then the run fails in ingest naming the column', async () => {
    await expectFailedInIngest('missingColumn', /tape\.csv: missing required column current_balance/);
  });

  it('when a tape has a header but no rows, then the run fails in ingest saying so', async () => {
    await expectFailedInIngest('headerOnly', /no loan rows/);
  });

  it('when a file holds only blank lines or no bytes at all, then the run fails in ingest: the file is empty', async () => {
    await expectFailedInIngest('blankLines', /tape\.csv: the file is empty/);
    await expectFailedInIngest('zeroBytes', /tape\.csv: the file is empty/);
  });

  it('when a file is not a tape (binary bytes, a workbook named .csv, text named .xlsx), then the run fails clearly', async () => {
    await expectFailedInIngest('binary', /tape\.csv: not a CSV text file/);
    await expectFailedInIngest('workbookAsCsv', /tape\.csv: not a CSV file \(it is a zip archive/);
    await expectFailedInIngest('textAsXlsx', /tape\.xlsx: not an \.xlsx workbook/);
  });

  it('when a tape starts with a UTF-8 BOM or uses Windows line endings, then it reads as the plain tape does', async () => {
    await expectLikeKnownTape('bom', '-bom');
    await expectLikeKnownTape('crlf', '-crlf');
  });

  it('when the tape is an .xlsx workbook with typed cells, then it reads like the CSV tape', async () => {
    const loans = await expectLikeKnownTape('xlsx', '-xlsx');
    const clean = loans.find((fact) => fact.seller_loan_number === 'L-CLEAN-xlsx')!;
    expect(clean.loan_data).toMatchObject({
      interest_rate: 12.5,
      origination_date: '2026-09-15',
      current_balance: 9500,
    });
    const plain = (await loansOf('clean')).find((fact) => fact.seller_loan_number === 'L-CLEAN-clean')!;
    expect(clean.purchase_price).toBe(plain.purchase_price);
  });

  it('when a folder holds several tapes, then they are read in name order as one tape and all are archived', async () => {
    const run = await runOf('twoFiles');
    expect(run).toMatchObject({ status: 'completed', total_loans: 2 + KNOWN_TAPE.length });
    const loans = await loansOf('twoFiles');
    const a1 = loans.find((fact) => fact.seller_loan_number === 'A-1')!;
    expect(a1.loan_data).toMatchObject({ source_file: 'a.csv', row_number: 1 });
    const clean = loans.filter((fact) => fact.seller_loan_number === 'L-CLEAN-two');
    expect(clean.map((fact) => fact.loan_data)).toEqual([
      expect.objectContaining({ source_file: 'b.xlsx', row_number: 3 }),
    ]);
    const archive = await request(ctx.app).get(`/api/runs/${cases.twoFiles!.runId}/archive`).set(analyst.auth);
    expect(archive.body.map((file: { file_name: string; sha256: string }) => [file.file_name, file.sha256])).toEqual([
      ['a.csv', sha256(bytes.twoFiles!['a.csv']!)],
      ['b.xlsx', sha256(bytes.twoFiles!['b.xlsx']!)],
    ]);
  });

  it('when every odd tape has been run, then no run is left pending or running and the worker still completes runs', async () => {
    const stuck = await ctx.db.prisma.pipelineRun.count({ where: { status: { in: ['pending', 'running'] } } });
    expect(stuck).toBe(0);
    expect((await runOf('clean')).status).toBe('completed');
  });
});
