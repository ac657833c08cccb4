// Starting runs (validated at once, pipeline spec §2) and listing them (filters, paging, totals).
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../../test/auth-helpers.js';
import {
  KNOWN_TAPE,
  knownTapeCsv,
  PDATE,
  putInput,
  startRun,
  tapeCsv,
  waitForRuns,
} from '../../../../../test/pipeline-helpers.js';
import { runWorkerFor } from '../run-worker.factory.js';
import { todayIn } from '../runs.service.js';

describeEachDatabase('starting, claiming and listing runs', (provider) => {
  const ctx = useTestApp(provider, {}, { worker: true });
  let admin: TestUser;
  let analyst: TestUser;
  let sales: TestUser;

  beforeAll(async () => {
    admin = await createUserAndToken(ctx, { role: 'admin' });
    analyst = await createUserAndToken(ctx, { role: 'analyst' });
    sales = await createUserAndToken(ctx, { role: 'sales_team', salesTeamName: 'Team Alpha' });
    putInput(ctx, 'ok/tape.csv', knownTapeCsv({ suffix: '-ok' }));
    putInput(ctx, 'no-tape/notes.txt', Buffer.from('nothing to run'));
  });

  describe('POST /api/pipeline/run', () => {
    it('when the request is invalid, then it answers 422 naming the field and creates no run', async () => {
      const before = await ctx.db.prisma.pipelineRun.count();
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ pdate: '2026-02-30', folder: 'ok' }, 'pdate', /not a real calendar date/],
        [{ pdate: 'tomorrow', folder: 'ok' }, 'pdate', /YYYY-MM-DD/],
        [{ pdate: '2026-12-4', folder: 'ok' }, 'pdate', /YYYY-MM-DD/],
        [{ irr_target: 0, folder: 'ok' }, 'irr_target', /greater than 0/],
        [{ irr_target: 100, folder: 'ok' }, 'irr_target', /less than 100/],
        [{ irr_target: 'abc', folder: 'ok' }, 'irr_target', /must be a number/],
        [{ folder: '../x' }, 'folder', /not a safe path/],
        [{ folder: '%2e%2e/x' }, 'folder', /not a safe path/],
        [{ folder: '/etc' }, 'folder', /not a safe path/],
        [{ folder: 'ok\\..\\..' }, 'folder', /not a safe path/],
        [{ folder: 'missing' }, 'folder', /does not exist/],
        [{ folder: 'ok/tape.csv' }, 'folder', /does not exist/],
        [{ folder: 'no-tape' }, 'folder', /holds no tape file/],
        [{ folder: 'ok', sales_team_id: 99999 }, 'sales_team_id', /does not exist/],
        [{ folder: 'ok', sales_team_id: 'alpha' }, 'sales_team_id', /./],
        [{ folder: 'ok', surprise: true }, '', /surprise/],
      ];
      for (const [body, field, message] of cases) {
        const res = await startRun(ctx, analyst.auth, body);
        const label = JSON.stringify(body);
        expect(res.status, label).toBe(422);
        const [issue] = res.body.detail;
        expect(issue.loc, label).toEqual(field ? ['body', field] : ['body']);
        expect(`${issue.msg} ${JSON.stringify(issue)}`, label).toMatch(message);
      }
      expect(await ctx.db.prisma.pipelineRun.count()).toBe(before);
    });

    it('when a sales-team user or nobody starts a run, then it is 403 or 401', async () => {
      const forbidden = await startRun(ctx, sales.auth, { pdate: PDATE, folder: 'ok' });
      expect(forbidden.status).toBe(403);
      const anonymous = await request(ctx.app).post('/api/pipeline/run').send({ pdate: PDATE, folder: 'ok' });
      expect(anonymous.status).toBe(401);
      expect(await ctx.db.prisma.pipelineRun.count({ where: { folder: 'ok', pdate: PDATE } })).toBe(0);
    });

    it('when pdate and irr_target are left out, then the run is for today at 8.05% and records who started it', async () => {
      const res = await startRun(ctx, admin.auth, { folder: 'ok' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        pdate: todayIn(ctx.config.businessTimezone),
        irr_target: 8.05,
        sales_team_id: null,
        status: 'pending',
      });
      await waitForRuns(ctx);
      const row = await ctx.db.prisma.pipelineRun.findUniqueOrThrow({ where: { runId: res.body.run_id } });
      expect(row).toMatchObject({ createdById: admin.user.id, trigger: 'api', irrTarget: 8.05, folder: 'ok' });
      const audit = await ctx.db.prisma.auditLog.findFirst({ where: { target: `run:${res.body.run_id}` } });
      expect(audit).toMatchObject({ action: 'run.create', actorId: admin.user.id });
    });
  });

  describe('several workers', () => {
    it('when two workers share the queue, then every run is executed exactly once', async () => {
      const second = runWorkerFor(ctx, { pollMs: 10, staleAfterSeconds: 60 });
      await ctx.runWorker!.stop();
      const runIds: string[] = [];
      try {
        for (let index = 0; index < 6; index += 1) {
          runIds.push((await startRun(ctx, analyst.auth, { pdate: PDATE, folder: 'ok' })).body.run_id);
        }
        await Promise.all([ctx.runWorker!.start(), second.start()]);
        await Promise.all([waitForRuns(ctx), second.idle()]);
      } finally {
        await second.stop();
        await ctx.runWorker!.start();
      }
      const rows = await ctx.db.prisma.pipelineRun.findMany({ where: { runId: { in: runIds } } });
      expect(rows.map((row) => row.status)).toEqual(Array(6).fill('completed'));
      for (const row of rows) expect([ctx.runWorker!.id, second.id]).toContain(row.workerId);
      const facts = await ctx.db.prisma.loanFact.groupBy({
        by: ['runId'],
        where: { runId: { in: runIds } },
        _count: { _all: true },
      });
      expect(facts.map((group) => group._count._all)).toEqual(Array(6).fill(KNOWN_TAPE.length));
    });
  });

  describe('GET /api/runs', () => {
    const created: { runId: string; weekday: number; status: string }[] = [];

    beforeAll(async () => {
      // Two Mondays, a Friday and a run that fails (empty tape), oldest first.
      putInput(ctx, 'empty/tape.csv', tapeCsv([]));
      const plan = [
        { pdate: '2026-11-30', folder: 'ok', weekday: 0, status: 'completed' },
        { pdate: PDATE, folder: 'ok', weekday: 4, status: 'completed' },
        { pdate: '2026-12-07', folder: 'empty', weekday: 0, status: 'failed' },
      ];
      for (const { pdate, folder, weekday, status } of plan) {
        const res = await startRun(ctx, analyst.auth, { pdate, folder });
        expect(res.body.run_weekday).toBe(weekday);
        expect(res.body.run_weekday_name).toBe(weekday === 0 ? 'Monday' : 'Friday');
        created.push({ runId: res.body.run_id, weekday, status });
      }
      await waitForRuns(ctx);
    });

    const list = (query: string) => request(ctx.app).get(`/api/runs${query}`).set(analyst.auth);

    it('when runs are listed, then they come newest first with the total in X-Total-Count', async () => {
      const res = await list('');
      const total = await ctx.db.prisma.pipelineRun.count();
      expect(res.status).toBe(200);
      expect(res.headers['x-total-count']).toBe(String(total));
      expect(res.body).toHaveLength(total);
      const ids = res.body.map((run: { id: number }) => run.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(res.body.slice(0, 3).map((run: { run_id: string }) => run.run_id)).toEqual(
        created.map((run) => run.runId).reverse(),
      );
    });

    it('when runs are filtered by status or weekday, then only matching runs are listed and counted', async () => {
      const failed = await list('?status=failed');
      expect(failed.body.map((run: { run_id: string }) => run.run_id)).toEqual([created[2]!.runId]);
      expect(failed.headers['x-total-count']).toBe('1');
      expect(failed.body[0]).toMatchObject({ error: { phase: 'ingest' }, last_phase: 'ingest' });

      const completed = await list('?status=completed');
      expect(completed.body.every((run: { status: string }) => run.status === 'completed')).toBe(true);
      expect(completed.headers['x-total-count']).toBe(
        String(await ctx.db.prisma.pipelineRun.count({ where: { status: 'completed' } })),
      );

      const mondays = await list('?run_weekday=0');
      expect(mondays.body.map((run: { run_id: string }) => run.run_id)).toEqual([created[2]!.runId, created[0]!.runId]);
      expect(mondays.body.every((run: { run_weekday_name: string }) => run.run_weekday_name === 'Monday')).toBe(true);
      const completedMondays = await list('?run_weekday=0&status=completed');
      expect(completedMondays.body.map((run: { run_id: string }) => run.run_id)).toEqual([created[0]!.runId]);
      expect((await list('?run_weekday=2')).headers['x-total-count']).toBe('0');
    });

    it('when runs are paged with skip and limit, then the page moves and the total stays', async () => {
      const all = await list('');
      const page = await list('?skip=1&limit=1');
      expect(page.body).toHaveLength(1);
      expect(page.body[0].run_id).toBe(all.body[1].run_id);
      expect(page.headers['x-total-count']).toBe(all.headers['x-total-count']);
      expect((await list('?skip=1000')).body).toEqual([]);
    });

    it('when a list parameter is out of range, then it is a 422 naming it', async () => {
      for (const [query, field] of [
        ['?status=done', 'status'],
        ['?run_weekday=7', 'run_weekday'],
        ['?run_weekday=monday', 'run_weekday'],
        ['?limit=0', 'limit'],
        ['?limit=1001', 'limit'],
        ['?skip=-1', 'skip'],
      ]) {
        const res = await list(query!);
        expect(res.status, query).toBe(422);
        expect(res.body.detail[0].loc).toEqual(['query', field]);
      }
    });

    it('when a run id is malformed or unknown, then it is 422 or 404', async () => {
      expect((await request(ctx.app).get('/api/runs/42').set(analyst.auth)).status).toBe(422);
      const unknown = await request(ctx.app).get(`/api/runs/${randomUUID()}`).set(analyst.auth);
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toMatch(/not found/);
      expect((await request(ctx.app).get(`/api/summary/${randomUUID()}`).set(analyst.auth)).status).toBe(404);
      expect((await request(ctx.app).get('/api/runs')).status).toBe(401);
    });
  });
});
