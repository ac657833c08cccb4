import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { RulebookVersion } from '../../../types/api';

export async function getRulebook(): Promise<RulebookVersion> {
  const response = await apiClient.get<RulebookVersion>('/api/config/rulebook');
  return response.data;
}

export function useRulebook() {
  return useQuery({ queryKey: ['rulebook'], queryFn: getRulebook });
}
