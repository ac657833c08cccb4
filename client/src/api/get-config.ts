import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../lib/api-client';
import type { PublicConfig } from '../types/api';

export async function getConfig(): Promise<PublicConfig> {
  const response = await apiClient.get<PublicConfig>('/api/config');
  return response.data;
}

export function useConfig() {
  return useQuery({ queryKey: ['config'], queryFn: getConfig, staleTime: 5 * 60_000 });
}
