// Browser tests need the built client: build it when client/dist is missing (CI runs no build) or
// older than the client's sources (so a local run never tests a stale bundle).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CHROMIUM_PATH, chromiumAvailable } from './browser.js';

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

export default function setup() {
  if (!chromiumAvailable) {
    if (process.env.CI)
      throw new Error(`CI needs Chromium at ${CHROMIUM_PATH} for the browser tests (apt-get install chromium)`);
    console.warn(`\n!!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium) !!!\n`);
    return;
  }
  const root = join(import.meta.dirname, '..');
  const builtIndex = join(root, 'client/dist/index.html');
  if (existsSync(builtIndex)) {
    const sources = ['client/src', 'client/index.html', 'client/public'].map((path) => join(root, path));
    const newestSource = Math.max(...sources.filter((path) => existsSync(path)).map(newestChange));
    if (newestSource <= statSync(builtIndex).mtimeMs) return;
  }
  const build = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('client build failed; browser tests need client/dist');
}
