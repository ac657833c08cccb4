// pipeline_runs: creation, scoped reads, the atomic claim, progress and terminal states.
import { knownPrismaErrorCode, type DbClient } from '../../../lib/db.js';
import { ConflictError } from '../../../lib/errors.js';

export type RunStatus = 'pending' | 'running' | 'completed' | 'failed';

export const runSelect = {
  id: true,
  runId: true,
  status: true,
  salesTeamId: true,
  totalLoans: true,
  totalBalance: true,
  exceptionsCount: true,
  runWeekday: true,
  runWeekdayName: true,
  pdate: true,
  lastPhase: true,
  outputDir: true,
  startedAt: true,
  completedAt: true,
  createdAt: true,
  irrTarget: true,
  folder: true,
  rulebookVersion: true,
  createdById: true,
  trigger: true,
  progressDone: true,
  progressTotal: true,
  errorMessage: true,
  failedPhase: true,
  heartbeatAt: true,
  salesTeam: { select: { name: true } },
} as const;

export interface RunRecord {
  id: number;
  runId: string;
  status: string;
  salesTeamId: number | null;
  totalLoans: number;
  totalBalance: number;
  exceptionsCount: number;
  runWeekday: number | null;
  runWeekdayName: string | null;
  pdate: string | null;
  lastPhase: string | null;
  outputDir: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  irrTarget: number | null;
  folder: string | null;
  rulebookVersion: number | null;
  createdById: number | null;
  trigger: string;
  progressDone: number;
  progressTotal: number;
  errorMessage: string | null;
  failedPhase: string | null;
  heartbeatAt: Date | null;
  salesTeam: { name: string } | null;
}

export interface NewRun {
  runId: string;
  salesTeamId: number | null;
  pdate: string;
  runWeekday: number;
  runWeekdayName: string;
  irrTarget: number;
  folder: string;
  createdById: number | null;
  trigger: 'api' | 'schedule';
  scheduleKey?: string | null;
}

/** `'all'` for admins and analysts; a team id (or null = no team, sees nothing) for sales-team users. */
export type TeamScope = number | null | 'all';

function scopeWhere(scope: TeamScope) {
  if (scope === 'all') return {};
  return scope === null ? { id: -1 } : { salesTeamId: scope };
}

/** A running run whose worker stopped reporting before `staleBefore`. */
function staleRunning(staleBefore: Date) {
  return { status: 'running', OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }] };
}

export interface RunTotals {
  totalLoans: number;
  totalBalance: number;
  exceptionsCount: number;
  summary: object;
  outputDir: string;
}

export function runsRepository(prisma: DbClient) {
  return {
    async create(run: NewRun): Promise<RunRecord> {
      try {
        return await prisma.pipelineRun.create({ data: { ...run, status: 'pending' }, select: runSelect });
      } catch (error) {
        if (run.scheduleKey && knownPrismaErrorCode(error) === 'P2002') {
          throw new ConflictError(`A scheduled run ${run.scheduleKey} already exists`);
        }
        throw error;
      }
    },
    async findByRunId(runId: string, scope: TeamScope = 'all'): Promise<RunRecord | null> {
      return prisma.pipelineRun.findFirst({ where: { runId, ...scopeWhere(scope) }, select: runSelect });
    },
    async summaryOf(runId: string, scope: TeamScope): Promise<{ run: RunRecord; summary: unknown } | null> {
      const row = await prisma.pipelineRun.findFirst({
        where: { runId, ...scopeWhere(scope) },
        select: { ...runSelect, summary: true },
      });
      if (!row) return null;
      const { summary, ...run } = row;
      return { run, summary };
    },
    async list(filter: { status?: string; runWeekday?: number; skip: number; limit: number }, scope: TeamScope) {
      const where = { status: filter.status, runWeekday: filter.runWeekday, ...scopeWhere(scope) };
      const [items, total] = await Promise.all([
        prisma.pipelineRun.findMany({
          where,
          select: runSelect,
          orderBy: { id: 'desc' },
          skip: filter.skip,
          take: filter.limit,
        }),
        prisma.pipelineRun.count({ where }),
      ]);
      return { items, total };
    },
    /** The oldest pending run, claimed by this worker — or null. Only one process can win a run. */
    async claimNextPending(workerId: string): Promise<RunRecord | null> {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const next = await prisma.pipelineRun.findFirst({
          where: { status: 'pending' },
          orderBy: { id: 'asc' },
          select: { id: true },
        });
        if (!next) return null;
        const now = new Date();
        const { count } = await prisma.pipelineRun.updateMany({
          where: { id: next.id, status: 'pending' },
          data: { status: 'running', workerId, startedAt: now, heartbeatAt: now, lastPhase: 'ingest' },
        });
        if (count === 1) return prisma.pipelineRun.findUnique({ where: { id: next.id }, select: runSelect });
      }
      return null;
    },
    async setRulebookVersion(runId: string, version: number): Promise<void> {
      await prisma.pipelineRun.update({ where: { runId }, data: { rulebookVersion: version } });
    },
    /** Progress and heartbeat of a running run; a run no longer running (swept as interrupted) is left as it is. */
    async recordProgress(runId: string, phase: string, done: number, total: number): Promise<void> {
      await prisma.pipelineRun.updateMany({
        where: { runId, status: 'running' },
        data: { lastPhase: phase, progressDone: done, progressTotal: total, heartbeatAt: new Date() },
      });
    },
    /**
     * Completes a running run; false when it is no longer running — another instance's sweep marked it
     * failed as interrupted (and removed its rows) while it stalled — so it must not be completed.
     */
    async markCompleted(runId: string, totals: RunTotals): Promise<boolean> {
      const { count } = await prisma.pipelineRun.updateMany({
        where: { runId, status: 'running' },
        data: { ...totals, status: 'completed', lastPhase: 'done', completedAt: new Date(), heartbeatAt: new Date() },
      });
      return count === 1;
    },
    /**
     * Fails a running run; false when it is not running any more (completed, or already failed — a
     * run swept as interrupted keeps the phase and message it has).
     */
    async markFailed(runId: string, phase: string, message: string): Promise<boolean> {
      const { count } = await prisma.pipelineRun.updateMany({
        where: { runId, status: 'running' },
        data: {
          status: 'failed',
          failedPhase: phase,
          lastPhase: phase,
          errorMessage: message.slice(0, 4000),
          completedAt: new Date(),
        },
      });
      return count === 1;
    },
    /**
     * Fails a run found stale by the sweep, unless it completed, failed or reported again meanwhile
     * (its worker was only slow): only one of the run and the sweep can win.
     */
    async markInterrupted(runId: string, staleBefore: Date, phase: string, message: string): Promise<boolean> {
      const { count } = await prisma.pipelineRun.updateMany({
        where: { runId, ...staleRunning(staleBefore) },
        data: {
          status: 'failed',
          failedPhase: phase,
          lastPhase: phase,
          errorMessage: message,
          completedAt: new Date(),
        },
      });
      return count === 1;
    },
    /** Running runs whose worker stopped reporting before `staleBefore`: their process died. */
    async findStaleRunning(staleBefore: Date): Promise<RunRecord[]> {
      return prisma.pipelineRun.findMany({
        where: staleRunning(staleBefore),
        select: runSelect,
      });
    },
    async hasPending(): Promise<boolean> {
      return (await prisma.pipelineRun.count({ where: { status: 'pending' } })) > 0;
    },
  };
}

export type RunsRepository = ReturnType<typeof runsRepository>;
