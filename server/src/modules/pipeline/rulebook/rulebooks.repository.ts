import type { DbClient } from '../../../lib/db.js';

export interface RulebookVersionRecord {
  version: number;
  name: string;
  content: unknown;
  comment: string | null;
  createdAt: Date;
  createdBy: { id: number; username: string } | null;
}

const versionSelect = {
  version: true,
  name: true,
  content: true,
  comment: true,
  createdAt: true,
  createdBy: { select: { id: true, username: true } },
} as const;

export function rulebooksRepository(prisma: DbClient) {
  return {
    current(): Promise<RulebookVersionRecord | null> {
      return prisma.rulebook.findFirst({ orderBy: { version: 'desc' }, select: versionSelect });
    },
    byVersion(version: number): Promise<RulebookVersionRecord | null> {
      return prisma.rulebook.findUnique({ where: { version }, select: versionSelect });
    },
    async history(skip: number, limit: number) {
      const [items, total] = await Promise.all([
        prisma.rulebook.findMany({
          orderBy: { version: 'desc' },
          skip,
          take: limit,
          select: {
            version: true,
            name: true,
            comment: true,
            createdAt: true,
            createdBy: { select: { id: true, username: true } },
          },
        }),
        prisma.rulebook.count(),
      ]);
      return { items, total };
    },
    /**
     * Adds the next version. Two concurrent edits cannot both win: the unique version makes the
     * loser fail (P2002 → 409), so no edit is silently lost.
     */
    async addVersion(entry: {
      name: string;
      content: object;
      comment: string | null;
      createdById: number | null;
    }): Promise<RulebookVersionRecord> {
      const latest = await prisma.rulebook.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
      return prisma.rulebook.create({ data: { ...entry, version: (latest?.version ?? 0) + 1 }, select: versionSelect });
    },
  };
}

export type RulebooksRepository = ReturnType<typeof rulebooksRepository>;
