import type { AppContext } from '../../../app.js';
import { createAuditService } from '../../audit/audit.service.js';
import { loansRepository } from '../loans/loans.repository.js';
import { rulebooksRepository } from '../rulebook/rulebooks.repository.js';
import { createRulebookService } from '../rulebook/rulebook.service.js';
import { runFilesRepository } from './run-files.repository.js';
import { createRunWorker, type RunWorker, type RunWorkerOptions } from './run-worker.js';
import { runsRepository } from './runs.repository.js';

/** The run worker wired to this process's database, storage and logger. */
export function runWorkerFor(context: Omit<AppContext, 'runWorker'>, options?: RunWorkerOptions): RunWorker {
  const { db } = context;
  return createRunWorker(
    {
      storage: context.storage,
      tryRunLock: db.tryRunLock,
      logger: context.logger,
      runs: runsRepository(db.prisma),
      loans: loansRepository(db),
      runFiles: runFilesRepository(db.prisma),
      rulebooks: createRulebookService({
        rulebooks: rulebooksRepository(db.prisma),
        audit: createAuditService(context),
      }),
    },
    options,
  );
}
