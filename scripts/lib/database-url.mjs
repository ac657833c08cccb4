// How the CLI scripts find the database: the same rule the server's config uses.
// No DATABASE_URL → the embedded SQLite file under ./data. Relative `file:` paths are resolved
// against the project root, so `npm run -w server ...` and root scripts agree on one file.
import { isAbsolute, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DATABASE_URL = 'file:./data/loan-engine.db';

export function resolveDatabaseUrl(raw = process.env.DATABASE_URL) {
  const url = raw && raw.trim() !== '' ? raw.trim() : DEFAULT_DATABASE_URL;
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    return { provider: 'sqlite', url: `file:${isAbsolute(path) ? path : join(projectRoot, path)}` };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url };
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(':')[0]}:…"`,
  );
}

export function sqliteFilePath(url) {
  return url.slice('file:'.length);
}
