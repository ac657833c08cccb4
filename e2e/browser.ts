// Real Chromium (Debian's package) driven by playwright-core — no browser download. Each test
// starts the real API (with the built client) on a free port over a fresh SQLite database.
import { mkdtempSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runPrisma } from '../scripts/lib/prisma-cli.mjs';
import { createRuntime } from '../server/src/lib/runtime.js';
import { startServer, type RunningServer } from '../server/src/server.js';
import { runCreateAdmin, runSeed } from '../server/src/cli/bootstrap-data.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  // playwright's launch() gives every browser a fresh, empty profile directory of its own.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

let template: string | undefined;

export interface E2eServer {
  url: string;
  stop(): Promise<void>;
}

/** The real server (seeded, admin/changeme) with the built client, on a free port. */
export async function startE2eServer(): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'le-e2e-'));
  if (!template) {
    template = join(mkdtempSync(join(tmpdir(), 'le-e2e-template-')), 'template.db');
    runPrisma(['migrate', 'deploy'], { databaseUrl: `file:${template}`, capture: true });
  }
  copyFileSync(template, join(dir, 'app.db'));
  const runtime = await createRuntime({
    ENVIRONMENT: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: `file:${join(dir, 'app.db')}`,
    LOCAL_STORAGE_PATH: join(dir, 'storage'),
    SECRET_KEY: 'e2e-secret-key-0123456789-0123456789-abcdef',
    HOST: '127.0.0.1',
  });
  await runSeed(runtime, () => undefined);
  await runCreateAdmin(runtime, () => undefined);
  const running: RunningServer = await startServer(runtime, 0);
  return {
    url: `http://127.0.0.1:${running.port}`,
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
