import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../lib/api-client';

export interface Readiness {
  status: 'ready' | 'unavailable';
  database: 'connected' | 'disconnected';
  timestamp: string;
}

export async function getReadiness(): Promise<Readiness> {
  // 503 still carries the readiness body: read it rather than treating it as a failure.
  const response = await apiClient.get<Readiness>('/health/ready', {
    validateStatus: (status) => status === 200 || status === 503,
  });
  return response.data;
}

export function useReadiness() {
  return useQuery({ queryKey: ['readiness'], queryFn: getReadiness, refetchInterval: 15_000 });
}
