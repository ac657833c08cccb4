// Browser tests need the built client: build it once if client/dist is missing (CI runs no build).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup() {
  const root = join(import.meta.dirname, '..');
  if (existsSync(join(root, 'client/dist/index.html'))) return;
  const build = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('client build failed; browser tests need client/dist');
}
