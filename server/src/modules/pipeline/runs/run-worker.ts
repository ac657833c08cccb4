// The in-process worker: claims pending runs one at a time (the claim is atomic, so several app
// instances never execute the same run) and executes them. It also sweeps for runs whose process
// died mid-way — their heartbeat stopped — and marks them failed as interrupted, removing any rows
// they had written.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../lib/logger.js';
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
  deps: RunExecutorDeps & { runs: RunsRepository; loans: LoansRepository; logger: Logger },
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

  async function sweepInterrupted(): Promise<number> {
    lastSweep = Date.now();
    const stale = await deps.runs.findStaleRunning(new Date(Date.now() - staleAfterMs));
    for (const run of stale) {
      logger.warn({ runId: run.runId, phase: run.lastPhase }, 'run interrupted (its worker stopped); marking failed');
      await deps.loans.deleteRunData(run.runId);
      await deps.runs.markFailed(
        run.runId,
        run.lastPhase ?? 'ingest',
        'interrupted: the server stopped while this run was in progress; start it again',
      );
    }
    return stale.length;
  }

  async function drain(): Promise<void> {
    while (!stopped) {
      const run = await deps.runs.claimNextPending(id);
      if (!run) break;
      logger.info({ runId: run.runId }, 'run claimed');
      await executeRun(run, deps);
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
      }
    },
  };
}
