// Entry point: `node dist/index.js` (or `tsx src/index.ts`). With `--bootstrap` it first seeds the
// sales teams and ensures the admin user (what `npm start` does after migrating).
import { createRuntime, exitOnStartupError } from './lib/runtime.js';
import { startServer } from './server.js';
import { runCreateAdmin, runSeed } from './cli/bootstrap-data.js';

const runtime = await createRuntime().catch(exitOnStartupError);

if (process.argv.includes('--bootstrap')) {
  try {
    await runSeed(runtime, (line) => runtime.logger.info(line.trim()));
    await runCreateAdmin(runtime, (line) => runtime.logger.info(line.trim()));
  } catch (error) {
    runtime.logger.fatal({ err: error }, 'bootstrap failed');
    process.exit(1);
  }
}

const running = await startServer(runtime).catch((error: unknown) => {
  runtime.logger.fatal({ err: error }, 'could not start the HTTP server');
  process.exit(1);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    runtime.logger.info({ signal }, 'signal received');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        runtime.logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  });
}
process.on('unhandledRejection', (reason) => {
  runtime.logger.error({ err: reason }, 'unhandled promise rejection');
});
