import type { SalesTeamsRepository } from './sales-teams.repository.js';

/** The reference sales teams every installation starts with (the seed's list). */
export const DEFAULT_SALES_TEAMS = ['Team Alpha', 'Team Beta', 'Team Gamma'] as const;

export async function seedSalesTeams(
  repository: SalesTeamsRepository,
  names: readonly string[] = DEFAULT_SALES_TEAMS,
): Promise<{ name: string; created: boolean }[]> {
  const results = [];
  for (const name of names) {
    const { created } = await repository.ensure(name);
    results.push({ name, created });
  }
  return results;
}
