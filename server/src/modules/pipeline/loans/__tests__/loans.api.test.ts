// Loan facts and exceptions through the API: the loan shape of pipeline spec §6, every filter of
// product.md with X-Total-Count, and the streamed CSV export with formula-injection escaping.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../../test/auth-helpers.js';
import {
  KNOWN_TAPE,
  knownTapeCsv,
  loan,
  parseCsv,
  PDATE,
  putInput,
  startRun,
  tapeCsv,
  waitForRuns,
} from '../../../../../test/pipeline-helpers.js';

const LOAN_KEYS = [
  'created_at',
  'disposition',
  'id',
  'loan_data',
  'price_pct',
  'purchase_price',
  'run_id',
  'seller_loan_number',
  'wal_years',
];
const EXPORT_HEADER = [
  'id',
  'run_id',
  'seller_loan_number',
  'exception_type',
  'exception_category',
  'severity',
  'message',
  'rejection_criteria',
  'created_at',
];
const exceptionTotal = KNOWN_TAPE.reduce((sum, entry) => sum + entry.rules.length, 0);

describeEachDatabase('loans and exceptions API', (provider) => {
  const ctx = useTestApp(provider, {}, { worker: true });
  let analyst: TestUser;
  let runA: string;
  let runB: string;

  beforeAll(async () => {
    analyst = await createUserAndToken(ctx, { role: 'analyst' });
    putInput(ctx, 'a/tape.csv', knownTapeCsv());
    putInput(ctx, 'b/tape.csv', tapeCsv([loan({ 'Loan ID': 'B-1' }), loan({ 'Loan ID': 'B-2', 'FICO Score': '600' })]));
    runA = (await startRun(ctx, analyst.auth, { pdate: PDATE, folder: 'a' })).body.run_id;
    runB = (await startRun(ctx, analyst.auth, { pdate: PDATE, folder: 'b' })).body.run_id;
    await waitForRuns(ctx);
  });

  const get = (url: string) => request(ctx.app).get(url).set(analyst.auth);

  it('when loans are listed for a run, then each has the spec shape and X-Total-Count counts them all', async () => {
    const res = await get(`/api/loans?run_id=${runA}&limit=5`);
    expect(res.status).toBe(200);
    expect(res.headers['x-total-count']).toBe(String(KNOWN_TAPE.length));
    expect(res.body).toHaveLength(5);
    for (const fact of res.body) {
      expect(Object.keys(fact).sort()).toEqual(LOAN_KEYS);
      expect(fact.run_id).toBe(runA);
      expect(Number.isNaN(Date.parse(fact.created_at))).toBe(false);
    }
    const rest = await get(`/api/loans?run_id=${runA}&skip=5&limit=1000`);
    expect(rest.body).toHaveLength(KNOWN_TAPE.length - 5);
    const ids = [...res.body, ...rest.body].map((fact: { id: number }) => fact.id);
    expect(new Set(ids).size).toBe(KNOWN_TAPE.length);
    expect(await ctx.db.prisma.loanFact.count({ where: { runId: runA } })).toBe(KNOWN_TAPE.length);
  });

  it('when loans are filtered by disposition, then only those come back and only purchases carry prices', async () => {
    for (const disposition of ['purchase', 'hold', 'reject'] as const) {
      const res = await get(`/api/loans?run_id=${runA}&disposition=${disposition}&limit=1000`);
      const expected = KNOWN_TAPE.filter((entry) => entry.disposition === disposition);
      expect(res.headers['x-total-count']).toBe(String(expected.length));
      expect(res.body.map((fact: { seller_loan_number: string }) => fact.seller_loan_number).sort()).toEqual(
        expected.map((entry) => entry.row['Loan ID']).sort(),
      );
      for (const fact of res.body) {
        expect(fact.disposition).toBe(disposition);
        if (disposition === 'purchase') {
          expect(fact.price_pct).toBeGreaterThan(0);
          expect(fact.purchase_price).toBeGreaterThan(0);
          expect(fact.wal_years).toBeGreaterThan(0);
        } else {
          expect([fact.price_pct, fact.purchase_price, fact.wal_years]).toEqual([null, null, null]);
        }
      }
    }
    const everyRun = await get('/api/loans?disposition=purchase');
    expect(everyRun.headers['x-total-count']).toBe('5'); // 4 from run A, B-1 from run B
  });

  it('when a loan is read, then loan_data holds its parsed canonical fields, derived fields and extra columns', async () => {
    const res = await get(`/api/loans?run_id=${runA}&disposition=purchase&limit=1000`);
    const sixty = res.body.find((fact: { seller_loan_number: string }) => fact.seller_loan_number === 'L-SIXTY');
    expect(sixty.loan_data).toMatchObject({
      seller_loan_number: 'L-SIXTY',
      loan_status: 'Current',
      original_balance: 20000,
      current_balance: 18250.4,
      interest_rate: 18.99,
      original_term: 60,
      fico: 720,
      dti: 18.5,
      annual_income: 65000,
      state: 'TX',
      grade: 'D',
      purpose: 'debt_consolidation',
      origination_date: '2026-09-15',
      first_payment_date: '2026-10-15',
      days_past_due: 0,
      payments_made: 2,
      remaining_term: 58,
      loan_age_months: 2,
      maturity_date: '2031-09-15',
      source_file: 'tape.csv',
      row_number: 13,
      extra: { emp_title: 'Teacher' },
    });
    // Tape text is stored as sent; escaping is for spreadsheets only.
    const plus = res.body.find((fact: { seller_loan_number: string }) => fact.seller_loan_number === 'L-PLUS');
    expect(plus.loan_data.purpose).toBe('+cmd');
  });

  it('when exceptions are filtered, then each filter narrows the list and X-Total-Count follows it', async () => {
    const all = await get(`/api/exceptions?run_id=${runA}&limit=1000`);
    expect(all.headers['x-total-count']).toBe(String(exceptionTotal));
    expect(Object.keys(all.body[0]).sort()).toEqual(
      ['created_at', ...EXPORT_HEADER.filter((key) => key !== 'created_at')].sort(),
    );

    const cr001 = await get(`/api/exceptions?run_id=${runA}&exception_type=CR001`);
    expect(cr001.headers['x-total-count']).toBe('2');
    expect(cr001.body[0]).toMatchObject({
      exception_type: 'CR001',
      exception_category: 'credit',
      severity: 'error',
      rejection_criteria: 'FICO at least 660 (fico >= 660)',
    });
    expect(cr001.body.map((row: { message: string }) => row.message)).toEqual([
      'fico 640 is below the minimum 660',
      'fico 640 is below the minimum 660',
    ]);

    const warnings = await get(`/api/exceptions?run_id=${runA}&severity=warning`);
    expect(warnings.body.map((row: { exception_type: string }) => row.exception_type).sort()).toEqual([
      'CR004',
      'SE001',
    ]);
    const seasoning = await get(`/api/exceptions?exception_category=seasoning`);
    expect(seasoning.headers['x-total-count']).toBe('1');
    expect(seasoning.body[0].message).toContain('loan_age_months 8');
    const geography = await get(`/api/exceptions?run_id=${runA}&exception_category=geography`);
    expect(geography.body.map((row: { seller_loan_number: string }) => row.seller_loan_number).sort()).toEqual([
      'L-IA',
      'L-XX',
    ]);
    const duplicate = await get(`/api/exceptions?seller_loan_number=L-DUP`);
    expect(duplicate.body).toEqual([expect.objectContaining({ exception_type: 'DQ002', run_id: runA })]);

    const runBOnly = await get(`/api/exceptions?run_id=${runB}`);
    expect(runBOnly.headers['x-total-count']).toBe('1');
    expect(runBOnly.body[0]).toMatchObject({ seller_loan_number: 'B-2', exception_type: 'CR001' });
    const everyRun = await get('/api/exceptions?exception_type=CR001');
    expect(everyRun.headers['x-total-count']).toBe('3');

    const paged = await get(`/api/exceptions?run_id=${runA}&skip=8&limit=5`);
    expect(paged.body).toHaveLength(exceptionTotal - 8);
    expect(paged.headers['x-total-count']).toBe(String(exceptionTotal));
    expect(await ctx.db.prisma.loanException.count({ where: { runId: runA, severity: 'warning' } })).toBe(2);
  });

  it('when exceptions are exported, then the CSV has the header, the filtered rows and escaped tape text', async () => {
    const res = await get(`/api/exceptions/export?run_id=${runA}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`exceptions_${runA}.csv`);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(EXPORT_HEADER);
    expect(rows).toHaveLength(exceptionTotal);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set([runA]));
    const numbers = rows.map((row) => row[2]);
    expect(numbers).toContain('\'=HYPERLINK("x")');
    expect(numbers).not.toContain('=HYPERLINK("x")');
    expect(res.text).not.toMatch(/(^|,)=HYPERLINK/m);

    const filtered = await get(`/api/exceptions/export?severity=warning&exception_category=credit`);
    const [, ...warningRows] = parseCsv(filtered.text);
    expect(warningRows.map((row) => [row[2], row[3]])).toEqual([['L-INC20K', 'CR004']]);
    const none = await get(`/api/exceptions/export?exception_type=NOPE`);
    expect(parseCsv(none.text)).toEqual([EXPORT_HEADER]);
  });

  it('when a filter is malformed, then it is a 422 naming the parameter; without a token, a 401', async () => {
    for (const [url, loc] of [
      ['/api/loans?run_id=not-a-uuid', 'run_id'],
      ['/api/loans?disposition=bought', 'disposition'],
      ['/api/loans?limit=5000', 'limit'],
      ['/api/exceptions?severity=fatal', 'severity'],
      ['/api/exceptions?skip=-1', 'skip'],
      ['/api/exceptions/export?run_id=123', 'run_id'],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(422);
      expect(res.body.detail[0].loc, url).toEqual(['query', loc]);
      expect(res.body.detail[0].msg).toBeTypeOf('string');
    }
    for (const url of ['/api/loans', '/api/exceptions', '/api/exceptions/export']) {
      expect((await request(ctx.app).get(url)).status, url).toBe(401);
    }
  });
});
