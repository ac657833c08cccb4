import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rulebook from '../../default-rulebook.json' with { type: 'json' };
import { loanKey } from '../loan-key.js';
import { XlsxWriter } from '../output-writers.js';
import { TapeFormatError, readTape, type ReadTapeOptions, type TapeSource } from '../tape-reader.js';
import type { TapeLoan } from '../types.js';

const options: ReadTapeOptions = { columnAliases: rulebook.column_aliases };

/** A tape file in memory, handed over in chunks of `chunkSize` bytes to exercise chunk boundaries. */
function memorySource(
  name: string,
  content: string | Buffer,
  chunkSize = 64 * 1024,
): TapeSource & { opened: Readable[] } {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const opened: Readable[] = [];
  return {
    name,
    opened,
    async open() {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
      const stream = Readable.from(chunks, { objectMode: false });
      opened.push(stream);
      return stream;
    },
  };
}

function fileSource(path: string, name = path): TapeSource {
  return { name, open: async () => createReadStream(path) };
}

async function readAll(sources: TapeSource[], readOptions: ReadTapeOptions = options): Promise<TapeLoan[]> {
  const loans: TapeLoan[] = [];
  for await (const loan of readTape(sources, readOptions)) loans.push(loan);
  return loans;
}

async function formatError(sources: TapeSource[]): Promise<TapeFormatError> {
  const error = await readAll(sources).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TapeFormatError);
  return error as TapeFormatError;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'le-tape-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CSV tapes', () => {
  it('when a CSV has a BOM, CRLF, quoted commas and blank lines, then every loan reads cleanly', async () => {
    const csv =
      '\uFEFFid,out_prncp,int_rate,term,issue_d,addr_state,memo\r\n' +
      '\r\n' +
      'L1,"12,000.00",13.56%, 36 months,Dec-2025,ca,"said ""hi"", left"\r\n' +
      ',,,,,,\r\n' +
      'L2,$950.10,0.0725,60,2025-11-15,NY,"two\r\nlines"\r\n' +
      '\r\n';
    const loans = await readAll([memorySource('tape.csv', csv, 7)]);
    expect(loans.map((loan) => loan.rowNumber)).toEqual([1, 2]);
    expect(loans[0]).toEqual({
      rowNumber: 1,
      sourceFile: 'tape.csv',
      fields: {
        seller_loan_number: 'L1',
        current_balance: 12000,
        interest_rate: 13.56,
        original_term: 36,
        origination_date: '2025-12-01',
        state: 'CA',
      },
      extras: { memo: 'said "hi", left' },
      problems: [],
    });
    expect(loans[1]?.fields).toMatchObject({ current_balance: 950.1, interest_rate: 7.25, original_term: 60 });
    expect(loans[1]?.extras.memo).toBe('two\r\nlines');
  });

  it('when a row has too few or too many values, then it becomes a loan with a problem and reading goes on', async () => {
    const csv = 'id,out_prncp,int_rate\nL1,100,10%\nL2,200\nL3,300,1,2,000%\nL4,400,11%\n';
    const loans = await readAll([memorySource('ragged.csv', csv)]);
    expect(loans.map(loanKey)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(loans[1]?.problems).toEqual([
      { field: 'interest_rate', raw: 'L2,200', reason: 'row has 2 values but the header has 3 columns' },
    ]);
    expect(loans[2]?.problems[0]?.reason).toBe('row has 5 values but the header has 3 columns');
    expect(loans[2]?.fields.interest_rate).toBeUndefined();
    expect(loans[3]?.problems).toEqual([]);
  });

  it('when a row has no loan number, then it still becomes a loan keyed by its row number', async () => {
    const loans = await readAll([memorySource('tape.csv', 'id,upb\nL1,5\n ,6\n')]);
    expect(loans[1]?.fields.seller_loan_number).toBeUndefined();
    expect(loanKey(loans[1]!)).toBe('ROW-2');
  });

  it('when the file is empty or blank, then it is a TapeFormatError', async () => {
    expect((await formatError([memorySource('empty.csv', '')])).message).toBe(
      'empty.csv: the file is empty (no header row)',
    );
    expect((await formatError([memorySource('blank.csv', '\uFEFF\r\n\r\n , \r\n')])).message).toBe(
      'blank.csv: the file is empty (no header row)',
    );
  });

  it('when a required column is missing, then the TapeFormatError names it and the columns found', async () => {
    const error = await formatError([memorySource('tape.csv', 'Loan ID,Loan Amount,Rate\nL1,1000,10%\n')]);
    expect(error.sourceFile).toBe('tape.csv');
    expect(error.message).toBe(
      'tape.csv: missing required column current_balance (or current_principal_balance, out_prncp, upb, balance); ' +
        'found columns: Loan ID, Loan Amount, Rate',
    );
  });

  it('when a .csv is binary garbage or a renamed workbook, then it is a TapeFormatError', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256));
    expect((await formatError([memorySource('garbage.csv', garbage)])).message).toMatch(/not a CSV text file/);
    const workbook = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('rest of a zip')]);
    expect((await formatError([memorySource('book.csv', workbook)])).message).toMatch(/zip archive/);
  });

  it('when a quote is never closed, then it is a TapeFormatError, not a crash', async () => {
    const error = await formatError([memorySource('quote.csv', 'id,upb\nL1,"100\nL2,200\n')]);
    expect(error.message).toMatch(/^quote\.csv: could not be read as CSV: /);
  });

  it('when the file is not .csv or .xlsx, then it is a TapeFormatError', async () => {
    expect((await formatError([memorySource('tape.txt', 'id,upb\n')])).message).toBe(
      'tape.txt: not a tape file (expected .csv or .xlsx)',
    );
  });

  it('when pdate is given, then loans come with derived fields', async () => {
    const csv = 'id,upb,status,term,issue_d\nL1,100,Current,36,2025-12-31\n';
    const [loan] = await readAll([memorySource('tape.csv', csv)], { ...options, pdate: '2026-03-16' });
    expect(loan?.fields).toMatchObject({ first_payment_date: '2026-01-31', payments_made: 2, remaining_term: 34 });
  });

  it('when the consumer stops early, then the file stream is closed', async () => {
    const source = memorySource('tape.csv', 'id,upb\nL1,1\nL2,2\nL3,3\n', 4);
    for await (const loan of readTape([source], options)) {
      expect(loan.rowNumber).toBe(1);
      break;
    }
    expect(source.opened[0]?.destroyed).toBe(true);
  });
});

describe('XLSX tapes', () => {
  async function writeWorkbook(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    const path = join(dir, name);
    await workbook.xlsx.writeFile(path);
    return path;
  }

  it('when an .xlsx has date cells, numbers, percents, rich text and formulas, then they parse like CSV text', async () => {
    const path = await writeWorkbook('tape.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Tape');
      sheet.addRow([]);
      sheet.addRow(['Loan Number', 'UPB', 'Note Rate', 'Orig Date', 'First Due Date', 'State', 'FICO', 'Comment']);
      const first = sheet.addRow([
        100234,
        12000.5,
        0.1356,
        new Date(Date.UTC(2025, 11, 1)),
        46053,
        { richText: [{ text: 'c' }, { text: 'a' }] },
        { formula: '700+20', result: 720 },
        'ok',
      ]);
      first.getCell(3).numFmt = '0.00%';
      first.getCell(4).numFmt = 'yyyy-mm-dd';
      sheet.addRow([]);
      sheet.addRow(['L-2', '1,000.00', '7.5%', 'Jan-2026', '02/01/2026', 'NY', 'abc']);
      workbook.addWorksheet('Notes').addRow(['ignored', 'sheet']);
    });
    const loans = await readAll([fileSource(path, 'tape.xlsx')]);
    expect(loans).toHaveLength(2);
    expect(loans[0]).toEqual({
      rowNumber: 1,
      sourceFile: 'tape.xlsx',
      fields: {
        seller_loan_number: '100234',
        current_balance: 12000.5,
        interest_rate: 13.56,
        origination_date: '2025-12-01',
        first_payment_date: '2026-01-31',
        state: 'CA',
        fico: 720,
      },
      extras: { Comment: 'ok' },
      problems: [],
    });
    expect(loans[1]?.fields).toMatchObject({
      current_balance: 1000,
      interest_rate: 7.5,
      origination_date: '2026-01-01',
    });
    expect(loans[1]?.problems).toEqual([{ field: 'fico', raw: 'abc', reason: 'not a number' }]);
  });

  it('when an .xlsx is not a zip or is empty, then it is a TapeFormatError', async () => {
    expect((await formatError([memorySource('text.xlsx', 'id,upb\nL1,1\n')])).message).toBe(
      'text.xlsx: not an .xlsx workbook (the file is not a zip archive)',
    );
    expect((await formatError([memorySource('empty.xlsx', '')])).message).toBe(
      'empty.xlsx: the file is empty (no header row)',
    );
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
    expect((await formatError([memorySource('broken.xlsx', broken)])).message).toMatch(
      /^broken\.xlsx: the \.xlsx workbook could not be read/,
    );
  });

  it('when an .xlsx lacks a required column, then the TapeFormatError names it', async () => {
    const path = await writeWorkbook('no-balance.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Tape');
      sheet.addRow(['id', 'int_rate']);
      sheet.addRow(['L1', 0.1]);
    });
    expect((await formatError([fileSource(path, 'no-balance.xlsx')])).message).toBe(
      'no-balance.xlsx: missing required column current_balance (or current_principal_balance, out_prncp, upb, ' +
        'balance); found columns: id, int_rate',
    );
  });

  it('when the consumer stops early on a streamed-out .xlsx, then reading ends without hanging', async () => {
    const path = join(dir, 'streamed.xlsx');
    const writer = new XlsxWriter(createWriteStream(path));
    const rows = Array.from({ length: 5000 }, (_, index) => [`L${index + 1}`, index + 1]);
    await writer.addSheet({ name: 'Tape', header: ['id', 'upb'], rows });
    await writer.close();
    const keys: string[] = [];
    for await (const loan of readTape([fileSource(path, 'streamed.xlsx')], options)) {
      keys.push(loanKey(loan));
      if (keys.length === 3) break;
    }
    expect(keys).toEqual(['L1', 'L2', 'L3']);
    expect(await readAll([fileSource(path, 'streamed.xlsx')])).toHaveLength(5000);
  });

  it('when an .xlsx sheet has no rows, then it is a TapeFormatError', async () => {
    const path = await writeWorkbook('blank.xlsx', (workbook) => workbook.addWorksheet('Empty'));
    expect((await formatError([fileSource(path, 'blank.xlsx')])).message).toBe(
      'blank.xlsx: the file is empty (no header row)',
    );
  });
});

describe('several files', () => {
  it('when a CSV and an XLSX are read in order, then loans concatenate and rowNumber runs on', async () => {
    const path = await (async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Tape');
      sheet.addRow(['id', 'balance']);
      sheet.addRow(['B1', 10]);
      sheet.addRow(['B2', 20]);
      const target = join(dir, 'b.xlsx');
      await workbook.xlsx.writeFile(target);
      return target;
    })();
    const loans = await readAll([
      memorySource('a.csv', 'id,upb\nA1,1\nA2,2\n'),
      fileSource(path, 'b.xlsx'),
      memorySource('c.csv', 'loan_number,current_balance\nC1,3\n'),
    ]);
    expect(loans.map((loan) => [loan.rowNumber, loan.sourceFile, loanKey(loan), loan.fields.current_balance])).toEqual([
      [1, 'a.csv', 'A1', 1],
      [2, 'a.csv', 'A2', 2],
      [3, 'b.xlsx', 'B1', 10],
      [4, 'b.xlsx', 'B2', 20],
      [5, 'c.csv', 'C1', 3],
    ]);
  });

  it('when a later file is broken, then the error names that file', async () => {
    const error = await formatError([memorySource('a.csv', 'id,upb\nA1,1\n'), memorySource('b.csv', '')]);
    expect(error.sourceFile).toBe('b.csv');
  });

  it('when a header maps columns, then onFileMapped reports it for the run log', async () => {
    const summaries: string[] = [];
    await readAll([memorySource('a.csv', 'id,upb,loan_amnt,funded_amnt\n')], {
      ...options,
      onFileMapped: (file) => summaries.push(`${file.name} ${file.format}: ${file.summary}`),
    });
    expect(summaries).toEqual([
      'a.csv csv: mapped: id → seller_loan_number, upb → current_balance, loan_amnt → original_balance; ' +
        'duplicate original_balance: "funded_amnt" ignored, "loan_amnt" used',
    ]);
  });
});
