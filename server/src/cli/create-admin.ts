// npm run create-admin — idempotent; password from ADMIN_PASSWORD (refuses defaults in production).
import { createRuntime, exitOnStartupError } from '../lib/runtime.js';
import { runCreateAdmin } from './bootstrap-data.js';

const runtime = await createRuntime().catch(exitOnStartupError);
try {
  await runCreateAdmin(runtime, console.log);
} catch (error) {
  console.error(`create-admin failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await runtime.db.disconnect();
}
