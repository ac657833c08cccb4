// Scheduled runs: at each RUN_SCHEDULE tick (node-cron, in the business time zone) start a run on
// today's folder (RUN_SCHEDULE_FOLDER, `{pdate}` → YYYY-MM-DD) for RUN_SCHEDULE_TEAM. Every app
// instance fires the schedule; the run's unique schedule key lets exactly one of them create it.
// A folder without a tape is not an error for a schedule: the skip is logged and audited.
import { schedule, type ScheduledTask } from 'node-cron';
import type { AppConfig } from '../../../lib/config.js';
import { AppError, ConflictError } from '../../../lib/errors.js';
import type { Logger } from '../../../lib/logger.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { SalesTeamsRepository } from '../../sales-teams/sales-teams.repository.js';
import { SCHEDULER_ACTOR, todayIn, type RunsService } from '../runs/runs.service.js';

export interface RunSchedulerDeps {
  settings: NonNullable<AppConfig['runSchedule']>;
  businessTimezone: string;
  runs: Pick<RunsService, 'create'>;
  salesTeams: SalesTeamsRepository;
  audit: AuditService;
  logger: Logger;
}

export type ScheduleOutcome =
  { status: 'created'; runId: string } | { status: 'exists' } | { status: 'skipped'; reason: string };

export function createRunScheduler(deps: RunSchedulerDeps) {
  const { settings, logger } = deps;
  let task: ScheduledTask | undefined;

  /** One tick, as of `now`: what the cron job does (exposed so it can be tested and run by hand). */
  async function fire(now = new Date()): Promise<ScheduleOutcome> {
    const pdate = todayIn(deps.businessTimezone, now);
    const folder = settings.folderTemplate.replaceAll('{pdate}', pdate);
    const scheduleKey = `schedule:${pdate}:${folder}`;
    try {
      let salesTeamId: number | null = null;
      if (settings.teamName) {
        const team = await deps.salesTeams.findByName(settings.teamName);
        if (!team)
          throw new AppError(422, 'unknown_team', `RUN_SCHEDULE_TEAM "${settings.teamName}" is not a sales team`);
        salesTeamId = team.id;
      }
      const run = await deps.runs.create(
        { pdate, folder, irr_target: settings.irrTarget, sales_team_id: salesTeamId },
        SCHEDULER_ACTOR,
        'schedule',
        scheduleKey,
      );
      logger.info({ runId: run.runId, pdate, folder }, 'scheduled run queued');
      return { status: 'created', runId: run.runId };
    } catch (error) {
      if (error instanceof ConflictError) return { status: 'exists' };
      if (!(error instanceof AppError)) throw error;
      logger.warn({ pdate, folder, reason: error.message }, 'scheduled run skipped');
      await deps.audit.record({
        actorId: null,
        actorUsername: SCHEDULER_ACTOR.username,
        action: 'run.schedule_skipped',
        target: `schedule:${pdate}:${folder}`,
        detail: { reason: error.message },
      });
      return { status: 'skipped', reason: error.message };
    }
  }

  return {
    fire,
    start() {
      task = schedule(
        settings.cron,
        async () => {
          await fire().catch((error: unknown) => logger.error({ err: error }, 'scheduled run failed to start'));
        },
        { timezone: deps.businessTimezone, noOverlap: true, name: 'loan-engine-runs' },
      );
      logger.info(
        { cron: settings.cron, timezone: deps.businessTimezone, folder: settings.folderTemplate },
        'run schedule active',
      );
    },
    async stop() {
      await task?.stop();
    },
  };
}

export type RunScheduler = ReturnType<typeof createRunScheduler>;
