// deploy/Dockerfile: no errors from dockerfile-utils' validator, and the structure issue 6 asks
// for (multi-stage on Node 20, npm ci → build → prune, non-root, EXPOSE 8000, HEALTHCHECK on
// /health, the entrypoint). Also the build context filter: what it keeps out, and that it keeps
// every path the Dockerfile copies.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { readRepoFile, repoRoot } from './helpers.js';

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with continuation lines joined; comments and blank lines dropped. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending: Instruction | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1).trim() : line;
    if (pending) {
      pending.args = `${pending.args} ${body}`.trim();
    } else {
      const [keyword = '', ...rest] = body.split(/\s+/);
      pending = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: index + 1 };
    }
    if (!continued) {
      result.push(pending);
      pending = null;
    }
  });
  if (pending) result.push(pending);
  return result;
}

const dockerfile = readRepoFile('deploy/Dockerfile');
const all = instructions(dockerfile);
const stages = all.reduce<Instruction[][]>((list, instruction) => {
  if (instruction.keyword === 'FROM') list.push([]);
  list.at(-1)?.push(instruction);
  return list;
}, []);
const finalStage = stages.at(-1) ?? [];
const argsOf = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('deploy/Dockerfile', () => {
  it('has no errors from dockerfile-utils', () => {
    const problems = validate(dockerfile).filter((d) => d.severity === 1);
    const report = problems.map((d) => `line ${d.range.start.line + 1}: ${d.message}`).join('\n');
    expect(problems, report).toEqual([]);
  });

  it('is multi-stage on official Node 20 images', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const from of all.filter((i) => i.keyword === 'FROM')) expect(from.args).toMatch(/^node:20[.\w-]*(\s|$)/);
    expect(argsOf(stages[0]!, 'FROM')[0]).toMatch(/\sAS\s+build$/i);
  });

  it('installs the exact lockfile, builds client and server, and prunes dev dependencies', () => {
    const run = argsOf(stages[0]!, 'RUN').join('\n');
    expect(run).toMatch(/npm ci\b/);
    expect(run).toMatch(/npm run build\b/);
    expect(run).toMatch(/npm prune --omit=dev\b/);
    expect(run.indexOf('npm ci')).toBeLessThan(run.indexOf('npm run build'));
    expect(run.indexOf('npm run build')).toBeLessThan(run.indexOf('npm prune'));
    // better-sqlite3 compiles with node-gyp in the build stage.
    expect(run).toMatch(/python3.*make.*g\+\+/);
  });

  it('runs as a non-root user, exposes 8000, checks /health and starts through the entrypoint', () => {
    const user = argsOf(finalStage, 'USER').at(-1);
    expect(user, 'USER in the final stage').toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(argsOf(finalStage, 'EXPOSE')).toContain('8000');
    const healthcheck = argsOf(finalStage, 'HEALTHCHECK').join(' ');
    expect(healthcheck).toMatch(/CMD/);
    expect(healthcheck).toMatch(/\/health\b/);
    expect(argsOf(finalStage, 'ENTRYPOINT').join(' ')).toContain('deploy/entrypoint.sh');
    expect(argsOf(finalStage, 'COPY').join('\n')).toMatch(/deploy\/entrypoint\.sh/);
  });

  it('copies only paths that exist in the repository and are not excluded from the build context', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'));
    const copies = all.filter((i) => i.keyword === 'COPY' && !/--from=/.test(i.args));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const sources = copy.args
        .split(/\s+/)
        .filter((part) => !part.startsWith('--'))
        .slice(0, -1);
      for (const source of sources) {
        const path = source.replace(/\/$/, '');
        expect(existsSync(join(repoRoot, path)), `COPY ${source} (line ${copy.line})`).toBe(true);
        const top = path.split('/')[0]!;
        expect(ignored, `COPY ${source} is excluded by .dockerignore`).not.toContain(top);
        expect(ignored).not.toContain(path);
      }
    }
  });
});

describe('.dockerignore', () => {
  it('exists at the context root (what `docker build -f deploy/Dockerfile .` reads) and in deploy/, identical', () => {
    expect(readRepoFile('deploy/.dockerignore')).toBe(readRepoFile('.dockerignore'));
  });

  it('keeps dependencies, build output, local data and secrets out of the image', () => {
    const lines = readRepoFile('.dockerignore').split('\n');
    for (const entry of ['node_modules', '**/node_modules', 'dist', 'data', 'storage', '.env', '.git', 'coverage']) {
      expect(lines, entry).toContain(entry);
    }
  });
});
