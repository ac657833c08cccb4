// What a run writes (pipeline spec §8): the purchase file, the exception report and the run
// report, in a scratch folder first; run-executor.ts then stores them in the outputs area.
import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { CsvWriter, writeCsv, writeXlsx, type OutputCell, type SheetSpec } from '../engine/output-writers.js';
import type { RunSummary, SummaryDecision } from '../engine/summary.js';
import { CANONICAL_FIELDS, DERIVED_FIELDS, type LoanFields, type LoanExceptionRecord } from '../engine/types.js';

export interface OutputFile {
  outputKey: string;
  fileName: string;
  contentType: string;
  localPath: string;
  /** Also copied to output_share/<team>/<pdate>/ for the run's sales team. */
  shared: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv';

/** Every canonical field, then the derived ones (pipeline spec §3), in the tape's field order. */
const LOAN_COLUMNS: (keyof LoanFields)[] = [...CANONICAL_FIELDS, ...DERIVED_FIELDS];

export const PURCHASE_HEADER = [
  ...LOAN_COLUMNS,
  'price_pct',
  'purchase_price',
  'wal_years',
  'source_file',
  'row_number',
];

/** Rows made as the writer asks for them, so a large pool is never copied into a second array. */
function* purchaseRows(purchased: readonly SummaryDecision[]): Generator<OutputCell[]> {
  for (const decision of purchased) yield purchaseRow(decision);
}

export function purchaseRow(decision: SummaryDecision): OutputCell[] {
  const fields = decision.loan.fields;
  return [
    ...LOAN_COLUMNS.map((column) => fields[column]),
    decision.price?.price_pct,
    decision.price?.purchase_price,
    decision.price?.wal_years,
    decision.loan.sourceFile,
    decision.loan.rowNumber,
  ];
}

export const EXCEPTION_HEADER = [
  'seller_loan_number',
  'exception_type',
  'exception_category',
  'severity',
  'message',
  'rejection_criteria',
  'disposition',
  'current_balance',
  'interest_rate',
  'fico',
  'state',
  'loan_status',
  'source_file',
  'row_number',
];

/** The exception report is written as the run goes (CSV in the scratch folder), then converted. */
export class ExceptionReport {
  private readonly writer: CsvWriter;
  readonly csvPath: string;

  constructor(directory: string) {
    this.csvPath = join(directory, 'exceptions_report.csv');
    this.writer = new CsvWriter(createWriteStream(this.csvPath));
  }

  async start(): Promise<void> {
    await this.writer.writeRow(EXCEPTION_HEADER);
  }

  async add(
    decision: SummaryDecision,
    exceptions: readonly LoanExceptionRecord[] = decision.exceptions,
  ): Promise<void> {
    const fields = decision.loan.fields;
    for (const exception of exceptions) {
      await this.writer.writeRow([
        exception.seller_loan_number,
        exception.exception_type,
        exception.exception_category,
        exception.severity,
        exception.message,
        exception.rejection_criteria,
        decision.disposition,
        fields.current_balance,
        fields.interest_rate,
        fields.fico,
        fields.state,
        fields.loan_status,
        decision.loan.sourceFile,
        decision.loan.rowNumber,
      ]);
    }
  }

  async end(): Promise<void> {
    await this.writer.end();
  }
}

/** Re-reads the finished exception CSV as rows for the workbook (numbers stay numbers). */
async function* exceptionRowsFromCsv(csvPath: string): AsyncGenerator<OutputCell[]> {
  const numeric = new Set(['current_balance', 'interest_rate', 'fico', 'row_number']);
  const parser = createReadStream(csvPath).pipe(parse({ from_line: 2, relax_quotes: false }));
  for await (const record of parser as AsyncIterable<string[]>) {
    yield record.map((value, index) => {
      // The CSV escaped formula-looking text with a leading ' — undo it; the XLSX writer escapes again.
      const unescaped = value.startsWith("'") && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
      return numeric.has(EXCEPTION_HEADER[index]!) && unescaped !== '' ? Number(unescaped) : unescaped;
    });
  }
}

function summarySheets(summary: RunSummary): SheetSpec[] {
  const pool = summary.purchase_pool;
  const overview: OutputCell[][] = [
    ['run_id', summary.run_id],
    ['rulebook', `${summary.rulebook.name} (version ${summary.rulebook.version})`],
    ['total_loans', summary.total_loans],
    ['total_balance', summary.total_balance],
    ['exceptions_count', summary.exceptions_count],
    ...Object.entries(summary.dispositions).flatMap(([disposition, { count, balance }]) => [
      [`${disposition}_count`, count],
      [`${disposition}_balance`, balance],
    ]),
    ...Object.entries(pool).map(([key, value]) => [`purchase_pool.${key}`, value] as OutputCell[]),
  ];
  const strat = (name: string, rows: RunSummary['stratifications']['by_state']): SheetSpec => ({
    name,
    header: ['bucket', 'count', 'balance', 'share_pct', 'wa_interest_rate', 'wa_fico'],
    rows: rows.map((row) => [row.bucket, row.count, row.balance, row.share_pct, row.wa_interest_rate, row.wa_fico]),
  });
  const concentration = summary.concentration;
  return [
    { name: 'Summary', header: ['metric', 'value'], rows: overview },
    {
      name: 'Eligibility',
      header: ['rule_id', 'name', 'category', 'action', 'failed_count', 'failed_balance'],
      rows: Object.entries(summary.eligibility_checks).map(([id, check]) => [
        id,
        check.name,
        check.category,
        check.action,
        check.failed_count,
        check.failed_balance,
      ]),
    },
    {
      name: 'Portfolio tests',
      header: ['id', 'name', 'metric', 'op', 'threshold', 'value', 'pass'],
      rows: summary.portfolio_tests.map((test) => [
        test.id,
        test.name,
        test.metric,
        test.op,
        test.threshold,
        test.value,
        test.pass === null ? 'n/a' : test.pass ? 'PASS' : 'FAIL',
      ]),
    },
    {
      name: 'Concentration',
      header: [
        'limit_id',
        'name',
        'dimension',
        'max_share_pct',
        'pass',
        'largest_bucket',
        'largest_share_pct',
        'removed_count',
        'removed_balance',
      ],
      rows: (concentration?.limits ?? []).map((limit) => [
        limit.id,
        limit.name,
        limit.dimension,
        limit.max_share_pct,
        limit.pass ? 'PASS' : 'FAIL',
        limit.largest?.bucket,
        limit.largest?.share_pct,
        limit.removed_count,
        limit.removed_balance,
      ]),
    },
    strat('By state', summary.stratifications.by_state),
    strat('By grade', summary.stratifications.by_grade),
    strat('By term', summary.stratifications.by_term),
    strat('By FICO band', summary.stratifications.by_fico_band),
    strat('By rate band', summary.stratifications.by_rate_band),
  ];
}

/** Writes every output into `directory` and lists them. */
export async function writeRunOutputs(
  directory: string,
  purchased: readonly SummaryDecision[],
  exceptions: ExceptionReport,
  summary: RunSummary,
): Promise<OutputFile[]> {
  const file = (outputKey: string, fileName: string, contentType: string, shared = false): OutputFile => ({
    outputKey,
    fileName,
    contentType,
    localPath: join(directory, fileName),
    shared,
  });
  const files = [
    file('purchase_file_xlsx', 'purchase_file.xlsx', XLSX, true),
    file('purchase_file_csv', 'purchase_file.csv', CSV),
    file('exceptions_report_xlsx', 'exceptions_report.xlsx', XLSX),
    file('exceptions_report_csv', 'exceptions_report.csv', CSV),
    file('run_report_xlsx', 'run_report.xlsx', XLSX, true),
    file('summary_json', 'summary.json', 'application/json'),
  ];
  const path = (key: string) => files.find((entry) => entry.outputKey === key)!.localPath;
  await Promise.all([
    writeXlsx(createWriteStream(path('purchase_file_xlsx')), [
      { name: 'Purchases', header: PURCHASE_HEADER, rows: purchaseRows(purchased) },
    ]),
    writeCsv(createWriteStream(path('purchase_file_csv')), PURCHASE_HEADER, purchaseRows(purchased)),
    writeXlsx(createWriteStream(path('exceptions_report_xlsx')), [
      { name: 'Exceptions', header: EXCEPTION_HEADER, rows: exceptionRowsFromCsv(exceptions.csvPath) },
    ]),
    writeXlsx(createWriteStream(path('run_report_xlsx')), summarySheets(summary)),
    writeFile(path('summary_json'), JSON.stringify(summary, null, 2)),
  ]);
  return files;
}
