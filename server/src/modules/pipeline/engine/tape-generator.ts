// Synthetic LendingClub-style loan tapes for tests, demos and the benchmark (`npm run tape:generate`).
// Credit values come in real combinations (amount, rate, instalment, income, DTI, FICO) from a sample
// of public LendingClub loans; ids, dates, states and statuses are drawn from a seeded PRNG, so the
// same options always give the same tape, byte for byte.
import type { Writable } from 'node:stream';
import sample from './lendingclub-sample.json' with { type: 'json' };
import { addMonths, countPaymentsMade } from './derive.js';
import { CsvWriter, XlsxWriter } from './output-writers.js';

export const GENERATED_TAPE_HEADERS = [
  'id',
  'loan_status',
  'loan_amnt',
  'funded_amnt',
  'out_prncp',
  'int_rate',
  'term',
  'installment',
  'fico_range_low',
  'fico_range_high',
  'dti',
  'annual_inc',
  'addr_state',
  'grade',
  'sub_grade',
  'purpose',
  'issue_d',
  'first_pymnt_d',
  'emp_length',
] as const;

export type GeneratedCell = string | number;

export interface TapeGeneratorOptions {
  loans: number;
  /** Purchase date `YYYY-MM-DD`: loans are issued 0–9 months before it and amortised up to it. */
  pdate: string;
  seed?: number;
  /** Garbage rows spread evenly through the tape, cycling through BAD_ROW_KINDS. */
  badRows?: number;
}

export const BAD_ROW_KINDS = ['unparseable_rate', 'missing_balance', 'impossible_date', 'too_few_columns'] as const;

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for test data and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SampleLoan {
  amount: number;
  rate: number;
  installment: number;
  income: number;
  dti: number;
  ficoLow: number;
  ficoHigh: number;
  term: number;
  empLength: number | null;
}

const SAMPLE: SampleLoan[] = sample.rows.map(
  ([amount, rate, installment, income, dti, ficoLow, ficoHigh, term, emp]) => ({
    amount: amount ?? 0,
    rate: rate ?? 0,
    installment: installment ?? 0,
    income: income ?? 0,
    dti: dti ?? 0,
    ficoLow: ficoLow ?? 0,
    ficoHigh: ficoHigh ?? 0,
    term: term ?? 36,
    empLength: emp ?? null,
  }),
);

type Weighted<T> = readonly (readonly [T, number])[];

// Borrower states, weighted roughly as in LendingClub's 2007–2011 book; IA and WV (excluded by the
// default rulebook) appear now and then, as they do on real tapes.
const STATES: Weighted<string> = [
  ['CA', 178], ['NY', 96], ['FL', 73], ['TX', 69], ['NJ', 47], ['IL', 39], ['PA', 39], ['VA', 35], ['GA', 35],
  ['MA', 34], ['OH', 31], ['MD', 27], ['AZ', 22], ['WA', 21], ['CO', 20], ['NC', 20], ['CT', 19], ['MI', 18],
  ['MO', 17], ['MN', 16], ['NV', 13], ['SC', 12], ['WI', 12], ['AL', 11], ['OR', 11], ['LA', 11], ['KY', 8],
  ['OK', 8], ['KS', 7], ['UT', 7], ['AR', 6], ['DC', 5], ['RI', 5], ['NM', 5], ['WV', 4], ['HI', 4], ['NH', 4],
  ['DE', 3], ['MT', 2], ['WY', 2], ['AK', 2], ['SD', 2], ['VT', 1], ['MS', 1], ['TN', 1], ['IN', 1], ['IA', 1],
  ['NE', 1], ['ID', 1], ['ME', 1],
]; // prettier-ignore

const PURPOSES: Weighted<string> = [
  ['debt_consolidation', 470], ['credit_card', 130], ['other', 100], ['home_improvement', 75],
  ['major_purchase', 55], ['small_business', 46], ['car', 39], ['wedding', 24], ['medical', 17], ['moving', 15],
  ['house', 10], ['vacation', 10], ['educational', 8], ['renewable_energy', 3],
]; // prettier-ignore

const STATUSES: Weighted<string> = [
  ['Current', 960],
  ['In Grace Period', 25],
  ['Late (16-30 days)', 15],
];

function pickWeighted<T>(table: Weighted<T>, random: () => number): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let ticket = random() * total;
  for (const [value, weight] of table) {
    ticket -= weight;
    if (ticket < 0) return value;
  }
  return table[table.length - 1]![0];
}

const GRADES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

/** LendingClub priced by grade: 3-point rate bands from 5% (A) up, five sub-grades per band. */
export function gradeForRate(rate: number): { grade: string; subGrade: string } {
  const band = Math.min(Math.max(Math.floor((rate - 5) / 3), 0), GRADES.length - 1);
  const step = Math.min(Math.max(Math.floor((rate - 5 - band * 3) / 0.6), 0), 4);
  const grade = GRADES[band] ?? 'G';
  return { grade, subGrade: `${grade}${step + 1}` };
}

/** Principal left after `paid` level payments (balance never below zero; cents). */
export function amortisedBalance(principal: number, ratePct: number, term: number, paid: number): number {
  const i = ratePct / 1200;
  if (paid >= term) return 0;
  const balance =
    i === 0
      ? principal * (1 - paid / term)
      : principal * (1 + i) ** paid - ((principal * i) / (1 - (1 + i) ** -term)) * (((1 + i) ** paid - 1) / i);
  return Math.max(Math.round(balance * 100) / 100, 0);
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatMonthYear(iso: string): string {
  return `${MONTH_NAMES[Number(iso.slice(5, 7)) - 1]}-${iso.slice(0, 4)}`;
}

/** "12,000.00": some sellers format money for people, not machines. */
function withThousands(amount: number): string {
  const [whole = '0', cents = '00'] = amount.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

function formatEmploymentLength(years: number | null): string {
  if (years === null) return 'n/a';
  if (years >= 10) return '10+ years';
  if (years < 1) return '< 1 year';
  return years === 1 ? '1 year' : `${years} years`;
}

/** Row indexes (0-based) of the bad rows: spread evenly so every part of a tape has some. */
export function badRowIndexes(loans: number, badRows: number): Map<number, (typeof BAD_ROW_KINDS)[number]> {
  const count = Math.min(Math.max(badRows, 0), loans);
  const indexes = new Map<number, (typeof BAD_ROW_KINDS)[number]>();
  for (let k = 0; k < count; k++) {
    indexes.set(Math.floor(((k + 0.5) * loans) / count), BAD_ROW_KINDS[k % BAD_ROW_KINDS.length]!);
  }
  return indexes;
}

/** The tape's data rows, one at a time (the header is GENERATED_TAPE_HEADERS). */
export function* generateTapeRows(options: TapeGeneratorOptions): Generator<GeneratedCell[]> {
  const random = mulberry32(options.seed ?? 42);
  const firstId = 1_000_000 + Math.floor(random() * 8_000_000);
  const badRows = badRowIndexes(options.loans, options.badRows ?? 0);
  const purchaseMonth = `${options.pdate.slice(0, 7)}-01`;

  for (let index = 0; index < options.loans; index++) {
    const loan = SAMPLE[Math.floor(random() * SAMPLE.length)]!;
    // A few loan ids repeat, as they do when a seller resends a loan; the buyer must catch them.
    const duplicate = index > 0 && random() < 0.003;
    const id = duplicate ? firstId + index - 1 - Math.floor(random() * Math.min(index, 50)) : firstId + index;
    const status = pickWeighted(STATUSES, random);
    const issueDate = addMonths(purchaseMonth, -Math.floor(random() * 10));
    const firstPaymentDate = addMonths(issueDate, 1);
    // A loan behind on its payments has paid one instalment fewer than the calendar says.
    const due = countPaymentsMade(firstPaymentDate, options.pdate);
    const paid = status === 'Current' ? due : Math.max(due - 1, 0);
    const balance = amortisedBalance(loan.amount, loan.rate, loan.term, paid);
    const money = random() < 0.1 ? withThousands : (amount: number) => amount;
    const { grade, subGrade } = gradeForRate(loan.rate);
    const row: GeneratedCell[] = [
      String(id),
      status,
      money(loan.amount),
      money(loan.amount),
      money(balance),
      `${loan.rate.toFixed(2)}%`,
      ` ${loan.term} months`,
      loan.installment,
      loan.ficoLow,
      loan.ficoHigh,
      loan.dti,
      loan.income,
      pickWeighted(STATES, random),
      grade,
      subGrade,
      pickWeighted(PURPOSES, random),
      formatMonthYear(issueDate),
      formatMonthYear(firstPaymentDate),
      formatEmploymentLength(loan.empLength),
    ];
    const bad = badRows.get(index);
    yield bad ? spoilRow(row, bad) : row;
  }
}

function spoilRow(row: GeneratedCell[], kind: (typeof BAD_ROW_KINDS)[number]): GeneratedCell[] {
  const column = (name: (typeof GENERATED_TAPE_HEADERS)[number]) => GENERATED_TAPE_HEADERS.indexOf(name);
  const spoiled = [...row];
  if (kind === 'unparseable_rate') spoiled[column('int_rate')] = 'abc%';
  if (kind === 'missing_balance') spoiled[column('out_prncp')] = '';
  if (kind === 'impossible_date') spoiled[column('issue_d')] = '31/31/2026';
  if (kind === 'too_few_columns') return spoiled.slice(0, 5);
  return spoiled;
}

/** Streams a generated tape to `out` as CSV or XLSX; resolves when it is fully written. */
export async function writeGeneratedTape(
  out: Writable,
  options: TapeGeneratorOptions & { format: 'csv' | 'xlsx' },
): Promise<void> {
  // A seller's tape is written as the seller sent it: no formula escaping.
  if (options.format === 'xlsx') {
    const writer = new XlsxWriter(out, { escapeFormulas: false });
    await writer.addSheet({ name: 'Loans', header: GENERATED_TAPE_HEADERS, rows: generateTapeRows(options) });
    await writer.close();
    return;
  }
  const writer = new CsvWriter(out, { escapeFormulas: false });
  await writer.writeRow(GENERATED_TAPE_HEADERS);
  for (const row of generateTapeRows(options)) await writer.writeRow(row);
  await writer.end();
}
