// Runs the Prisma CLI (engine-free, through prisma.config.ts) against a given database URL.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { projectRoot } from './database-url.mjs';

const require = createRequire(import.meta.url);
const prismaBin = require.resolve('prisma/build/index.js', { paths: [projectRoot] });

export function runPrisma(args, { databaseUrl, capture = false, allowExitCodes = [0] } = {}) {
  const result = spawnSync(process.execPath, [prismaBin, ...args], {
    cwd: projectRoot,
    env: {
      ...process.env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  if (!allowExitCodes.includes(result.status ?? -1)) {
    const detail = capture ? `\n${result.stdout ?? ''}${result.stderr ?? ''}` : '';
    throw new Error(`prisma ${args.join(' ')} exited with ${result.status}${detail}`);
  }
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}
