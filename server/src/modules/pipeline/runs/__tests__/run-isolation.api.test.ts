// Sales-team isolation on every run endpoint (product.md): a sales-team user sees their own team's
// runs and what they produced, and another team's run answers exactly like a run that does not exist.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../../test/auth-helpers.js';
import {
  knownTapeCsv,
  parseCsv,
  PDATE,
  putInput,
  startRun,
  waitForRuns,
} from '../../../../../test/pipeline-helpers.js';

/** Every endpoint that reads one run, for a run id. */
const runEndpoints = (runId: string) => [
  `/api/runs/${runId}`,
  `/api/summary/${runId}`,
  `/api/runs/${runId}/notebook-outputs`,
  `/api/runs/${runId}/notebook-outputs/purchase_file_csv/download`,
  `/api/runs/${runId}/notebook-outputs/summary_json/download`,
  `/api/runs/${runId}/archive`,
  `/api/runs/${runId}/archive/download?path=tape.csv`,
];

describeEachDatabase('sales-team isolation of runs', (provider) => {
  const ctx = useTestApp(provider, {}, { worker: true });
  let analyst: TestUser;
  let alphaSales: TestUser;
  let betaSales: TestUser;
  const runs = { alpha: '', beta: '', unassigned: '' };

  beforeAll(async () => {
    analyst = await createUserAndToken(ctx, { role: 'analyst' });
    alphaSales = await createUserAndToken(ctx, { role: 'sales_team', salesTeamName: 'Team Alpha' });
    betaSales = await createUserAndToken(ctx, { role: 'sales_team', salesTeamName: 'Team Beta' });
    for (const [name, salesTeamId] of [
      ['alpha', alphaSales.user.salesTeamId],
      ['beta', betaSales.user.salesTeamId],
      ['unassigned', null],
    ] as const) {
      putInput(ctx, `${name}/tape.csv`, knownTapeCsv({ suffix: `-${name}` }));
      const res = await startRun(ctx, analyst.auth, { pdate: PDATE, folder: name, sales_team_id: salesTeamId });
      runs[name] = res.body.run_id;
    }
    await waitForRuns(ctx);
  });

  const get = (url: string, user: TestUser) => request(ctx.app).get(url).set(user.auth);

  it("when a sales-team user asks for another team's run on any endpoint, then it is 404 as for no run at all", async () => {
    const missing = randomUUID();
    for (const runId of [runs.alpha, runs.unassigned]) {
      const endpoints = runEndpoints(runId);
      const missingEndpoints = runEndpoints(missing);
      for (const [index, url] of endpoints.entries()) {
        const res = await get(url, betaSales);
        expect(res.status, url).toBe(404);
        const none = await get(missingEndpoints[index]!, betaSales);
        expect(res.body.detail.replace(runId, '<id>'), url).toBe(none.body.detail.replace(missing, '<id>'));
      }
    }
  });

  it("when a sales-team user asks for their own team's run, then every endpoint answers", async () => {
    for (const url of runEndpoints(runs.alpha)) {
      expect((await get(url, alphaSales)).status, url).toBe(200);
    }
    const summary = await get(`/api/summary/${runs.alpha}`, alphaSales);
    expect(summary.body).toMatchObject({ run_id: runs.alpha, status: 'completed', summary_available: true });
  });

  it("when a sales-team user lists runs, loans or exceptions, then only their team's runs' data is there", async () => {
    const runList = await get('/api/runs', betaSales);
    expect(runList.body.map((run: { run_id: string }) => run.run_id)).toEqual([runs.beta]);
    expect(runList.headers['x-total-count']).toBe('1');

    const loans = await get('/api/loans?limit=1000', betaSales);
    expect(new Set(loans.body.map((fact: { run_id: string }) => fact.run_id))).toEqual(new Set([runs.beta]));
    expect(loans.headers['x-total-count']).toBe(
      String(await ctx.db.prisma.loanFact.count({ where: { runId: runs.beta } })),
    );
    const exceptions = await get('/api/exceptions?limit=1000', betaSales);
    expect(new Set(exceptions.body.map((row: { run_id: string }) => row.run_id))).toEqual(new Set([runs.beta]));
    expect(exceptions.headers['x-total-count']).toBe(
      String(await ctx.db.prisma.loanException.count({ where: { runId: runs.beta } })),
    );
    const [, ...exportRows] = parseCsv((await get('/api/exceptions/export', betaSales)).text);
    expect(exportRows.length).toBe(exceptions.body.length);
    expect(new Set(exportRows.map((row) => row[1]))).toEqual(new Set([runs.beta]));
  });

  it("when a sales-team user filters on another team's run id, then the lists answer 404 as for no run", async () => {
    for (const url of [
      `/api/loans?run_id=${runs.alpha}`,
      `/api/exceptions?run_id=${runs.alpha}`,
      `/api/exceptions/export?run_id=${runs.alpha}`,
    ]) {
      const res = await get(url, betaSales);
      expect(res.status, url).toBe(404);
      expect(res.body, url).toEqual({ detail: `Run ${runs.alpha} not found` });
    }
    const purchases = await get(`/api/loans?run_id=${runs.alpha}&disposition=purchase`, alphaSales);
    expect(Number(purchases.headers['x-total-count'])).toBeGreaterThan(0);
  });

  it('when an analyst lists runs, then every team and unassigned run is there', async () => {
    const res = await get('/api/runs', analyst);
    expect(res.body.map((run: { run_id: string }) => run.run_id).sort()).toEqual(Object.values(runs).sort());
    expect(res.body.find((run: { run_id: string }) => run.run_id === runs.beta).sales_team_name).toBe('Team Beta');
  });
});
