// The rulebook API (pipeline spec §4): readable by everyone, editable by admins with validation that
// names the exact spot, versioned with who and when; runs record the version they used and a saved
// edit changes the next run. Also GET /api/config, which must never show a secret.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../../test/auth-helpers.js';
import { loan, PDATE, putInput, runToEnd, TAPE_HEADER, tapeCsv } from '../../../../../test/pipeline-helpers.js';
import defaultRulebook from '../../default-rulebook.json' with { type: 'json' };

type RulebookJson = typeof defaultRulebook & { rules: Record<string, unknown>[] };
const editable = (): RulebookJson => structuredClone(defaultRulebook) as RulebookJson;

const FLAG_RULE = {
  id: 'FL001',
  name: 'Purpose is not small_business',
  category: 'credit',
  action: 'flag',
  check: { field: 'purpose', op: 'not_in', value: ['small_business'] },
  skip_if_missing: true,
};

/**
 * The same three loans under a suffix of their own (so no run buys another run's loans); the balance
 * column can carry a header only an admin-added alias knows.
 */
const ruleTape = (suffix: string, balanceHeader = 'out_prncp') =>
  tapeCsv(
    [
      loan({ 'Loan ID': `R-CLEAN${suffix}` }),
      loan({ 'Loan ID': `R-FICO680${suffix}`, 'FICO Score': '680' }),
      loan({ 'Loan ID': `R-SMALLBIZ${suffix}`, purpose: 'small_business' }),
    ].map((row) => ({ ...row, [balanceHeader]: row.out_prncp })),
    { header: TAPE_HEADER.map((column) => (column === 'out_prncp' ? balanceHeader : column)) },
  );

describeEachDatabase('rulebook and config API', (provider) => {
  const ctx = useTestApp(provider, {}, { worker: true });
  let admin: TestUser;
  let analyst: TestUser;
  let sales: TestUser;

  beforeAll(async () => {
    admin = await createUserAndToken(ctx, { role: 'admin', username: 'rule-admin' });
    analyst = await createUserAndToken(ctx, { role: 'analyst' });
    sales = await createUserAndToken(ctx, { role: 'sales_team', salesTeamName: 'Team Alpha' });
  });

  const put = (user: TestUser, body: unknown, query = '') =>
    request(ctx.app)
      .put(`/api/config/rulebook${query}`)
      .set(user.auth)
      .send(body as object);
  const versionCount = () => ctx.db.prisma.rulebook.count();

  describe('reading and permissions', () => {
    it('when any signed-in user reads the rulebook, then they get the shipped default as version 1', async () => {
      for (const user of [admin, analyst, sales]) {
        const res = await request(ctx.app).get('/api/config/rulebook').set(user.auth);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ version: 1, name: defaultRulebook.name, created_by: null });
        expect(res.body.rulebook.rules.map((rule: { id: string }) => rule.id)).toEqual(
          defaultRulebook.rules.map((rule) => rule.id),
        );
      }
      expect((await request(ctx.app).get('/api/config/rulebook')).status).toBe(401);
      expect(await versionCount()).toBe(1);
    });

    it('when a non-admin saves the rulebook, then it is 403 and nothing is saved', async () => {
      expect((await put(analyst, editable())).status).toBe(403);
      expect((await put(sales, editable())).status).toBe(403);
      expect((await request(ctx.app).put('/api/config/rulebook').send(editable())).status).toBe(401);
      expect(await versionCount()).toBe(1);
    });
  });

  describe('validation', () => {
    it('when a rule has an unknown op, then it is 422 naming body.rules.<n>.check.op', async () => {
      const book = editable();
      (book.rules[3]!.check as { op: string }).op = 'greater_than';
      const res = await put(admin, book);
      expect(res.status).toBe(422);
      expect(res.body.detail).toContainEqual(
        expect.objectContaining({ loc: ['body', 'rules', 3, 'check', 'op'], msg: expect.stringMatching(/unknown op/) }),
      );
    });

    it('when thresholds are wrong, then each is a 422 naming its path', async () => {
      const cases: [(book: RulebookJson) => void, (string | number)[], RegExp][] = [
        [
          (book) => ((book.rules[6]!.check as { value: unknown }).value = 'six sixty'),
          ['rules', 6, 'check', 'value'],
          /number/,
        ],
        [
          (book) => ((book.rules[11]!.check as { value: unknown }).value = [36, 5]),
          ['rules', 11, 'check', 'value'],
          /lo <= hi/,
        ],
        [
          (book) => ((book.rules[6]!.check as { field: unknown }).field = 'credit'),
          ['rules', 6, 'check', 'field'],
          /unknown field/,
        ],
        [
          (book) => (book.concentration_limits[0]!.max_share_pct = 150),
          ['concentration_limits', 0, 'max_share_pct'],
          /at most 100/,
        ],
        [(book) => (book.pricing.cpr_pct = -1), ['pricing', 'cpr_pct'], /negative/],
        [(book) => (book.rules[0]!.action = 'delete'), ['rules', 0, 'action'], /unknown action/],
      ];
      for (const [change, path, message] of cases) {
        const book = editable();
        change(book);
        const res = await put(admin, book);
        expect(res.status, path.join('.')).toBe(422);
        const issue = res.body.detail.find(
          (entry: { loc: unknown[] }) => entry.loc.join('.') === ['body', ...path].join('.'),
        );
        expect(issue?.msg, path.join('.')).toMatch(message);
      }
      expect(await versionCount()).toBe(1);
    });

    it('when two rules share an id, then it is 422 naming the later one', async () => {
      const book = editable();
      book.rules[4]!.id = 'DQ001';
      const res = await put(admin, book);
      expect(res.status).toBe(422);
      expect(res.body.detail).toContainEqual(
        expect.objectContaining({ loc: ['body', 'rules', 4, 'id'], msg: expect.stringMatching(/duplicate id DQ001/) }),
      );
    });

    it('when the body is not a rulebook at all, then it is 422 and nothing is saved', async () => {
      expect((await put(admin, [1, 2, 3])).status).toBe(422);
      expect((await put(admin, { name: 'x' })).status).toBe(422);
      expect(await versionCount()).toBe(1);
    });
  });

  describe('versions and runs', () => {
    let firstRun: Record<string, unknown> & { run_id: string };

    beforeAll(async () => {
      putInput(ctx, 'before/tape.csv', ruleTape('-v1'));
      firstRun = await runToEnd(ctx, analyst.auth, { pdate: PDATE, folder: 'before' });
    });

    it('when a run completes, then it records the rulebook version it used', async () => {
      expect(firstRun).toMatchObject({ status: 'completed', rulebook_version: 1 });
      const bought = await request(ctx.app)
        .get(`/api/loans?run_id=${firstRun.run_id}&disposition=purchase`)
        .set(analyst.auth);
      expect(bought.headers['x-total-count']).toBe('3');
    });

    it('when an admin saves an edit of the current version, then it becomes the next version with who and when', async () => {
      const book = editable();
      (book.rules[6]! as { name: string }).name = 'FICO at least 700';
      (book.rules[6]!.check as { value: number }).value = 700;
      book.rules.push(FLAG_RULE);
      book.column_aliases.current_balance.push('Principal Outstanding');
      const res = await put(admin, book, '?comment=Tighter%20FICO%20and%20a%20purpose%20flag');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        version: 2,
        comment: 'Tighter FICO and a purpose flag',
        created_by: { id: admin.user.id, username: 'rule-admin' },
      });
      expect(res.body.rulebook.rules).toHaveLength(defaultRulebook.rules.length + 1);
      const current = await request(ctx.app).get('/api/config/rulebook').set(sales.auth);
      expect(current.body.version).toBe(2);
      const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'rulebook.update' } });
      expect(audit).toMatchObject({ actorId: admin.user.id, target: 'rulebook:v2' });
    });

    it('when an edit is based on an older version, then it is 409 and nothing is saved', async () => {
      const res = await put(admin, editable()); // still says version 1
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/current: version 2/);
      expect(await versionCount()).toBe(2);
    });

    it('when the history is read, then it lists every version newest first with who and when', async () => {
      const res = await request(ctx.app).get('/api/config/rulebook/history').set(analyst.auth);
      expect(res.status).toBe(200);
      expect(res.headers['x-total-count']).toBe('2');
      expect(res.body).toEqual([
        expect.objectContaining({ version: 2, created_by: { id: admin.user.id, username: 'rule-admin' } }),
        expect.objectContaining({ version: 1, created_by: null, comment: 'Default rulebook' }),
      ]);
      for (const entry of res.body) expect(Number.isNaN(Date.parse(entry.created_at))).toBe(false);
      const old = await request(ctx.app).get('/api/config/rulebook/versions/1').set(analyst.auth);
      const oldFico = old.body.rulebook.rules.find((rule: { id: string }) => rule.id === 'CR001');
      expect(oldFico.check.value).toBe(660);
      expect((await request(ctx.app).get('/api/config/rulebook/versions/99').set(analyst.auth)).status).toBe(404);
    });

    it('when the next run uses the edited rulebook, then the tighter rule rejects, the flag only flags and the new alias maps', async () => {
      putInput(ctx, 'after/tape.csv', ruleTape('-v2', 'Principal Outstanding'));
      const run = await runToEnd(ctx, analyst.auth, { pdate: PDATE, folder: 'after' });
      expect(run).toMatchObject({ status: 'completed', rulebook_version: 2 });
      const loans = await request(ctx.app).get(`/api/loans?run_id=${run.run_id}`).set(analyst.auth);
      const dispositions = Object.fromEntries(
        loans.body.map((fact: { seller_loan_number: string; disposition: string }) => [
          fact.seller_loan_number,
          fact.disposition,
        ]),
      );
      expect(dispositions).toEqual({ 'R-CLEAN-v2': 'purchase', 'R-FICO680-v2': 'reject', 'R-SMALLBIZ-v2': 'purchase' });
      const exceptions = await request(ctx.app).get(`/api/exceptions?run_id=${run.run_id}`).set(analyst.auth);
      expect(exceptions.body).toEqual([
        expect.objectContaining({
          seller_loan_number: 'R-FICO680-v2',
          exception_type: 'CR001',
          message: 'fico 680 is below the minimum 700',
          rejection_criteria: 'FICO at least 700 (fico >= 700)',
        }),
        expect.objectContaining({
          seller_loan_number: 'R-SMALLBIZ-v2',
          exception_type: 'FL001',
          exception_category: 'credit',
          severity: 'info',
          message: 'purpose small_business is excluded (small_business)',
        }),
      ]);
      expect(loans.body[0].loan_data.current_balance).toBe(9500);
      const summary = await request(ctx.app).get(`/api/summary/${run.run_id}`).set(analyst.auth);
      expect(summary.body.eligibility_checks.FL001).toMatchObject({ action: 'flag', failed_count: 1 });
      // The first run still explains itself with the version it used.
      const first = await request(ctx.app).get(`/api/summary/${firstRun.run_id}`).set(analyst.auth);
      expect(first.body.rulebook_version).toBe(1);
      expect(first.body.eligibility_checks).not.toHaveProperty('FL001');
    });
  });

  it('when the config is read, then it has the public settings and no secret', async () => {
    const res = await request(ctx.app).get('/api/config').set(sales.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      environment: 'test',
      storage_type: 'local',
      database_provider: provider,
      default_irr_target: 8.05,
      business_timezone: ctx.config.businessTimezone,
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(ctx.config.auth.secretKey);
    expect(text).not.toContain(ctx.config.database.url);
    expect(text).not.toContain(ctx.storageRoot);
    for (const key of Object.keys(res.body)) expect(key).not.toMatch(/secret|password|token|database_url|aws/i);
    expect((await request(ctx.app).get('/api/config')).status).toBe(401);
  });
});
