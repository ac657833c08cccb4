import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rulebook from '../../default-rulebook.json' with { type: 'json' };
import { loanKey } from '../loan-key.js';
import {
  GENERATED_TAPE_HEADERS,
  amortisedBalance,
  badRowIndexes,
  generateTapeRows,
  gradeForRate,
  mulberry32,
  writeGeneratedTape,
} from '../tape-generator.js';
import { readTape } from '../tape-reader.js';
import type { TapeLoan } from '../types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'le-tape-generator-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function generate(name: string, options: Parameters<typeof writeGeneratedTape>[1]): Promise<string> {
  const path = join(dir, name);
  await writeGeneratedTape(createWriteStream(path), options);
  return path;
}

async function readLoans(path: string, pdate: string): Promise<TapeLoan[]> {
  const loans: TapeLoan[] = [];
  const source = { name: path, open: async () => createReadStream(path) };
  for await (const loan of readTape([source], { columnAliases: rulebook.column_aliases, pdate })) loans.push(loan);
  return loans;
}

describe('building blocks', () => {
  it('when mulberry32 is seeded alike, then it repeats; differently, then it differs', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(mulberry32(43)()).not.toBe(first[0]);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('when a 10,000 loan at 12% for 36 months has paid 0, 12 or 36 instalments, then the balance amortises', () => {
    expect(amortisedBalance(10_000, 12, 36, 0)).toBe(10_000);
    // Payment 332.1431; after 12 payments the balance is the PV of the 24 left: 332.1431 × 21.2434 = 7,055.84.
    expect(amortisedBalance(10_000, 12, 36, 12)).toBe(7055.84);
    expect(amortisedBalance(10_000, 12, 36, 36)).toBe(0);
  });

  it('when a rate is given, then the grade follows 3-point bands from 5%', () => {
    expect(gradeForRate(5.42)).toEqual({ grade: 'A', subGrade: 'A1' });
    expect(gradeForRate(13.56)).toEqual({ grade: 'C', subGrade: 'C5' });
    expect(gradeForRate(23.2)).toEqual({ grade: 'G', subGrade: 'G1' });
    expect(gradeForRate(24.11)).toEqual({ grade: 'G', subGrade: 'G2' });
    expect(gradeForRate(35)).toEqual({ grade: 'G', subGrade: 'G5' });
  });

  it('when 5 bad rows are asked of 100 loans, then they spread evenly and cycle through the kinds', () => {
    expect([...badRowIndexes(100, 5)]).toEqual([
      [10, 'unparseable_rate'],
      [30, 'missing_balance'],
      [50, 'impossible_date'],
      [70, 'too_few_columns'],
      [90, 'unparseable_rate'],
    ]);
  });

  it('when rows are generated, then they look like a LendingClub tape', () => {
    const rows = [...generateTapeRows({ loans: 200, pdate: '2026-03-16', seed: 7 })];
    expect(rows).toHaveLength(200);
    for (const row of rows) expect(row).toHaveLength(GENERATED_TAPE_HEADERS.length);
    const column = (name: (typeof GENERATED_TAPE_HEADERS)[number]) =>
      rows.map((row) => row[GENERATED_TAPE_HEADERS.indexOf(name)]);
    expect(column('term').every((term) => term === ' 36 months' || term === ' 60 months')).toBe(true);
    expect(column('int_rate').every((rate) => /^\d+\.\d{2}%$/.test(String(rate)))).toBe(true);
    expect(column('issue_d').every((date) => /^[A-Z][a-z]{2}-20\d\d$/.test(String(date)))).toBe(true);
    expect(column('loan_amnt').some((amount) => typeof amount === 'string' && amount.includes(','))).toBe(true);
    expect(new Set(column('loan_status'))).toContain('Current');
  });
});

describe('generated tapes', () => {
  it('when the same seed is used twice, then the CSV bytes are identical; another seed differs', async () => {
    const options = { loans: 500, pdate: '2026-03-16', seed: 42, badRows: 5, format: 'csv' as const };
    const first = await readFile(await generate('a.csv', options));
    const second = await readFile(await generate('b.csv', options));
    const other = await readFile(await generate('c.csv', { ...options, seed: 43 }));
    expect(first.equals(second)).toBe(true);
    expect(first.equals(other)).toBe(false);
  });

  it('when a generated CSV with 8 bad rows is read, then all loans come back and the bad rows carry problems', async () => {
    const loans = await readLoans(
      await generate('bad.csv', { loans: 2000, pdate: '2026-03-16', seed: 1, badRows: 8, format: 'csv' }),
      '2026-03-16',
    );
    expect(loans).toHaveLength(2000);
    const reasons = loans.flatMap((loan) => loan.problems.map((problem) => `${problem.field}: ${problem.reason}`));
    expect(reasons.sort()).toEqual([
      'interest_rate: not a valid percent',
      'interest_rate: not a valid percent',
      'interest_rate: row has 5 values but the header has 19 columns',
      'interest_rate: row has 5 values but the header has 19 columns',
      'origination_date: impossible date',
      'origination_date: impossible date',
    ]);
    // The "missing balance" rows parse cleanly but have no balance: DQ001 catches them as missing.
    expect(
      loans.filter((loan) => loan.fields.current_balance === undefined && loan.problems.length === 0),
    ).toHaveLength(2);
    const good = loans.filter((loan) => loan.problems.length === 0 && loan.fields.current_balance !== undefined);
    for (const loan of good) {
      expect(loan.fields.current_balance).toBeLessThanOrEqual(loan.fields.original_balance ?? 0);
      expect(loan.fields.origination_date! <= '2026-03-16').toBe(true);
      expect(loan.fields.loan_age_months).toBeGreaterThanOrEqual(0);
      expect(loan.fields.loan_age_months).toBeLessThanOrEqual(9);
      expect(loan.fields.fico).toBeGreaterThanOrEqual(600);
    }
    const keys = loans.map(loanKey);
    expect(new Set(keys).size).toBeLessThan(keys.length);
    expect(new Set(loans.map((loan) => loan.fields.state)).size).toBeGreaterThan(30);
  });

  it('when a tape is generated as xlsx, then it reads back with the same loans as the CSV', async () => {
    const options = { loans: 300, pdate: '2026-03-16', seed: 9, badRows: 3 };
    const fromCsv = await readLoans(await generate('t.csv', { ...options, format: 'csv' }), '2026-03-16');
    const fromXlsx = await readLoans(await generate('t.xlsx', { ...options, format: 'xlsx' }), '2026-03-16');
    expect(fromXlsx).toHaveLength(300);
    fromCsv.forEach((csvLoan, index) => {
      const xlsxLoan = fromXlsx[index]!;
      if (csvLoan.problems.some((problem) => problem.reason.startsWith('row has'))) {
        // A short row is ragged only in CSV; in a sheet it is a row whose later cells are empty.
        expect(xlsxLoan.problems).toEqual([]);
        expect(xlsxLoan.fields.interest_rate).toBeUndefined();
      } else {
        expect(xlsxLoan.fields).toEqual(csvLoan.fields);
        expect(xlsxLoan.problems).toEqual(csvLoan.problems);
      }
    });
  });

  it('when 100,000 loans are generated and read back, then the count matches (timings printed, not asserted)', async () => {
    const started = performance.now();
    const path = await generate('big.csv', {
      loans: 100_000,
      pdate: '2026-03-16',
      seed: 42,
      badRows: 10,
      format: 'csv',
    });
    const generated = performance.now();
    let count = 0;
    let withProblems = 0;
    const source = { name: 'big.csv', open: async () => createReadStream(path) };
    for await (const loan of readTape([source], { columnAliases: rulebook.column_aliases, pdate: '2026-03-16' })) {
      count += 1;
      if (loan.problems.length > 0) withProblems += 1;
    }
    const read = performance.now();
    console.log(
      `100,000-loan CSV: generated in ${((generated - started) / 1000).toFixed(2)} s, ` +
        `read in ${((read - generated) / 1000).toFixed(2)} s (${withProblems} loans with problems)`,
    );
    expect(count).toBe(100_000);
    // 10 bad rows cycle through 4 kinds: 3 bad rates, 2 impossible dates and 2 short rows carry problems;
    // the 3 rows with a missing balance are simply missing it.
    expect(withProblems).toBe(7);
  });
});
