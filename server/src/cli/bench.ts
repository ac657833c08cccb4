// npm run bench — runs synthetic tapes end to end through the real run executor (ingest → archive,
// with bulk writes and report files) on SQLite and on PostgreSQL, and prints per-phase times,
// loans/s and peak memory. Each case runs in its own child process so memory figures are its own.
//   npm run bench                      # 10,000 and 100,000 loans on SQLite and PostgreSQL
//   npm run bench -- --sizes 100000 --providers sqlite
// PostgreSQL comes from TEST_DATABASE_URL (an admin URL), default postgres@127.0.0.1:5432.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { runPrisma } from '../../../scripts/lib/prisma-cli.mjs';
import { createThrowawayDatabase, DEFAULT_PG_ADMIN_URL } from '../../../scripts/lib/pg-admin.mjs';
import { loadConfig, type DatabaseProvider } from '../lib/config.js';
import { connectDatabase } from '../lib/db.js';
import { createLogger } from '../lib/logger.js';
import { createStorage } from '../lib/storage/storage.js';
import { writeGeneratedTape } from '../modules/pipeline/engine/tape-generator.js';
import { runExecutorDepsFor } from '../modules/pipeline/runs/run-worker.factory.js';
import { executeRun } from '../modules/pipeline/runs/run-executor.js';

const PDATE = '2026-12-04';

interface CaseResult {
  provider: DatabaseProvider;
  loans: number;
  totalMs: number;
  timings: Record<string, number>;
  peakRssMb: number;
  status: string;
}

async function runCase(provider: DatabaseProvider, loans: number): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'le-bench-'));
  let dropDatabase = async () => undefined as void;
  try {
    let url = `file:${join(dir, 'bench.db')}`;
    if (provider === 'postgresql') {
      const database = await createThrowawayDatabase(process.env.TEST_DATABASE_URL || DEFAULT_PG_ADMIN_URL, 'le_bench');
      url = database.url;
      dropDatabase = database.drop;
    }
    runPrisma(['migrate', 'deploy'], { databaseUrl: url, capture: true });
    const config = loadConfig({
      ENVIRONMENT: 'test',
      DATABASE_URL: url,
      LOCAL_STORAGE_PATH: join(dir, 'storage'),
      SECRET_KEY: 'bench'.repeat(8),
    });
    const db = await connectDatabase(config.database);
    const storage = createStorage(config);
    const logger = createLogger('silent');
    mkdirSync(join(dir, 'storage', 'inputs', 'bench'), { recursive: true });
    const out = createWriteStream(join(dir, 'storage', 'inputs', 'bench', 'tape.csv'));
    await writeGeneratedTape(out, { loans, pdate: PDATE, seed: 7, badRows: 5, format: 'csv' });
    if (!out.closed) await once(out, 'close');

    const deps = runExecutorDepsFor({ config, db, logger, storage });
    await deps.rulebooks.ensureDefault();
    await deps.runs.create({
      runId: crypto.randomUUID(),
      salesTeamId: null,
      pdate: PDATE,
      runWeekday: 4,
      runWeekdayName: 'Friday',
      irrTarget: 8.05,
      folder: 'bench',
      createdById: null,
      trigger: 'api',
    });
    const run = await deps.runs.claimNextPending('bench');
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const started = performance.now();
    const result = await executeRun(run!, deps);
    const totalMs = performance.now() - started;
    clearInterval(sampler);
    await db.disconnect();
    return { provider, loans, totalMs, timings: result.timings, peakRssMb: peak / 2 ** 20, status: result.status };
  } finally {
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, providers: { type: 'string' }, case: { type: 'string' } },
});

if (values.case) {
  const [provider, loans] = values.case.split(':') as [DatabaseProvider, string];
  const result = await runCase(provider, Number(loans));
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} else {
  const sizes = (values.sizes ?? '10000,100000').split(',').map(Number);
  const providers = (values.providers ?? 'sqlite,postgresql').split(',') as DatabaseProvider[];
  const self = fileURLToPath(import.meta.url);
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  console.log(`Loan Engine benchmark — end-to-end runs (ingest → archive), pdate ${PDATE}, default rulebook\n`);
  // ingest and eligibility run streamed together, so the ingest column holds both.
  const phases = ['ingest', 'concentration', 'pricing', 'outputs', 'archive'];
  console.log(
    [
      'provider',
      'loans',
      ...phases.map((p) => (p === 'ingest' ? 'ingest+eligibility s' : `${p} s`)),
      'total s',
      'loans/s',
      'peak RSS MB',
      'status',
    ].join(' | '),
  );
  for (const provider of providers) {
    for (const loans of sizes) {
      const child = spawnSync(process.execPath, [tsxCli, self, '--case', `${provider}:${loans}`], {
        encoding: 'utf8',
        env: process.env,
      });
      const line = child.stdout.split('\n').find((text) => text.startsWith('RESULT '));
      if (!line) {
        console.log(
          `${provider} | ${loans} | failed: ${(child.stderr || child.stdout).split('\n').slice(-5).join(' ')}`,
        );
        continue;
      }
      const result = JSON.parse(line.slice('RESULT '.length)) as CaseResult;
      const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(2);
      console.log(
        [
          provider,
          loans,
          ...phases.map((phase) => seconds(result.timings[phase])),
          seconds(result.totalMs),
          Math.round(loans / (result.totalMs / 1000)),
          result.peakRssMb.toFixed(0),
          result.status,
        ].join(' | '),
      );
    }
  }
}
