import type { AppContext } from '../../../app.js';
import { createAuditService } from '../../audit/audit.service.js';
import { salesTeamsRepository } from '../../sales-teams/sales-teams.repository.js';
import { runsRepository } from '../runs/runs.repository.js';
import { createRunsService } from '../runs/runs.service.js';
import { createRunScheduler, type RunScheduler } from './run-scheduler.js';

/** The scheduler wired to this process, or null when RUN_SCHEDULE is not configured. */
export function runSchedulerFor(context: AppContext): RunScheduler | null {
  const { config, db } = context;
  if (!config.runSchedule) return null;
  const audit = createAuditService(context);
  const salesTeams = salesTeamsRepository(db.prisma);
  return createRunScheduler({
    settings: config.runSchedule,
    businessTimezone: config.businessTimezone,
    runs: createRunsService({
      runs: runsRepository(db.prisma),
      salesTeams,
      storage: context.storage,
      audit,
      businessTimezone: config.businessTimezone,
      notifyWorker: () => context.runWorker?.notify(),
    }),
    salesTeams,
    audit,
    logger: context.logger,
  });
}
