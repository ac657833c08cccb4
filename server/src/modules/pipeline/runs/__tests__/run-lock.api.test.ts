import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../../../lib/db.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../../../../../test/databases.js';

describe.skipIf(!postgresAvailable())('the cluster-wide run lock [postgresql]', () => {
  let database: TestDatabase;
  let instanceA: Database;
  let instanceB: Database;

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    instanceA = await connectDatabase({ provider: 'postgresql', url: database.url });
    instanceB = await connectDatabase({ provider: 'postgresql', url: database.url });
  });

  afterAll(async () => {
    await instanceA?.disconnect();
    await instanceB?.disconnect();
    await database?.drop();
  });

  it('when one instance holds the run lock, then another cannot take it until it is released', async () => {
    const held = await instanceA.tryRunLock();
    expect(held).not.toBeNull();
    expect(await instanceB.tryRunLock()).toBeNull();
    await held!.release();
    const next = await instanceB.tryRunLock();
    expect(next).not.toBeNull();
    expect(await instanceA.tryRunLock()).toBeNull();
    await next!.release();
  });
});

describe('the run lock on SQLite', () => {
  it('when the database is one SQLite file, then the lock is always granted (one process serves it)', async () => {
    const database = await createTestDatabase('sqlite');
    const db = await connectDatabase({ provider: 'sqlite', url: database.url });
    try {
      const first = await db.tryRunLock();
      const second = await db.tryRunLock();
      expect(first).not.toBeNull();
      expect(second).not.toBeNull();
      await first!.release();
      await second!.release();
    } finally {
      await db.disconnect();
      await database.drop();
    }
  });
});
