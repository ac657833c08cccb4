// Helpers for the developer scripts (dev, start-backend, start-frontend, init-db): load the root
// .env like the server does, and run npm scripts the same way on Linux, macOS and Windows.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { projectRoot } from './database-url.mjs';

export { projectRoot };

/** Reads `.env` at the project root when there is one; real environment variables win. */
export function loadDotEnv() {
  const file = join(projectRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * How to start `npm <args>`: through the npm that runs this script when there is one (no shell,
 * works everywhere), else the `npm` on PATH (`npm.cmd` needs a shell on Windows).
 */
export function npmInvocation(args) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.c?js$/.test(npmCli)) return { command: process.execPath, args: [npmCli, ...args], shell: false };
  if (process.platform === 'win32') return { command: 'npm.cmd', args, shell: true };
  return { command: 'npm', args, shell: false };
}

/** Runs `npm <args>` to completion with inherited output; returns its exit status. */
export function runNpm(args, { env = process.env } = {}) {
  const { command, args: argv, shell } = npmInvocation(args);
  const result = spawnSync(command, argv, { cwd: projectRoot, env, stdio: 'inherit', shell });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/**
 * Starts `npm <args>` as the leader of its own process group (POSIX) so that `signalGroup` reaches
 * every process under it: npm runs scripts through `sh -c`, which does not pass signals on, so
 * signalling npm alone can leave tsx or Vite running. On Windows, taskkill /T stops the tree.
 */
export function startNpmGroup(args, { env = process.env, stdio = ['ignore', 'pipe', 'pipe'] } = {}) {
  const { command, args: argv, shell } = npmInvocation(args);
  const posix = process.platform !== 'win32';
  const child = spawn(command, argv, { cwd: projectRoot, env, stdio, shell, detached: posix, windowsHide: true });
  const signalGroup = (signal) => {
    if (child.pid === undefined) return;
    if (!posix) {
      spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
      return;
    }
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the whole group has exited already
    }
  };
  return { child, signalGroup };
}

/**
 * Runs `npm <args>` in the foreground: output goes straight to this terminal, Ctrl+C / SIGTERM stop
 * the whole process group, and this process exits with npm's status.
 */
export function runNpmForeground(args, { env = process.env } = {}) {
  const { child, signalGroup } = startNpmGroup(args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => signalGroup(signal));
  process.on('exit', () => signalGroup('SIGTERM'));
  child.on('error', (error) => {
    console.error(`could not start npm ${args.join(' ')}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  return child;
}
