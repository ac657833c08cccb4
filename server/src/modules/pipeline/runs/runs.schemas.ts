import { z } from 'zod';
import { bodyId, paging } from '../../../lib/http/common-schemas.js';
import { registry } from '../../../lib/openapi.js';
import type { RunRecord } from './runs.repository.js';

export const DEFAULT_IRR_TARGET = 8.05;
export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export const RUN_PHASES = ['ingest', 'eligibility', 'concentration', 'pricing', 'outputs', 'archive', 'done'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'pdate must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'pdate is not a real calendar date');

export const createRunBody = z
  .object({
    pdate: isoDate.optional(),
    irr_target: z
      .number({ message: 'irr_target must be a number (percent, e.g. 8.05)' })
      .gt(0, 'irr_target must be greater than 0')
      .lt(100, 'irr_target must be less than 100')
      .default(DEFAULT_IRR_TARGET),
    folder: z.string().max(500).default(''),
    sales_team_id: bodyId.nullable().optional(),
  })
  .strict()
  .openapi('RunCreate');

export const createRunSchema = z.object({ body: createRunBody });
export type CreateRunInput = z.output<typeof createRunBody>;

export const runIdParams = z.object({ run_id: z.uuid({ message: 'run_id must be a UUID' }) });
export const runIdSchema = z.object({ params: runIdParams });

export const listRunsQuery = z.object({
  ...paging,
  status: z.enum(RUN_STATUSES).optional(),
  run_weekday: z.coerce.number().int().min(0).max(6).optional(),
});
export const listRunsSchema = z.object({ query: listRunsQuery });

export const runResponseSchema = registry.register(
  'RunResponse',
  z.object({
    id: z.number().int(),
    run_id: z.string(),
    status: z.enum(RUN_STATUSES),
    sales_team_id: z.number().int().nullable(),
    sales_team_name: z.string().nullable(),
    total_loans: z.number().int(),
    total_balance: z.number(),
    exceptions_count: z.number().int(),
    run_weekday: z.number().int().nullable(),
    run_weekday_name: z.string().nullable(),
    pdate: z.string().nullable(),
    last_phase: z.string().nullable(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    created_at: z.string(),
    irr_target: z.number().nullable(),
    folder: z.string().nullable(),
    rulebook_version: z.number().int().nullable(),
    trigger: z.string(),
    progress: z.object({
      phase: z.string().nullable(),
      done: z.number().int(),
      total: z.number().int(),
      percent: z.number(),
    }),
    error: z.object({ message: z.string(), phase: z.string().nullable() }).nullable(),
  }),
);

const PHASE_WEIGHT: Record<string, number> = {
  ingest: 0,
  eligibility: 10,
  concentration: 45,
  pricing: 50,
  outputs: 60,
  archive: 90,
  done: 100,
};

export function toRunResponse(run: RunRecord) {
  const base = PHASE_WEIGHT[run.lastPhase ?? 'ingest'] ?? 0;
  const next = Object.values(PHASE_WEIGHT).find((weight) => weight > base) ?? 100;
  const withinPhase = run.progressTotal > 0 ? Math.min(1, run.progressDone / run.progressTotal) : 0;
  const percent =
    run.status === 'completed' ? 100 : run.status === 'pending' ? 0 : Math.round(base + (next - base) * withinPhase);
  return {
    id: run.id,
    run_id: run.runId,
    status: run.status as (typeof RUN_STATUSES)[number],
    sales_team_id: run.salesTeamId,
    sales_team_name: run.salesTeam?.name ?? null,
    total_loans: run.totalLoans,
    total_balance: run.totalBalance,
    exceptions_count: run.exceptionsCount,
    run_weekday: run.runWeekday,
    run_weekday_name: run.runWeekdayName,
    pdate: run.pdate,
    last_phase: run.lastPhase,
    started_at: run.startedAt?.toISOString() ?? null,
    completed_at: run.completedAt?.toISOString() ?? null,
    created_at: run.createdAt.toISOString(),
    irr_target: run.irrTarget,
    folder: run.folder,
    rulebook_version: run.rulebookVersion,
    trigger: run.trigger,
    progress: { phase: run.lastPhase, done: run.progressDone, total: run.progressTotal, percent },
    error: run.status === 'failed' ? { message: run.errorMessage ?? 'failed', phase: run.failedPhase } : null,
  };
}
