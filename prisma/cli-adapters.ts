// Driver adapters for the Prisma CLI (migrate deploy / diff / dev) in engine-free mode.
// Two upstream bugs are worked around here, and only here (the app's own clients do not need it):
//  1. prisma/prisma#27403 — the WebAssembly schema engine cannot deserialize PostgreSQL columns of
//     type `name` (oid 19) and `"char"` (oid 18) that catalog queries return. We re-type those
//     fields as `text` (oid 25) in pg's result descriptions, in this CLI process only.
//  2. PrismaPg.connectToShadowDb spreads `{...config, database}` over a config that holds a
//     connectionString (which wins over `database`), so the "shadow" pool hits the main database,
//     and it drops the shadow database before closing its pool. We pass discrete connection fields
//     and close the shadow pool before DROP DATABASE.
// scripts/db-check.mjs exercises both paths, so it fails if either workaround stops working.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

let resultPatched = false;
function retypeCatalogColumnsAsText(): void {
  if (resultPatched) return;
  resultPatched = true;
  type FieldDescription = { dataTypeID: number };
  const proto = (pg as unknown as { Result: { prototype: { addFields(fields: FieldDescription[]): void } } }).Result
    .prototype;
  const addFields = proto.addFields;
  proto.addFields = function patched(this: unknown, fields: FieldDescription[]) {
    for (const field of fields) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
    return addFields.call(this, fields);
  };
}

function discreteConfig(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    // Idle connections must not keep the CLI process alive once its command is done.
    allowExitOnIdle: true,
  };
}

class CliPrismaPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connectToShadowDb() {
    const main = new pg.Pool(this.poolConfig);
    const database = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
    await main.query(`CREATE DATABASE "${database}"`);
    const shadowFactory = new PrismaPg({ ...this.poolConfig, database });
    const shadow = await shadowFactory.connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.query(`DROP DATABASE IF EXISTS "${database}"`);
      await main.end();
    };
    return shadow;
  }
}

export function cliAdapterFor(provider: 'sqlite' | 'postgresql', url: string) {
  if (provider === 'sqlite') {
    mkdirSync(dirname(url.slice('file:'.length)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  }
  retypeCatalogColumnsAsText();
  return new CliPrismaPg(discreteConfig(url));
}
