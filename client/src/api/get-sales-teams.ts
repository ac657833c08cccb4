import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../lib/api-client';
import type { SalesTeam } from '../types/api';

export async function getSalesTeams(): Promise<SalesTeam[]> {
  const response = await apiClient.get<SalesTeam[]>('/api/sales-teams');
  return response.data;
}

export function useSalesTeams() {
  return useQuery({ queryKey: ['sales-teams'], queryFn: getSalesTeams, staleTime: 5 * 60_000 });
}
