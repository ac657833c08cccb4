// Shell scripts: shellcheck passes every one of them (the entrypoint, the compose helper, the CI
// scripts), and the entrypoint keeps the properties the container relies on.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandWorks, outputOf, readRepoFile, repoFiles, repoRoot, requireTool, run } from './helpers.js';

const SHEBANG = /^#!\s*(\/usr\/bin\/env\s+(ba)?sh|\/bin\/(ba)?sh)\b/;

/** *.sh files, and extension-less scripts with a sh/bash shebang (like .ci/run). */
const scripts = repoFiles((path) => {
  if (path.endsWith('.sh')) return true;
  if (/\.[a-z0-9]+$/i.test(path.split('/').pop() ?? '')) return false;
  return SHEBANG.test(readRepoFile(path).slice(0, 100));
});

const shellcheck = commandWorks('shellcheck', ['--version']);

describe('shell scripts', () => {
  it('include the container entrypoint and the CI scripts', () => {
    expect(scripts).toEqual(expect.arrayContaining(['deploy/entrypoint.sh', 'deploy/client-dev.sh', '.ci/run']));
  });

  it('pass shellcheck', (ctx) => {
    requireTool(ctx, shellcheck, 'shellcheck is not installed (apt-get install -y shellcheck)');
    const result = run('shellcheck', ['--format=gcc', ...scripts]);
    expect(result.status, outputOf(result)).toBe(0);
  });

  it('are executable', () => {
    for (const script of scripts) {
      expect(statSync(join(repoRoot, script)).mode & 0o111, `${script} is not executable`).not.toBe(0);
    }
  });

  it('entrypoint: strict mode, migrate → seed → admin → exec server', () => {
    const text = readRepoFile('deploy/entrypoint.sh');
    expect(text).toMatch(/^set -euo pipefail$/m);
    const order = [
      /step 1 .*node scripts\/db-migrate\.mjs/,
      /step 2 .*cli\/seed/,
      /step 3 .*cli\/create-admin/,
      /^exec_server /m,
    ].map((pattern) => text.search(pattern));
    expect(
      order.every((index) => index >= 0),
      `steps found at ${order.join(', ')}`,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/exec node server\/dist\/index\.js/);
  });
});
