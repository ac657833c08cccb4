import { useQuery } from '@tanstack/react-query';
import { apiClient, toPage } from '../../../lib/api-client';
import type { Page, RulebookVersion } from '../../../types/api';

export type RulebookHistoryEntry = Omit<RulebookVersion, 'rulebook'>;

export async function getRulebookHistory(): Promise<Page<RulebookHistoryEntry>> {
  return toPage(
    await apiClient.get<RulebookHistoryEntry[]>('/api/config/rulebook/history', { params: { skip: 0, limit: 50 } }),
  );
}

export function useRulebookHistory() {
  return useQuery({ queryKey: ['rulebook', 'history'], queryFn: getRulebookHistory });
}
