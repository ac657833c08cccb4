// Shared helpers for the offline infrastructure checks: where the repository is, which files to
// look at, and how a missing tool is reported (a failure in CI, a loud skip on a workstation).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const inCI = Boolean(process.env.CI) && !['false', '0'].includes(String(process.env.CI).toLowerCase());

const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'data',
  'storage',
  'coverage',
  'generated',
  '.terraform',
]);

/** Repository files (relative paths, `/`-separated) accepted by `keep`, outside dependencies and build output. */
export function repoFiles(keep: (path: string) => boolean, dir = repoRoot): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...repoFiles(keep, full));
    } else if (entry.isFile()) {
      const path = relative(repoRoot, full).split('\\').join('/');
      if (keep(path)) found.push(path);
    }
  }
  return found.sort();
}

export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

export function run(command: string, args: string[], options: { cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: options.cwd ?? repoRoot, encoding: 'utf8', timeout: 60_000 });
}

/** True when `command args` starts and exits 0 (used to probe for tools). */
export function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: 'pipe', timeout: 20_000 });
  return !result.error && result.status === 0;
}

/**
 * A check whose tool is missing: fails in CI (the tool is part of the contract there), and
 * otherwise skips with a visible banner instead of passing silently.
 */
export function requireTool(ctx: TestContext, available: boolean, message: string, options = { failInCI: true }): void {
  if (available) return;
  if (inCI && options.failInCI) throw new Error(`CI requires this check to run: ${message}`);
  const line = `SKIPPED: ${message}`;
  console.warn(`\n${'!'.repeat(line.length + 4)}\n! ${line} !\n${'!'.repeat(line.length + 4)}\n`);
  ctx.skip(message);
}

/** Formats tool output for an assertion message. */
export function outputOf(result: SpawnSyncReturns<string>): string {
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
}
