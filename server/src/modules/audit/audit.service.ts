// The audit log: one append-only record per security-relevant action. Writing an audit entry
// must never break the action it records, so failures are logged, not thrown.
import type { AppContext } from '../../app.js';
import type { Logger } from '../../lib/logger.js';
import { auditRepository, type AuditEntryInput, type AuditRepository } from './audit.repository.js';

export interface AuditService {
  record(entry: AuditEntryInput): Promise<void>;
  list: AuditRepository['list'];
}

export function createAuditService(
  context: Pick<AppContext, 'db' | 'logger'>,
  repository: AuditRepository = auditRepository(context.db.prisma),
  logger: Logger = context.logger,
): AuditService {
  return {
    async record(entry) {
      try {
        await repository.insert(entry);
      } catch (error) {
        logger.error({ err: error, action: entry.action }, 'could not write audit entry');
      }
    },
    list: (filter) => repository.list(filter),
  };
}
