// A tape uploaded to inputs, run through HTTP, checked end to end: the run's lifecycle, each loan's
// disposition and price, the summary, every output file, the team's shared copies and the archive.
// A second run on the same tape then proves that no loan is bought twice.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../../test/auth-helpers.js';
import {
  closedFormPrice,
  getBytes,
  KNOWN_TAPE,
  knownTapeCsv,
  loan,
  moneyOf,
  parseCsv,
  PDATE,
  putInput,
  readWorkbook,
  sha256,
  startRun,
  tapeCsv,
  waitForRuns,
} from '../../../../../test/pipeline-helpers.js';
import defaultRulebook from '../../default-rulebook.json' with { type: 'json' };

const OUTPUT_FILES = {
  purchase_file_xlsx: 'purchase_file.xlsx',
  purchase_file_csv: 'purchase_file.csv',
  exceptions_report_xlsx: 'exceptions_report.xlsx',
  exceptions_report_csv: 'exceptions_report.csv',
  run_report_xlsx: 'run_report.xlsx',
  summary_json: 'summary.json',
};
const purchased = KNOWN_TAPE.filter((entry) => entry.disposition === 'purchase');
const exceptionTotal = KNOWN_TAPE.reduce((sum, entry) => sum + entry.rules.length, 0);
const tapeBalance = KNOWN_TAPE.reduce((sum, entry) => sum + moneyOf(entry.row.out_prncp), 0);

interface LoanBody {
  seller_loan_number: string;
  disposition: string;
  price_pct: number | null;
  purchase_price: number | null;
  wal_years: number | null;
  loan_data: Record<string, unknown>;
}

/** WAL of a level-payment loan in years: Σ k·principal_k / B / 12. */
function levelPaymentWal(balance: number, ratePct: number, months: number): number {
  const i = ratePct / 1200;
  const payment = (balance * i) / (1 - (1 + i) ** -months);
  let outstanding = balance;
  let timing = 0;
  for (let k = 1; k <= months; k++) {
    const principal = payment - outstanding * i;
    timing += k * principal;
    outstanding -= principal;
  }
  return timing / balance / 12;
}

describeEachDatabase('a pipeline run through the API', (provider) => {
  const ctx = useTestApp(provider, {}, { worker: true });
  let analyst: TestUser;
  let tape: Buffer;
  let created: request.Response;
  let runId: string;
  const url = (suffix = '') => `/api/runs/${runId}${suffix}`;

  beforeAll(async () => {
    analyst = await createUserAndToken(ctx, { role: 'analyst', salesTeamName: 'Team Alpha' });
    tape = putInput(ctx, 'day1/tape.csv', knownTapeCsv());
    putInput(ctx, 'day1/notes.txt', Buffer.from('a note next to the tape, not a tape'));
    created = await startRun(ctx, analyst.auth, {
      pdate: PDATE,
      folder: 'day1',
      sales_team_id: analyst.user.salesTeamId,
    });
    runId = created.body.run_id;
    await waitForRuns(ctx);
  });

  it('when a run is started, then it answers 202 with the pending run and its weekday (Monday = 0)', () => {
    expect(created.status).toBe(202);
    expect(created.headers.location).toBe(`/api/runs/${runId}`);
    expect(created.body).toMatchObject({
      status: 'pending',
      pdate: PDATE,
      run_weekday: 4,
      run_weekday_name: 'Friday',
      irr_target: 8.05,
      folder: 'day1',
      sales_team_id: analyst.user.salesTeamId,
      sales_team_name: 'Team Alpha',
      trigger: 'api',
      error: null,
      progress: { percent: 0 },
    });
    expect(runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('when the worker has run it, then the run is completed with its totals and the rulebook version', async () => {
    const res = await request(ctx.app).get(url()).set(analyst.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      last_phase: 'done',
      total_loans: KNOWN_TAPE.length,
      exceptions_count: exceptionTotal,
      rulebook_version: 1,
      error: null,
      progress: { phase: 'done', percent: 100 },
    });
    expect(res.body.total_balance).toBeCloseTo(tapeBalance, 6);
    expect(Date.parse(res.body.completed_at)).toBeGreaterThanOrEqual(Date.parse(res.body.started_at));

    const row = await ctx.db.prisma.pipelineRun.findUniqueOrThrow({ where: { runId } });
    expect(row).toMatchObject({ status: 'completed', lastPhase: 'done', errorMessage: null, rulebookVersion: 1 });
    expect(await ctx.db.prisma.loanFact.count({ where: { runId } })).toBe(KNOWN_TAPE.length);
    expect(await ctx.db.prisma.loanException.count({ where: { runId } })).toBe(exceptionTotal);
  });

  it('when the loans are read, then each has the disposition and failed rules the default rulebook gives it', async () => {
    const loans = await request(ctx.app).get(`/api/loans?run_id=${runId}&limit=1000`).set(analyst.auth);
    const inTapeOrder = (loans.body as LoanBody[]).sort(
      (a, b) => Number(a.loan_data.row_number) - Number(b.loan_data.row_number),
    );
    expect(inTapeOrder.map((fact) => [fact.seller_loan_number, fact.disposition])).toEqual(
      KNOWN_TAPE.map((entry) => [entry.row['Loan ID'], entry.disposition]),
    );
    const exceptions = await request(ctx.app).get(`/api/exceptions?run_id=${runId}&limit=1000`).set(analyst.auth);
    const rulesByLoan = new Map<string, string[]>();
    for (const exception of exceptions.body as { seller_loan_number: string; exception_type: string }[]) {
      rulesByLoan.set(exception.seller_loan_number, [
        ...(rulesByLoan.get(exception.seller_loan_number) ?? []),
        exception.exception_type,
      ]);
    }
    for (const entry of KNOWN_TAPE.filter((known) => known.rules.length > 0)) {
      expect(rulesByLoan.get(entry.row['Loan ID']), entry.row['Loan ID']).toEqual(entry.rules);
    }
    const byDisposition = await ctx.db.prisma.loanFact.groupBy({
      by: ['disposition'],
      where: { runId },
      _count: { _all: true },
    });
    expect(Object.fromEntries(byDisposition.map((group) => [group.disposition, group._count._all]))).toEqual({
      purchase: purchased.length,
      hold: KNOWN_TAPE.filter((entry) => entry.disposition === 'hold').length,
      reject: KNOWN_TAPE.filter((entry) => entry.disposition === 'reject').length,
    });
  });

  it("when a loan's rate cannot be parsed, then it is rejected by DQ001 with a message naming the field and value", async () => {
    const res = await request(ctx.app)
      .get(`/api/exceptions?run_id=${runId}&seller_loan_number=L-BADRATE&exception_type=DQ001`)
      .set(analyst.auth);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      exception_category: 'data_quality',
      severity: 'error',
      rejection_criteria: expect.stringContaining('Required fields present and parseable'),
    });
    expect(res.body[0].message).toContain('interest_rate');
    expect(res.body[0].message).toContain('"abc%"');
  });

  it('when a purchased loan is priced with zero assumptions, then its price is the closed-form PV to the cent', async () => {
    const res = await request(ctx.app).get(`/api/loans?run_id=${runId}&disposition=purchase`).set(analyst.auth);
    expect(res.headers['x-total-count']).toBe(String(purchased.length));
    const byNumber = new Map((res.body as LoanBody[]).map((fact) => [fact.seller_loan_number, fact]));
    const cases = [
      { number: 'L-CLEAN', balance: 9500, rate: 12.5, months: 34 },
      { number: 'L-DUP', balance: 4000, rate: 12.5, months: 34 },
      { number: 'L-SIXTY', balance: 18250.4, rate: 18.99, months: 58 },
    ];
    for (const { number, balance, rate, months } of cases) {
      const fact = byNumber.get(number)!;
      expect(fact.loan_data).toMatchObject({ current_balance: balance, interest_rate: rate, remaining_term: months });
      expect(fact.purchase_price, number).toBe(closedFormPrice(balance, rate, months, 8.05));
      expect(fact.price_pct!).toBeCloseTo((100 * fact.purchase_price!) / balance, 4);
      expect(fact.wal_years!).toBeCloseTo(levelPaymentWal(balance, rate, months), 9);
    }
    // Above par: every coupon here is above the 8.05% target.
    for (const fact of res.body as LoanBody[]) expect(fact.price_pct).toBeGreaterThan(100);
  });

  it('when the summary is read, then it has the seed fields, per-rule failures, portfolio tests and strata', async () => {
    const res = await request(ctx.app).get(`/api/summary/${runId}`).set(analyst.auth);
    expect(res.status).toBe(200);
    const summary = res.body;
    expect(summary).toMatchObject({
      run_id: runId,
      status: 'completed',
      summary_available: true,
      rulebook_version: 1,
      total_loans: KNOWN_TAPE.length,
      exceptions_count: exceptionTotal,
      dispositions: {
        purchase: { count: 4 },
        hold: { count: 2 },
        reject: { count: 7 },
      },
    });
    expect(summary.total_balance).toBeCloseTo(tapeBalance, 2);
    // Every rule of the version used (PostgreSQL's jsonb does not keep key order, so compared as a set).
    expect(Object.keys(summary.eligibility_checks).sort()).toEqual(defaultRulebook.rules.map((rule) => rule.id).sort());
    expect(summary.eligibility_checks.CR001).toEqual({
      name: 'FICO at least 660',
      category: 'credit',
      action: 'reject',
      failed_count: 2,
      failed_balance: 19000,
    });
    expect(summary.eligibility_checks.SE001).toMatchObject({ action: 'hold', failed_count: 1 });
    expect(summary.eligibility_checks.PO001.failed_count).toBe(0);
    expect(summary.portfolio_tests.map((test: { id: string }) => test.id)).toEqual(['PT001', 'PT002', 'PT003']);
    expect(summary.portfolio_tests[0]).toMatchObject({ metric: 'wa_fico', threshold: 700, value: 720, pass: true });
    expect(summary.concentration).toMatchObject({ enforced: false });
    const states = summary.stratifications.by_state.map((row: { bucket: string; count: number }) => [
      row.bucket,
      row.count,
    ]);
    expect(states).toEqual([
      ['CA', 3],
      ['TX', 1],
    ]);
    const loans = await request(ctx.app).get(`/api/loans?run_id=${runId}&disposition=purchase`).set(analyst.auth);
    const priceTotal = (loans.body as LoanBody[]).reduce((sum, fact) => sum + fact.purchase_price!, 0);
    expect(summary.purchase_pool.total_purchase_price).toBeCloseTo(priceTotal, 2);

    const row = await ctx.db.prisma.pipelineRun.findUniqueOrThrow({ where: { runId }, select: { summary: true } });
    expect(row.summary).toMatchObject({
      total_loans: KNOWN_TAPE.length,
      eligibility_checks: summary.eligibility_checks,
    });
  });

  it('when the outputs are listed, then every file is there and downloads with its recorded size and type', async () => {
    const res = await request(ctx.app).get(url('/notebook-outputs')).set(analyst.auth);
    expect(res.status).toBe(200);
    expect(
      Object.fromEntries(
        res.body.map((file: { output_key: string; file_name: string }) => [file.output_key, file.file_name]),
      ),
    ).toEqual(OUTPUT_FILES);
    for (const file of res.body as { output_key: string; file_name: string; size: number; content_type: string }[]) {
      const download = await getBytes(ctx, url(`/notebook-outputs/${file.output_key}/download`), analyst.auth);
      expect(download.status, file.output_key).toBe(200);
      expect(download.headers['content-type']).toContain(file.content_type);
      expect(download.headers['content-disposition']).toContain(file.file_name);
      expect((download.body as Buffer).length).toBe(file.size);
      const stored = readFileSync(join(ctx.storageRoot, 'outputs', 'runs', runId, file.file_name));
      expect(sha256(download.body as Buffer)).toBe(sha256(stored));
    }
    const unknown = await request(ctx.app).get(url('/notebook-outputs/nothing_here/download')).set(analyst.auth);
    expect(unknown.status).toBe(404);
  });

  it('when the purchase file is read back, then it lists the purchased loans with prices and escaped tape text', async () => {
    const csv = await getBytes(ctx, url('/notebook-outputs/purchase_file_csv/download'), analyst.auth);
    const [header, ...rows] = parseCsv(csv.body as Buffer);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[column('seller_loan_number')])).toEqual(
      purchased.map((entry) => entry.row['Loan ID']),
    );
    const plus = rows.find((row) => row[column('seller_loan_number')] === 'L-PLUS')!;
    expect(plus[column('purpose')]).toBe("'+cmd");
    const clean = rows.find((row) => row[column('seller_loan_number')] === 'L-CLEAN')!;
    expect(Number(clean[column('purchase_price')])).toBe(closedFormPrice(9500, 12.5, 34, 8.05));

    const xlsx = await getBytes(ctx, url('/notebook-outputs/purchase_file_xlsx/download'), analyst.auth);
    const sheet = (await readWorkbook(xlsx.body as Buffer)).get('Purchases')!;
    expect(sheet).toHaveLength(purchased.length + 1);
    const xlsxPlus = sheet.find((row) => row[column('seller_loan_number')] === 'L-PLUS')!;
    expect(xlsxPlus[column('purpose')]).toBe("'+cmd");
    expect(xlsxPlus[column('price_pct')]).toBeTypeOf('number');
  });

  it('when the exception report is read back, then it has every exception and the formula-like loan id escaped', async () => {
    const csv = await getBytes(ctx, url('/notebook-outputs/exceptions_report_csv/download'), analyst.auth);
    const [header, ...rows] = parseCsv(csv.body as Buffer);
    expect(header!.slice(0, 6)).toEqual([
      'seller_loan_number',
      'exception_type',
      'exception_category',
      'severity',
      'message',
      'rejection_criteria',
    ]);
    expect(rows).toHaveLength(exceptionTotal);
    expect(rows.map((row) => row[0])).toContain('\'=HYPERLINK("x")');
    expect(rows.map((row) => row[0])).not.toContain('=HYPERLINK("x")');

    const xlsx = await getBytes(ctx, url('/notebook-outputs/exceptions_report_xlsx/download'), analyst.auth);
    const sheet = (await readWorkbook(xlsx.body as Buffer)).get('Exceptions')!;
    expect(sheet).toHaveLength(exceptionTotal + 1);
    expect(sheet.map((row) => row[0])).toContain('\'=HYPERLINK("x")');
    expect(sheet.every((row) => typeof row[0] === 'string')).toBe(true);
  });

  it('when the run report and summary.json are read back, then they carry the summary sheets and figures', async () => {
    const xlsx = await getBytes(ctx, url('/notebook-outputs/run_report_xlsx/download'), analyst.auth);
    const sheets = await readWorkbook(xlsx.body as Buffer);
    expect([...sheets.keys()]).toEqual([
      'Summary',
      'Eligibility',
      'Portfolio tests',
      'Concentration',
      'By state',
      'By grade',
      'By term',
      'By FICO band',
      'By rate band',
    ]);
    const summaryRows = new Map(sheets.get('Summary')!.map((row) => [row[0], row[1]]));
    expect(summaryRows.get('total_loans')).toBe(KNOWN_TAPE.length);
    expect(summaryRows.get('purchase_count')).toBe(4);
    const cr001 = sheets.get('Eligibility')!.find((row) => row[0] === 'CR001')!;
    expect(cr001.slice(3, 5)).toEqual(['reject', 2]);
    expect(
      sheets
        .get('Portfolio tests')!
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['PT001', 'PT002', 'PT003']);

    const json = await request(ctx.app).get(url('/notebook-outputs/summary_json/download')).set(analyst.auth);
    const summary = JSON.parse(json.text);
    const api = await request(ctx.app).get(`/api/summary/${runId}`).set(analyst.auth);
    expect(summary).toMatchObject({
      run_id: runId,
      total_loans: api.body.total_loans,
      eligibility_checks: api.body.eligibility_checks,
      portfolio_tests: api.body.portfolio_tests,
    });
  });

  it("when the run belongs to a team, then its purchase file and run report are shared in the team's pdate folder", () => {
    const share = join(ctx.storageRoot, 'output_share', 'Team Alpha', PDATE);
    for (const name of ['purchase_file.xlsx', 'run_report.xlsx']) {
      const original = readFileSync(join(ctx.storageRoot, 'outputs', 'runs', runId, name));
      expect(sha256(readFileSync(join(share, name))), name).toBe(sha256(original));
    }
    expect(existsSync(join(share, 'exceptions_report.xlsx'))).toBe(false);
  });

  it('when the archive is listed and downloaded, then it holds the tape byte for byte with its SHA-256', async () => {
    const list = await request(ctx.app).get(url('/archive')).set(analyst.auth);
    expect(list.status).toBe(200);
    // notes.txt is not a tape: not read, not archived.
    expect(list.body).toEqual([
      expect.objectContaining({
        file_name: 'tape.csv',
        path: `runs/${runId}/archive/inputs/tape.csv`,
        size: tape.length,
        sha256: sha256(tape),
      }),
    ]);
    const byPath = await getBytes(
      ctx,
      url(`/archive/download?path=${encodeURIComponent(list.body[0].path)}`),
      analyst.auth,
    );
    expect(byPath.status).toBe(200);
    expect(Buffer.compare(byPath.body as Buffer, tape)).toBe(0);
    const byName = await getBytes(ctx, url('/archive/download?path=tape.csv'), analyst.auth);
    expect(Buffer.compare(byName.body as Buffer, tape)).toBe(0);
  });

  it('when an archive path leads elsewhere, then it is not served', async () => {
    for (const path of [
      '../../etc/passwd',
      '/etc/passwd',
      `runs/${runId}/archive/inputs/../../../../inputs/day1/tape.csv`,
      'day1/notes.txt',
      `runs/${runId}/summary.json`,
    ]) {
      const res = await request(ctx.app)
        .get(url(`/archive/download?path=${encodeURIComponent(path)}`))
        .set(analyst.auth);
      expect(res.status, path).toBe(404);
    }
    const empty = await request(ctx.app).get(url('/archive/download?path=')).set(analyst.auth);
    expect(empty.status).toBe(422);
  });

  it('when the purchase pool reaches the minimum, then concentration limits hold the greatest loan numbers', async () => {
    // 60 clean loans of 10,000, all in CA: the 25% state limit trims until the pool is below 500,000.
    const rows = Array.from({ length: 60 }, (_, index) =>
      loan({ 'Loan ID': `K-${String(index).padStart(2, '0')}`, out_prncp: '10000' }),
    );
    putInput(ctx, 'pool/tape.csv', tapeCsv(rows));
    const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder: 'pool' });
    await waitForRuns(ctx);
    const poolRunId: string = created.body.run_id;
    const held = await request(ctx.app)
      .get(`/api/exceptions?run_id=${poolRunId}&exception_category=concentration&limit=1000`)
      .set(analyst.auth);
    expect(held.body.map((row: { seller_loan_number: string }) => row.seller_loan_number).sort()).toEqual(
      Array.from({ length: 11 }, (_, index) => `K-${49 + index}`),
    );
    expect(held.body[0]).toMatchObject({ exception_type: 'CO001', severity: 'warning' });
    const holds = await request(ctx.app).get(`/api/loans?run_id=${poolRunId}&disposition=hold`).set(analyst.auth);
    expect(holds.headers['x-total-count']).toBe('11');
    const summary = await request(ctx.app).get(`/api/summary/${poolRunId}`).set(analyst.auth);
    expect(summary.body.concentration).toMatchObject({
      enforced: true,
      pool_balance_before: 600000,
      pool_balance_after: 490000,
    });
    const co001 = summary.body.concentration.limits.find((limit: { id: string }) => limit.id === 'CO001');
    expect(co001).toMatchObject({ removed_count: 11, removed_balance: 110000 });
    expect(summary.body.dispositions).toMatchObject({ purchase: { count: 49 }, hold: { count: 11 } });
  });

  it('when the same tape is run again, then PO001 rejects every loan the first run bought and nothing is bought twice', async () => {
    const again = await startRun(ctx, analyst.auth, {
      pdate: PDATE,
      folder: 'day1',
      sales_team_id: analyst.user.salesTeamId,
    });
    expect(again.status).toBe(202);
    await waitForRuns(ctx);
    const secondId: string = again.body.run_id;
    const run = await request(ctx.app).get(`/api/runs/${secondId}`).set(analyst.auth);
    expect(run.body.status).toBe('completed');

    const bought = await request(ctx.app).get(`/api/loans?run_id=${secondId}&disposition=purchase`).set(analyst.auth);
    expect(bought.headers['x-total-count']).toBe('0');
    const po001 = await request(ctx.app)
      .get(`/api/exceptions?run_id=${secondId}&exception_type=PO001`)
      .set(analyst.auth);
    // Both L-DUP rows: the number was bought, whichever row carries it.
    expect(po001.body.map((row: { seller_loan_number: string }) => row.seller_loan_number).sort()).toEqual(
      ['L-CLEAN', 'L-DUP', 'L-DUP', 'L-PLUS', 'L-SIXTY'].sort(),
    );
    expect(po001.body[0]).toMatchObject({ exception_category: 'portfolio', severity: 'error' });
    const summary = await request(ctx.app).get(`/api/summary/${secondId}`).set(analyst.auth);
    expect(summary.body.eligibility_checks.PO001.failed_count).toBe(5);
    expect(summary.body.dispositions.purchase.count).toBe(0);

    const purchases = await ctx.db.prisma.loanFact.groupBy({
      by: ['sellerLoanNumber'],
      where: { disposition: 'purchase', run: { status: 'completed' } },
      _count: { _all: true },
    });
    expect(purchases.every((group) => group._count._all === 1)).toBe(true);

    // The first run's archived tape is not reachable through the second run.
    const firstArchive = `runs/${runId}/archive/inputs/tape.csv`;
    const crossed = await request(ctx.app)
      .get(`/api/runs/${secondId}/archive/download?path=${encodeURIComponent(firstArchive)}`)
      .set(analyst.auth);
    expect(crossed.status).toBe(404);
  });
});
