// Runs that do not finish (pipeline spec §2): a run whose process died is found at start-up and
// marked failed as interrupted; a run that fails mid-way is rolled back. Either way nothing it wrote
// stays behind — no loan facts, no exceptions, no file records, no output files.
import { createWriteStream, mkdirSync, readdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import request from 'supertest';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../../test/auth-helpers.js';
import { knownTapeCsv, PDATE, putInput, startRun, waitForRuns } from '../../../../../test/pipeline-helpers.js';
import { loansRepository } from '../../loans/loans.repository.js';
import { writeGeneratedTape } from '../../engine/tape-generator.js';
import { runFilesRepository } from '../run-files.repository.js';
import { runsRepository } from '../runs.repository.js';

/** Every file (not folder) under a directory, relative to it; [] when it does not exist. */
function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1));
}

describeEachDatabase('runs that do not finish', (provider) => {
  const ctx = useTestApp(provider, {}, { worker: true });
  let analyst: TestUser;
  let tapeNumber = 0;

  beforeAll(async () => {
    analyst = await createUserAndToken(ctx, { role: 'analyst', salesTeamName: 'Team Alpha' });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A fresh folder holding the known tape (its own loan ids, so earlier purchases never interfere). */
  function freshTapeFolder(): string {
    tapeNumber += 1;
    const folder = `tape-${tapeNumber}`;
    putInput(ctx, `${folder}/tape.csv`, knownTapeCsv({ suffix: `-${tapeNumber}` }));
    return folder;
  }

  async function expectNothingLeft(runId: string) {
    const prisma = ctx.db.prisma;
    expect(await prisma.loanFact.count({ where: { runId } })).toBe(0);
    expect(await prisma.loanException.count({ where: { runId } })).toBe(0);
    expect(await prisma.runFile.count({ where: { runId } })).toBe(0);
    expect(filesUnder(join(ctx.storageRoot, 'outputs', 'runs', runId))).toEqual([]);
    const loans = await request(ctx.app).get(`/api/loans?run_id=${runId}`).set(analyst.auth);
    expect(loans.headers['x-total-count']).toBe('0');
    const exceptions = await request(ctx.app).get(`/api/exceptions?run_id=${runId}`).set(analyst.auth);
    expect(exceptions.headers['x-total-count']).toBe('0');
    const outputs = await request(ctx.app).get(`/api/runs/${runId}/notebook-outputs`).set(analyst.auth);
    expect(outputs.body).toEqual([]);
    const summary = await request(ctx.app).get(`/api/summary/${runId}`).set(analyst.auth);
    expect(summary.body).toMatchObject({ status: 'failed', summary_available: false, total_loans: 0 });
  }

  it('when a run was interrupted by a crash, then the restart marks it failed and removes what it wrote', async () => {
    // The crash: this process's worker is gone, so nothing claims runs or keeps a heartbeat.
    await ctx.runWorker!.stop();
    try {
      const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder: freshTapeFolder() });
      const runId: string = created.body.run_id;
      const runs = runsRepository(ctx.db.prisma);
      const claimed = await runs.claimNextPending('other-host:4242:deadbeef');
      expect(claimed?.runId).toBe(runId);
      // What the dead process had done: reached pricing, written facts, exceptions and an output file.
      await runs.recordProgress(runId, 'pricing', 3, 13);
      const loans = loansRepository(ctx.db);
      await loans.insertFacts(
        ['P-1', 'P-2', 'P-3'].map((number) => ({
          runId,
          sellerLoanNumber: number,
          disposition: 'reject',
          loanData: { seller_loan_number: number },
          pricePct: null,
          purchasePrice: null,
          walYears: null,
        })),
      );
      await loans.insertExceptions([
        {
          runId,
          sellerLoanNumber: 'P-1',
          exceptionType: 'CR001',
          exceptionCategory: 'credit',
          severity: 'error',
          message: 'fico 640 is below the minimum 660',
          rejectionCriteria: 'FICO at least 660 (fico >= 660)',
        },
      ]);
      const outputFolder = join(ctx.storageRoot, 'outputs', 'runs', runId);
      mkdirSync(outputFolder, { recursive: true });
      writeFileSync(join(outputFolder, 'purchase_file.csv'), 'seller_loan_number\r\nP-1\r\n');
      await runFilesRepository(ctx.db.prisma).add(runId, {
        kind: 'output',
        outputKey: 'purchase_file_csv',
        fileName: 'purchase_file.csv',
        area: 'outputs',
        path: `runs/${runId}/purchase_file.csv`,
        size: 26,
        sha256: null,
        contentType: 'text/csv',
      });

      // While its heartbeat is fresh the run may be alive in another instance: it is left alone.
      expect(await ctx.runWorker!.sweepInterrupted()).toBe(0);
      expect((await ctx.db.prisma.pipelineRun.findUniqueOrThrow({ where: { runId } })).status).toBe('running');

      await ctx.db.prisma.pipelineRun.update({
        where: { runId },
        data: { heartbeatAt: new Date(Date.now() - 60 * 60 * 1000) },
      });
      // The restart: start-up sweeps for interrupted runs (start() calls sweepInterrupted first).
      expect(await ctx.runWorker!.sweepInterrupted()).toBe(1);
      expect(await ctx.runWorker!.sweepInterrupted()).toBe(0);

      const run = await request(ctx.app).get(`/api/runs/${runId}`).set(analyst.auth);
      expect(run.body).toMatchObject({ status: 'failed', last_phase: 'pricing', error: { phase: 'pricing' } });
      expect(run.body.error.message).toMatch(/interrupted/);
      expect(run.body.completed_at).not.toBeNull();
      await expectNothingLeft(runId);
    } finally {
      await ctx.runWorker!.start();
    }
  });

  it('when an output file cannot be stored, then the run fails in outputs and is rolled back', async () => {
    const upload = ctx.storage.upload.bind(ctx.storage);
    vi.spyOn(ctx.storage, 'upload').mockImplementation(async (area, path, body: Readable, options) => {
      if (path.endsWith('/run_report.xlsx')) {
        body.destroy();
        throw new Error('ENOSPC: no space left on device');
      }
      return upload(area, path, body, options);
    });
    const created = await startRun(ctx, analyst.auth, {
      pdate: PDATE,
      folder: freshTapeFolder(),
      sales_team_id: analyst.user.salesTeamId,
    });
    await waitForRuns(ctx);
    const runId: string = created.body.run_id;
    const run = await request(ctx.app).get(`/api/runs/${runId}`).set(analyst.auth);
    expect(run.body).toMatchObject({ status: 'failed', last_phase: 'outputs', error: { phase: 'outputs' } });
    // The analyst sees what happened, never the internals.
    expect(run.body.error.message).toMatch(/during outputs; the run was rolled back/);
    expect(run.body.error.message).not.toContain('ENOSPC');
    await expectNothingLeft(runId);
  });

  it('when archiving a tape fails, then the run fails in ingest before judging anything', async () => {
    const upload = ctx.storage.upload.bind(ctx.storage);
    vi.spyOn(ctx.storage, 'upload').mockImplementation(async (area, path, body: Readable, options) => {
      if (path.includes('/archive/inputs/')) {
        body.destroy();
        throw new Error('connection reset');
      }
      return upload(area, path, body, options);
    });
    const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder: freshTapeFolder() });
    await waitForRuns(ctx);
    const run = await request(ctx.app).get(`/api/runs/${created.body.run_id}`).set(analyst.auth);
    expect(run.body).toMatchObject({ status: 'failed', error: { phase: 'ingest' } });
    await expectNothingLeft(created.body.run_id);
  });

  it('when sharing the outputs fails at the very end, then the whole run is rolled back, archive included', async () => {
    const copy = ctx.storage.copy.bind(ctx.storage);
    vi.spyOn(ctx.storage, 'copy').mockImplementation(async (fromArea, fromPath, toArea, toPath, options) => {
      if (toArea === 'output_share' && toPath.endsWith('run_report.xlsx')) throw new Error('connection reset');
      return copy(fromArea, fromPath, toArea, toPath, options);
    });
    const share = join(ctx.storageRoot, 'output_share', 'Team Alpha', '2026-11-30');
    rmSync(share, { recursive: true, force: true });
    const created = await startRun(ctx, analyst.auth, {
      pdate: '2026-11-30',
      folder: freshTapeFolder(),
      sales_team_id: analyst.user.salesTeamId,
    });
    await waitForRuns(ctx);
    const runId: string = created.body.run_id;
    const run = await request(ctx.app).get(`/api/runs/${runId}`).set(analyst.auth);
    expect(run.body).toMatchObject({ status: 'failed', error: { phase: 'archive' } });
    await expectNothingLeft(runId);
    expect(filesUnder(share)).toEqual([]);
  });

  it('when writing exceptions fails after the facts were written, then the facts are removed again', async () => {
    const insert = ctx.db.bulk.insert.bind(ctx.db.bulk);
    vi.spyOn(ctx.db.bulk, 'insert').mockImplementation(async (table, columns, rows) => {
      if (table === 'loan_exceptions' && rows.length > 0) throw new Error('deadlock detected');
      return insert(table, columns, rows);
    });
    const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder: freshTapeFolder() });
    await waitForRuns(ctx);
    const runId: string = created.body.run_id;
    const run = await request(ctx.app).get(`/api/runs/${runId}`).set(analyst.auth);
    expect(run.body.status).toBe('failed');
    expect(run.body.error.message).not.toContain('deadlock');
    await expectNothingLeft(runId);
  });

  it('when another instance declared the run interrupted while it was still working, then it does not complete it', async () => {
    const upload = ctx.storage.upload.bind(ctx.storage);
    const loans = loansRepository(ctx.db);
    vi.spyOn(ctx.storage, 'upload').mockImplementation(async (area, path, body: Readable, options) => {
      if (path.includes('/archive/inputs/')) {
        // What another instance's sweep does when this run's heartbeat looked stale (a long stall).
        const runId = path.split('/')[1]!;
        await loans.deleteRunData(runId);
        await runsRepository(ctx.db.prisma).markFailed(runId, 'archive', 'interrupted: the server stopped');
      }
      return upload(area, path, body, options);
    });
    const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder: freshTapeFolder() });
    await waitForRuns(ctx);
    const runId: string = created.body.run_id;
    const run = await request(ctx.app).get(`/api/runs/${runId}`).set(analyst.auth);
    // The sweep's verdict stands: failed where the run was, as interrupted.
    expect(run.body).toMatchObject({ status: 'failed', error: { phase: 'archive' } });
    expect(run.body.error.message).toMatch(/^interrupted/);
    await expectNothingLeft(runId);
  });

  it('when the tape is removed after the run was queued, then the run fails in ingest saying so', async () => {
    await ctx.runWorker!.stop();
    let runId = '';
    try {
      const folder = freshTapeFolder();
      const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder });
      expect(created.status).toBe(202);
      runId = created.body.run_id;
      rmSync(join(ctx.storageRoot, 'inputs', folder, 'tape.csv'));
    } finally {
      await ctx.runWorker!.start();
    }
    await waitForRuns(ctx);
    const run = await request(ctx.app).get(`/api/runs/${runId}`).set(analyst.auth);
    expect(run.body).toMatchObject({ status: 'failed', error: { phase: 'ingest' } });
    expect(run.body.error.message).toMatch(/no longer holds a tape file/);
    await expectNothingLeft(runId);
  });

  it('when a later tape in the folder is not a tape, then no batch written before the failure survives', async () => {
    const folder = `many-${Date.now()}`;
    mkdirSync(join(ctx.storageRoot, 'inputs', folder), { recursive: true });
    const out = createWriteStream(join(ctx.storageRoot, 'inputs', folder, 'a.csv'));
    await writeGeneratedTape(out, { loans: 12_000, pdate: PDATE, seed: 5, badRows: 0, format: 'csv' });
    if (!out.closed) await once(out, 'close');
    putInput(ctx, `${folder}/b.csv`, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe]));
    const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder });
    await waitForRuns(ctx, 60_000);
    const run = await request(ctx.app).get(`/api/runs/${created.body.run_id}`).set(analyst.auth);
    expect(run.body).toMatchObject({ status: 'failed', error: { phase: 'ingest' } });
    await expectNothingLeft(created.body.run_id);
  });

  it('when every run above has ended, then a normal run still completes on the same worker', async () => {
    const created = await startRun(ctx, analyst.auth, { pdate: PDATE, folder: freshTapeFolder() });
    await waitForRuns(ctx);
    const run = await request(ctx.app).get(`/api/runs/${created.body.run_id}`).set(analyst.auth);
    expect(run.body.status).toBe('completed');
    expect(await ctx.db.prisma.pipelineRun.count({ where: { status: { in: ['pending', 'running'] } } })).toBe(0);
  });
});
