#!/usr/bin/env node
// `npm start`: the whole app from a fresh clone, no Docker and no .env needed.
//  1. builds the browser app if client/dist is missing,
//  2. migrates the database (embedded SQLite under ./data unless DATABASE_URL says otherwise),
//  3. starts the server with --bootstrap (seeds sales teams, creates the admin), on PORT (8000).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { projectRoot } from './lib/database-url.mjs';
import { migrateDatabase } from './db-migrate.mjs';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function loadDotEnv() {
  const file = join(projectRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

loadDotEnv();

if (!existsSync(join(projectRoot, 'client/dist/index.html'))) {
  console.log('npm start: building the browser app (first start only)…');
  const build = spawnSync(npm, ['run', 'build', '-w', 'client'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) fail('the client build failed (see above)');
}

try {
  migrateDatabase();
} catch (error) {
  fail(`database migration failed: ${error.message}`);
}

const tsx = require.resolve('tsx/cli', { paths: [projectRoot] });
const server = spawn(process.execPath, [tsx, join(projectRoot, 'server/src/index.ts'), '--bootstrap'], {
  cwd: projectRoot,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
