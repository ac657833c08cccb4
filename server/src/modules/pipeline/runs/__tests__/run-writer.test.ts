import { describe, expect, it } from 'vitest';
import type { LoansRepository } from '../../loans/loans.repository.js';
import type { SummaryDecision } from '../../engine/summary.js';
import { RunWriter } from '../run-writer.js';

function decision(n: number): SummaryDecision {
  const key = `L${n}`;
  return {
    key,
    disposition: 'reject',
    failedRuleIds: ['CR001'],
    loan: { rowNumber: n, sourceFile: 'tape.csv', fields: { seller_loan_number: key }, extras: {}, problems: [] },
    exceptions: [
      {
        seller_loan_number: key,
        exception_type: 'CR001',
        exception_category: 'credit',
        severity: 'error',
        message: 'fico',
        rejection_criteria: 'FICO',
      },
    ],
  };
}

/** A repository whose inserts wait until the test releases them, recording what landed. */
function slowRepository() {
  const landed: string[] = [];
  const pending: (() => void)[] = [];
  const repository = {
    insertFacts: (rows: unknown[]) =>
      new Promise<void>((resolve) =>
        pending.push(() => {
          landed.push(`facts:${rows.length}`);
          resolve();
        }),
      ),
    insertExceptions: async (rows: unknown[]) => {
      landed.push(`exceptions:${rows.length}`);
    },
  } as unknown as LoansRepository;
  // Lets queued work reach the repository, then releases every insert waiting there.
  const releaseAll = async () => {
    for (let turn = 0; turn < 5; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      while (pending.length) pending.shift()!();
    }
  };
  return { repository, landed, releaseAll };
}

describe('RunWriter', () => {
  it('when 5,000 loans are added, then one batch goes out while the next one fills', async () => {
    const { repository, landed, releaseAll } = slowRepository();
    const writer = new RunWriter('run-1', repository);
    for (let n = 0; n < 5_000; n += 1) await writer.add(decision(n), {}, null);
    await writer.add(decision(5_000), {}, null); // not blocked by the batch in flight
    expect(landed).toEqual([]);
    await releaseAll();
    const flushing = writer.flush();
    await releaseAll();
    await flushing;
    expect(landed).toEqual(['facts:5000', 'exceptions:5000', 'facts:1', 'exceptions:1']);
    expect(writer.exceptionsWritten).toBe(5_001);
  });

  it('when a run fails with a batch in flight, then abandon waits for it and nothing is written afterwards', async () => {
    const { repository, landed, releaseAll } = slowRepository();
    const writer = new RunWriter('run-2', repository);
    for (let n = 0; n < 5_001; n += 1) await writer.add(decision(n), {}, null);
    let abandoned = false;
    const abandoning = writer.abandon().then(() => (abandoned = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(abandoned).toBe(false); // still waiting for the batch in flight
    await releaseAll();
    await abandoning;
    expect(landed).toEqual(['facts:5000', 'exceptions:5000']);
    await writer.flush();
    await releaseAll();
    expect(landed).toEqual(['facts:5000', 'exceptions:5000']); // the buffered row was dropped, not written
  });
});
