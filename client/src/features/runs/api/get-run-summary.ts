import { useQueries, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { RunSummary } from '../../../types/api';

export async function getRunSummary(runId: string): Promise<RunSummary> {
  const response = await apiClient.get<RunSummary>(`/api/summary/${encodeURIComponent(runId)}`);
  return response.data;
}

export function useRunSummary(runId: string, enabled: boolean) {
  return useQuery({ queryKey: ['summary', runId], queryFn: () => getRunSummary(runId), enabled });
}

/** Summaries of several finished runs (for the dashboard chart); a finished run's summary never changes. */
export function useRunSummaries(runIds: string[]) {
  return useQueries({
    queries: runIds.map((runId) => ({
      queryKey: ['summary', runId],
      queryFn: () => getRunSummary(runId),
      staleTime: Infinity,
    })),
  });
}
