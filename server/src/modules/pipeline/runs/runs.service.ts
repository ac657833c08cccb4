// Starting and reading runs. Creating a run validates everything that can be checked at once
// (date, IRR target, a safe input folder that holds a tape, the team) and queues the run; the
// worker executes it. Sales-team users only ever see their own team's runs: another team's run is
// answered as not found, so its existence is not revealed.
import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '../../../lib/errors.js';
import { checkStoragePath } from '../../../lib/storage/safe-path.js';
import type { StorageBackend } from '../../../lib/storage/storage.types.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { AuthUser } from '../../auth/auth.types.js';
import { teamScope } from '../../auth/permissions.js';
import type { SalesTeamsRepository } from '../../sales-teams/sales-teams.repository.js';
import { isTapeFileName } from './tape-files.js';
import type { RunRecord, RunsRepository } from './runs.repository.js';
import type { CreateRunInput } from './runs.schemas.js';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Monday = 0 … Sunday = 6, as the original contract's run_weekday. */
export function weekdayOf(isoDate: string): number {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Today's date in the desk's business time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface RunsServiceDeps {
  runs: RunsRepository;
  salesTeams: SalesTeamsRepository;
  storage: StorageBackend;
  audit: AuditService;
  businessTimezone: string;
  /** Tells the worker there is work (it also polls). */
  notifyWorker?: () => void;
  clock?: () => Date;
}

/** Who starts a run: a signed-in user, or the scheduler (no user id). */
export interface RunActor {
  id: number | null;
  username: string;
}

export const SCHEDULER_ACTOR: RunActor = { id: null, username: 'scheduler' };

export function createRunsService(deps: RunsServiceDeps) {
  const { runs, salesTeams, storage, audit } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function assertTapeFolder(rawFolder: string): Promise<string> {
    const check = checkStoragePath(rawFolder);
    if (!check.ok)
      throw ValidationError.single(['body', 'folder'], `folder is not a safe path inside inputs: ${check.reason}`);
    const folder = check.path;
    if (folder !== '') {
      const entry = await storage.stat('inputs', folder);
      if (!entry || !entry.is_dir)
        throw ValidationError.single(['body', 'folder'], `folder "${folder}" does not exist in inputs`);
    }
    const entries = await storage.list('inputs', folder);
    if (!entries.some((entry) => !entry.is_dir && isTapeFileName(entry.name))) {
      throw ValidationError.single(
        ['body', 'folder'],
        `folder "${folder || '/'}" holds no tape file (.csv or .xlsx); upload one first`,
      );
    }
    return folder;
  }

  return {
    /** `scheduleKey` (scheduled runs only) is unique: a second create with the same key is a ConflictError. */
    async create(
      input: CreateRunInput,
      actor: RunActor,
      trigger: 'api' | 'schedule' = 'api',
      scheduleKey?: string,
    ): Promise<RunRecord> {
      const pdate = input.pdate ?? todayIn(deps.businessTimezone, clock());
      const folder = await assertTapeFolder(input.folder);
      const salesTeamId = input.sales_team_id ?? null;
      if (salesTeamId !== null && !(await salesTeams.findById(salesTeamId))) {
        throw ValidationError.single(['body', 'sales_team_id'], `sales team ${salesTeamId} does not exist`);
      }
      const weekday = weekdayOf(pdate);
      const run = await runs.create({
        runId: randomUUID(),
        salesTeamId,
        pdate,
        runWeekday: weekday,
        runWeekdayName: WEEKDAY_NAMES[weekday]!,
        irrTarget: input.irr_target,
        folder,
        createdById: actor.id,
        trigger,
        scheduleKey: scheduleKey ?? null,
      });
      await audit.record({
        actorId: actor.id,
        actorUsername: actor.username,
        action: 'run.create',
        target: `run:${run.runId}`,
        detail: { pdate, folder, irr_target: input.irr_target, sales_team_id: salesTeamId, trigger },
      });
      deps.notifyWorker?.();
      return run;
    },

    async get(runId: string, user: AuthUser): Promise<RunRecord> {
      const run = await runs.findByRunId(runId, teamScope(user));
      if (!run) throw new NotFoundError(`Run ${runId} not found`);
      return run;
    },

    list(filter: { status?: string; runWeekday?: number; skip: number; limit: number }, user: AuthUser) {
      return runs.list(filter, teamScope(user));
    },

    async summary(runId: string, user: AuthUser) {
      const found = await runs.summaryOf(runId, teamScope(user));
      if (!found) throw new NotFoundError(`Run ${runId} not found`);
      return found;
    },
  };
}

export type RunsService = ReturnType<typeof createRunsService>;
