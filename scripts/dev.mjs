#!/usr/bin/env node
// `npm run dev`: the docker-compose stack without Docker — the API with reload (tsx watch) and the
// Vite dev server, side by side, output prefixed [api] / [web].
//  1. applies pending migrations to the database DATABASE_URL names (embedded SQLite by default),
//  2. starts the API with --bootstrap (seeds sales teams, creates the admin user) on PORT (8000),
//  3. starts Vite on :5173, proxying /api to that port.
// Ctrl+C stops both; if either exits, the other is stopped and this exits with its status.
import { createInterface } from 'node:readline';
import { loadDotEnv, startNpmGroup } from './lib/dev-tools.mjs';
import { migrateDatabase } from './db-migrate.mjs';

const FORCE_KILL_AFTER_MS = 10_000;
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const say = (line) => console.log(`${paint(1, '[dev]')} ${line}`);

loadDotEnv();
try {
  migrateDatabase();
} catch (error) {
  console.error(`[dev] database migration failed: ${error.message}`);
  process.exit(1);
}

const apiPort = process.env.PORT || '8000';
const services = [
  { name: 'api', code: 36, args: ['run', 'dev', '-w', 'server', '--', '--bootstrap'], env: {} },
  {
    name: 'web',
    code: 35,
    args: ['run', 'dev', '-w', 'client'],
    env: { VITE_API_PROXY_TARGET: process.env.VITE_API_PROXY_TARGET || `http://localhost:${apiPort}` },
  },
];

let stopping = false;
let exitCode = 0;
let running = services.length;
const groups = [];

function signalAll(signal) {
  for (const { signalGroup } of groups) signalGroup(signal);
}

function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  signalAll(signal);
  setTimeout(() => signalAll('SIGKILL'), FORCE_KILL_AFTER_MS).unref();
}

for (const service of services) {
  const group = startNpmGroup(service.args, {
    env: { ...process.env, ...service.env, ...(color ? { FORCE_COLOR: '1' } : {}) },
  });
  const { child } = group;
  const prefix = paint(service.code, `[${service.name}]`);
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => target.write(`${prefix} ${line}\n`));
  }
  let finished = false;
  const finish = (what, code) => {
    if (finished) return;
    finished = true;
    running -= 1;
    group.signalGroup('SIGTERM'); // anything npm left behind in its group
    if (!stopping) {
      say(`${service.name} ${what}; stopping the rest`);
      exitCode = code || 1;
      stopAll('SIGTERM');
    }
    if (running === 0) process.exit(exitCode);
  };
  child.on('error', (error) => finish(`could not start: ${error.message}`, 1));
  child.on('exit', (code, signal) => finish(`exited (${signal ?? `code ${code}`})`, code));
  groups.push(group);
}

say(`API on http://localhost:${apiPort}, browser app on http://localhost:5173 — Ctrl+C stops both`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
process.on('exit', () => signalAll('SIGTERM'));
