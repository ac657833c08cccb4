import type { DbClient, DbTransaction } from '../../lib/db.js';

export interface AuditEntryInput {
  actorId: number | null;
  actorUsername?: string | null;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown> | null;
  ipAddress?: string | null;
  requestId?: string | null;
}

export interface AuditEntryRecord {
  id: number;
  createdAt: Date;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  target: string | null;
  detail: unknown;
  ipAddress: string | null;
  requestId: string | null;
}

export interface AuditFilter {
  action?: string;
  actorId?: number;
  skip: number;
  limit: number;
}

export function auditRepository(prisma: DbClient) {
  return {
    async insert(entry: AuditEntryInput, tx: DbTransaction | DbClient = prisma): Promise<void> {
      await tx.auditLog.create({
        data: {
          actorId: entry.actorId,
          actorUsername: entry.actorUsername?.slice(0, 100) ?? null,
          action: entry.action.slice(0, 100),
          target: entry.target?.slice(0, 500) ?? null,
          detail: (entry.detail ?? undefined) as object | undefined,
          ipAddress: entry.ipAddress?.slice(0, 64) ?? null,
          requestId: entry.requestId?.slice(0, 128) ?? null,
        },
      });
    },
    async list(filter: AuditFilter): Promise<{ items: AuditEntryRecord[]; total: number }> {
      const where = { action: filter.action, actorId: filter.actorId };
      const [items, total] = await Promise.all([
        prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, skip: filter.skip, take: filter.limit }),
        prisma.auditLog.count({ where }),
      ]);
      return { items, total };
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;
