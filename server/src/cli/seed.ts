// npm run db:seed — idempotent reference data (sales teams).
import { createRuntime, exitOnStartupError } from '../lib/runtime.js';
import { runSeed } from './bootstrap-data.js';

const runtime = await createRuntime().catch(exitOnStartupError);
try {
  await runSeed(runtime, console.log);
} catch (error) {
  console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await runtime.db.disconnect();
}
