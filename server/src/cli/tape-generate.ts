// npm run tape:generate -- --loans N --pdate YYYY-MM-DD --out file.csv [--seed 42] [--bad-rows 5] [--format csv|xlsx]
// Writes a synthetic LendingClub-style loan tape (see engine/tape-generator.ts) for tests, demos and
// the benchmark. Relative --out paths are resolved against the directory npm runs the script in.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGeneratedTape } from '../modules/pipeline/engine/tape-generator.js';
import { parseDate } from '../modules/pipeline/engine/values.js';

const USAGE =
  'usage: npm run tape:generate -- --loans N --pdate YYYY-MM-DD --out file.csv [--seed 42] [--bad-rows 5] [--format csv|xlsx]';

function wholeNumber(name: string, text: string | undefined, fallback?: number): number {
  if (text === undefined && fallback !== undefined) return fallback;
  if (text === undefined || !/^\d+$/.test(text))
    throw new Error(`--${name} must be a whole number (got ${text ?? 'nothing'})`);
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      loans: { type: 'string' },
      pdate: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      'bad-rows': { type: 'string' },
      format: { type: 'string' },
    },
  });
  const loans = wholeNumber('loans', values.loans);
  const pdate = parseDate(values.pdate ?? '');
  if (!values.pdate || !/^\d{4}-\d{2}-\d{2}$/.test(values.pdate) || pdate.status !== 'ok') {
    throw new Error(`--pdate must be a real date YYYY-MM-DD (got ${values.pdate ?? 'nothing'})`);
  }
  if (!values.out) throw new Error('--out is required');
  const format = values.format ?? (values.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx') throw new Error(`--format must be csv or xlsx (got ${format})`);
  const seed = wholeNumber('seed', values.seed, 42);
  const badRows = wholeNumber('bad-rows', values['bad-rows'], 0);

  const path = resolve(values.out);
  const started = performance.now();
  const out = createWriteStream(path);
  await writeGeneratedTape(out, { loans, pdate: values.pdate, seed, badRows, format });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`wrote ${loans} loans (${badRows} bad rows, seed ${seed}) to ${path} as ${format} in ${seconds} s`);
}

main().catch((error: unknown) => {
  console.error(`tape:generate failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exitCode = 1;
});
