import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Run } from '../../../types/api';

export const RUN_POLL_MS = 1_500;

export async function getRun(runId: string): Promise<Run> {
  const response = await apiClient.get<Run>(`/api/runs/${encodeURIComponent(runId)}`);
  return response.data;
}

/** Polls while the run is pending or running; stops once it has finished either way. */
export function useRun(runId: string) {
  return useQuery({
    queryKey: ['run', runId],
    queryFn: () => getRun(runId),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'pending' || status === 'running' ? RUN_POLL_MS : false;
    },
  });
}
