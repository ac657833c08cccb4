import { beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { knownTapeCsv, putInput, waitForRuns } from '../../../../../test/pipeline-helpers.js';
import { salesTeamsRepository } from '../../../sales-teams/sales-teams.repository.js';
import { seedSalesTeams } from '../../../sales-teams/sales-teams.service.js';
import { runSchedulerFor } from '../run-scheduler.factory.js';

// 12:00 UTC on Friday 4 December 2026 is 07:00 in New York: the desk's "today" is 2026-12-04.
const FRIDAY_MORNING = new Date('2026-12-04T12:00:00Z');

describeEachDatabase('scheduled runs', (provider) => {
  const ctx = useTestApp(
    provider,
    {
      RUN_SCHEDULE: '0 7 * * 1-5',
      RUN_SCHEDULE_TEAM: 'Team Alpha',
      BUSINESS_TIMEZONE: 'America/New_York',
      RUN_SCHEDULE_FOLDER: 'daily/{pdate}',
    },
    { worker: true },
  );

  beforeAll(async () => {
    await seedSalesTeams(salesTeamsRepository(ctx.db.prisma));
  });

  it('when the schedule fires on a day whose folder holds a tape, then one run starts for the team and completes', async () => {
    putInput(ctx, 'daily/2026-12-04/tape.csv', Buffer.from(knownTapeCsv()));
    const scheduler = runSchedulerFor(ctx)!;
    const first = await scheduler.fire(FRIDAY_MORNING);
    expect(first.status).toBe('created');
    await waitForRuns(ctx);
    const runs = await ctx.db.prisma.pipelineRun.findMany({
      where: { trigger: 'schedule' },
      include: { salesTeam: true },
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      pdate: '2026-12-04',
      folder: 'daily/2026-12-04',
      status: 'completed',
      irrTarget: 8.05,
    });
    expect(runs[0]!.salesTeam?.name).toBe('Team Alpha');
  });

  it('when the schedule fires again for the same day (a second instance), then no second run is made', async () => {
    const [a, b] = await Promise.all([
      runSchedulerFor(ctx)!.fire(FRIDAY_MORNING),
      runSchedulerFor(ctx)!.fire(FRIDAY_MORNING),
    ]);
    expect([a.status, b.status]).toEqual(['exists', 'exists']);
    expect(await ctx.db.prisma.pipelineRun.count({ where: { trigger: 'schedule' } })).toBe(1);
  });

  it("when the day's folder has no tape, then the schedule skips it, says why, and audits the skip", async () => {
    const outcome = await runSchedulerFor(ctx)!.fire(new Date('2026-12-07T12:00:00Z'));
    expect(outcome).toMatchObject({ status: 'skipped' });
    expect(outcome.status === 'skipped' && outcome.reason).toMatch(/daily\/2026-12-07/);
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'run.schedule_skipped' } });
    expect(audit?.target).toBe('schedule:2026-12-07:daily/2026-12-07');
  });

  it('when node-cron ticks, then the scheduler fires by itself', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    putInput(ctx, `cron/${today}/tape.csv`, Buffer.from(knownTapeCsv({ suffix: '-cron' })));
    const everySecond = { ...ctx.config.runSchedule!, cron: '* * * * * *', folderTemplate: 'cron/{pdate}' };
    const scheduler = runSchedulerFor({ ...ctx, config: { ...ctx.config, runSchedule: everySecond } })!;
    scheduler.start();
    try {
      await vi.waitFor(
        async () => expect(await ctx.db.prisma.pipelineRun.count({ where: { trigger: 'schedule' } })).toBe(2),
        {
          timeout: 5_000,
          interval: 100,
        },
      );
    } finally {
      await scheduler.stop();
    }
  });
});
