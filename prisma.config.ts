// Prisma CLI configuration: engine-free (WebAssembly schema engine through a driver adapter),
// provider chosen from DATABASE_URL — see guides in the README ("Data layer").
import { defineConfig } from 'prisma/config';
import { resolveDatabaseUrl } from './scripts/lib/database-url.mjs';
import { cliAdapterFor } from './prisma/cli-adapters';

const { provider, url } = resolveDatabaseUrl();
const folder = provider === 'sqlite' ? 'prisma/sqlite' : 'prisma';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: `${folder}/schema.prisma`,
  migrations: { path: `${folder}/migrations` },
  adapter: async () => cliAdapterFor(provider, url),
});
