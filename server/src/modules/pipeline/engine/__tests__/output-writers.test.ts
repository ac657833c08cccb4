import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CsvWriter,
  XlsxWriter,
  escapeCell,
  formatCsvField,
  formatCsvRow,
  writeCsv,
  writeXlsx,
} from '../output-writers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'le-output-writers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('escapeCell', () => {
  it('when text starts with = + - @ tab or CR, then it gets a leading quote', () => {
    expect(escapeCell('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(escapeCell('+1')).toBe("'+1");
    expect(escapeCell('-5')).toBe("'-5");
    expect(escapeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCell('\t=1')).toBe("'\t=1");
    expect(escapeCell('\r=1')).toBe("'\r=1");
  });

  it('when a value is a number or harmless text, then it is unchanged: -5 stays a number', () => {
    expect(escapeCell(-5)).toBe(-5);
    expect(escapeCell('LN-001')).toBe('LN-001');
    expect(escapeCell('a=b')).toBe('a=b');
    expect(escapeCell(null)).toBeNull();
    expect(escapeCell(true)).toBe(true);
  });
});

describe('CSV', () => {
  it('when a field holds a comma, quote or line break, then it is quoted with doubled quotes', () => {
    expect(formatCsvField('plain')).toBe('plain');
    expect(formatCsvField('12,000.00')).toBe('"12,000.00"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField('two\nlines')).toBe('"two\nlines"');
    expect(formatCsvField('cr\r')).toBe('"cr\r"');
    expect(formatCsvField(' padded ')).toBe(' padded ');
  });

  it('when values are numbers, dates, booleans or empty, then they print plainly', () => {
    expect(formatCsvRow([1.5, -2, Number.NaN, null, undefined, true, new Date(Date.UTC(2026, 0, 31))])).toBe(
      '1.5,-2,,,,true,2026-01-31',
    );
  });

  it('when a row has tape text that looks like a formula, then the CSV escapes it unless told not to', () => {
    expect(formatCsvRow(['=1+1', -3, '-3'])).toBe("'=1+1,-3,'-3");
    expect(formatCsvRow(['=1+1', '=a,b'], { escapeFormulas: false })).toBe('=1+1,"=a,b"');
    expect(formatCsvRow(['=a,b'])).toBe('"\'=a,b"');
  });

  it('when rows stream through the writer, then the file is CRLF RFC 4180 with an optional BOM', async () => {
    const path = join(dir, 'out.csv');
    async function* rows() {
      yield ['L1', 1200.5, 'a,"b"'];
      yield ['L2', null, '+x'];
    }
    const count = await writeCsv(createWriteStream(path), ['id', 'balance', 'note'], rows(), { bom: true });
    expect(count).toBe(2);
    expect(await readFile(path, 'utf8')).toBe('\uFEFFid,balance,note\r\nL1,1200.5,"a,""b"""\r\nL2,,\'+x\r\n');
  });

  it('when the destination is slow, then the writer waits for drain and loses nothing', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const received: Buffer[] = [];
    const writer = new CsvWriter(out);
    const done = (async () => {
      for (let row = 0; row < 20_000; row++) await writer.writeRow([row, 'text that fills the buffer']);
      await writer.end();
    })();
    for await (const chunk of out) received.push(chunk as Buffer);
    await done;
    const lines = Buffer.concat(received).toString('utf8').split('\r\n');
    expect(lines).toHaveLength(20_001);
    expect(lines[19_999]).toBe('19999,text that fills the buffer');
  });
});

describe('XLSX', () => {
  it('when sheets are written and read back, then headers, numbers, text and escapes survive', async () => {
    const path = join(dir, 'out.xlsx');
    async function* purchases() {
      for (let row = 1; row <= 2500; row++) yield [`L${row}`, row * 10.5, row % 2 === 0 ? '=cmd()' : 'ok'];
    }
    const counts = await writeXlsx(createWriteStream(path), [
      { name: 'Purchases', header: ['id', 'price', 'note'], rows: purchases() },
      {
        name: 'Summary: 2026/03?',
        header: ['metric', 'value', 'as of'],
        rows: [['loans', -2500, new Date(Date.UTC(2026, 2, 16))]],
      },
    ]);
    expect(counts).toEqual([2500, 1]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(createReadStream(path));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Purchases', 'Summary_ 2026_03_']);
    const purchasesSheet = workbook.worksheets[0]!;
    expect(purchasesSheet.rowCount).toBe(2501);
    expect(purchasesSheet.getRow(1).values).toEqual([undefined, 'id', 'price', 'note']);
    expect(purchasesSheet.getRow(2).values).toEqual([undefined, 'L1', 10.5, 'ok']);
    expect(purchasesSheet.getRow(3).values).toEqual([undefined, 'L2', 21, "'=cmd()"]);
    expect(workbook.worksheets[1]!.getRow(2).values).toEqual([undefined, 'loans', -2500, '2026-03-16']);
  });

  it('when two sheets share a name, then the second gets a suffix instead of failing', async () => {
    const path = join(dir, 'dupes.xlsx');
    const writer = new XlsxWriter(createWriteStream(path));
    await writer.addSheet({ name: 'Data', header: ['a'], rows: [[1]] });
    await writer.addSheet({ name: 'data', header: ['b'], rows: [[2]] });
    await writer.close();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Data', 'data (2)']);
  });
});
