import type { DbClient } from '../../lib/db.js';

export interface SalesTeamRecord {
  id: number;
  name: string;
}

const teamSelect = { id: true, name: true } as const;

export function salesTeamsRepository(prisma: DbClient) {
  return {
    list(): Promise<SalesTeamRecord[]> {
      return prisma.salesTeam.findMany({ select: teamSelect, orderBy: { name: 'asc' } });
    },
    findById(id: number): Promise<SalesTeamRecord | null> {
      return prisma.salesTeam.findUnique({ where: { id }, select: teamSelect });
    },
    findByName(name: string): Promise<SalesTeamRecord | null> {
      return prisma.salesTeam.findUnique({ where: { name }, select: teamSelect });
    },
    /** Creates the team unless it exists; answers whether it was created. Safe to race. */
    async ensure(name: string): Promise<{ team: SalesTeamRecord; created: boolean }> {
      const existing = await prisma.salesTeam.findUnique({ where: { name }, select: teamSelect });
      if (existing) return { team: existing, created: false };
      const team = await prisma.salesTeam.upsert({ where: { name }, create: { name }, update: {}, select: teamSelect });
      return { team, created: true };
    },
  };
}

export type SalesTeamsRepository = ReturnType<typeof salesTeamsRepository>;
