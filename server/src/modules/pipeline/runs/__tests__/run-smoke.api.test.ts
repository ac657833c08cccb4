import { mkdirSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import request from 'supertest';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.js';
import { useTestApp } from '../../../../../test/test-app.js';
import { createUserAndToken } from '../../../../../test/auth-helpers.js';
import { writeGeneratedTape } from '../../engine/tape-generator.js';

describeEachDatabase('pipeline smoke', (provider) => {
  const ctx = useTestApp(provider, {}, { worker: true });

  it('when a generated tape is run, then it completes with facts, exceptions and outputs', async () => {
    const analyst = await createUserAndToken(ctx, { role: 'analyst', salesTeamName: 'Team Alpha' });
    const folder = join(ctx.storageRoot, 'inputs', 'day1');
    mkdirSync(folder, { recursive: true });
    const out = createWriteStream(join(folder, 'tape.csv'));
    await writeGeneratedTape(out, { loans: 500, pdate: '2026-12-04', seed: 3, badRows: 4, format: 'csv' });
    if (!out.closed) await once(out, 'close');
    const created = await request(ctx.app)
      .post('/api/pipeline/run')
      .set(analyst.auth)
      .send({ pdate: '2026-12-04', folder: 'day1', sales_team_id: analyst.user.salesTeamId });
    expect(created.status).toBe(202);
    await ctx.runWorker!.idle();
    const run = await request(ctx.app).get(`/api/runs/${created.body.run_id}`).set(analyst.auth);
    expect(run.body).toMatchObject({ status: 'completed', total_loans: 500, last_phase: 'done' });
    const summary = await request(ctx.app).get(`/api/summary/${created.body.run_id}`).set(analyst.auth);
    expect(summary.body.summary_available).toBe(true);
    const outputs = await request(ctx.app).get(`/api/runs/${created.body.run_id}/notebook-outputs`).set(analyst.auth);
    expect(outputs.body.map((file: { output_key: string }) => file.output_key)).toContain('purchase_file_xlsx');
    const loans = await request(ctx.app)
      .get(`/api/loans?run_id=${created.body.run_id}&disposition=purchase&limit=5`)
      .set(analyst.auth);
    expect(loans.body[0].price_pct).toBeGreaterThan(0);
  });
});
