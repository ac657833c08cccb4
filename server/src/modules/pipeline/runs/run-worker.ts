// The in-process worker: claims pending runs one at a time (the claim is atomic, so several app
// instances never execute the same run) and executes them. It also sweeps for runs whose process
// died mid-way — their heartbeat stopped — and marks them failed as interrupted, removing any rows
// and output files they had written.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../lib/logger.js';
import type { TryRunLock } from '../../../lib/run-lock.js';
import type { LoansRepository } from '../loans/loans.repository.js';
import { executeRun, type RunExecutorDeps } from './run-executor.js';
import type { RunsRepository } from './runs.repository.js';

export interface RunWorkerOptions {
  /** How often to look for pending runs when not notified. */
  pollMs?: number;
  /** A running run whose heartbeat is older than this is considered interrupted. */
  staleAfterSeconds?: number;
}

export interface RunWorker {
  readonly id: string;
  start(): Promise<void>;
  /** Wakes the worker now (a run was just queued). */
  notify(): void;
  /** Marks runs whose worker stopped heartbeating as failed; answers how many. */
  sweepInterrupted(): Promise<number>;
  /** Stops claiming; resolves when the run in progress (if any) has finished. */
  stop(): Promise<void>;
  /** Resolves when no run is pending or in progress in this worker (for tests and scripts). */
  idle(): Promise<void>;
}

export function createRunWorker(
  deps: RunExecutorDeps & { runs: RunsRepository; loans: LoansRepository; logger: Logger; tryRunLock: TryRunLock },
  options: RunWorkerOptions = {},
): RunWorker {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollMs = options.pollMs ?? 2_000;
  const staleAfterMs = (options.staleAfterSeconds ?? 60) * 1_000;
  const logger = deps.logger.child({ worker: id });
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let idleWaiters: (() => void)[] = [];
  let lastSweep = 0;

  /** The files an interrupted run had already stored in its output folder (outputs, archived tapes). */
  async function deleteRunFolder(runId: string): Promise<void> {
    const entries = await deps.storage.list('outputs', `runs/${runId}`, { recursive: true }).catch(() => []);
    for (const entry of entries.filter((candidate) => !candidate.is_dir)) {
      await deps.storage
        .delete('outputs', entry.path)
        .catch((error: unknown) => logger.warn({ err: error, runId, path: entry.path }, 'could not delete run file'));
    }
  }

  async function sweepInterrupted(): Promise<number> {
    lastSweep = Date.now();
    const staleBefore = new Date(Date.now() - staleAfterMs);
    const stale = await deps.runs.findStaleRunning(staleBefore);
    let swept = 0;
    for (const run of stale) {
      // Marked failed first, and only while still stale: a run that completed or reported meanwhile
      // keeps its rows, and one marked here can no longer complete (markCompleted needs it running).
      const marked = await deps.runs.markInterrupted(
        run.runId,
        staleBefore,
        run.lastPhase ?? 'ingest',
        'interrupted: the server stopped while this run was in progress; start it again',
      );
      if (!marked) continue;
      logger.warn({ runId: run.runId, phase: run.lastPhase }, 'run interrupted (its worker stopped); marked failed');
      await deleteRunFolder(run.runId);
      await deps.loans.deleteRunData(run.runId);
      swept += 1;
    }
    return swept;
  }

  async function drain(): Promise<void> {
    while (!stopped) {
      // Another instance executing a run holds the lock: leave the queue to it, look again later.
      const lock = await deps.tryRunLock();
      if (!lock) break;
      try {
        const run = await deps.runs.claimNextPending(id);
        if (!run) break;
        logger.info({ runId: run.runId }, 'run claimed');
        await executeRun(run, deps);
      } finally {
        await lock.release();
      }
    }
  }

  function schedule(delay: number) {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick() {
    if (stopped || current) return;
    current = (async () => {
      try {
        if (Date.now() - lastSweep > staleAfterMs / 2) await sweepInterrupted();
        await drain();
      } catch (error) {
        logger.error({ err: error }, 'run worker error');
      } finally {
        current = undefined;
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
        schedule(pollMs);
      }
    })();
  }

  return {
    id,
    async start() {
      stopped = false;
      await sweepInterrupted();
      schedule(0);
    },
    notify() {
      if (!stopped && !current) schedule(0);
    },
    sweepInterrupted,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
    async idle() {
      for (;;) {
        if (current) await new Promise<void>((resolve) => idleWaiters.push(resolve));
        if (!(await deps.runs.hasPending()) || stopped) return;
        if (!current) tick();
        // Runs still pending while another instance holds the run lock: wait a moment between looks.
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}
