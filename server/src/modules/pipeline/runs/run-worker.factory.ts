import type { AppContext } from '../../../app.js';
import { createAuditService } from '../../audit/audit.service.js';
import { loansRepository } from '../loans/loans.repository.js';
import { rulebooksRepository } from '../rulebook/rulebooks.repository.js';
import { createRulebookService } from '../rulebook/rulebook.service.js';
import { runFilesRepository } from './run-files.repository.js';
import { createRunWorker, type RunWorker, type RunWorkerOptions } from './run-worker.js';
import { runsRepository } from './runs.repository.js';
import type { RunExecutorDeps } from './run-executor.js';

/** What executing a run needs, wired to this process's database, storage and logger. */
export function runExecutorDepsFor(context: Omit<AppContext, 'runWorker'>): RunExecutorDeps {
  const { db } = context;
  return {
    storage: context.storage,
    logger: context.logger,
    runs: runsRepository(db.prisma),
    loans: loansRepository(db),
    runFiles: runFilesRepository(db.prisma),
    rulebooks: createRulebookService({ rulebooks: rulebooksRepository(db.prisma), audit: createAuditService(context) }),
  };
}

/** The run worker wired to this process. */
export function runWorkerFor(context: Omit<AppContext, 'runWorker'>, options?: RunWorkerOptions): RunWorker {
  return createRunWorker({ ...runExecutorDepsFor(context), tryRunLock: context.db.tryRunLock }, options);
}
