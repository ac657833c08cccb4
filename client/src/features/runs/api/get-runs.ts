import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient, cleanParams, toPage } from '../../../lib/api-client';
import type { Page, Run, RunStatus } from '../../../types/api';

export interface RunsQuery {
  skip: number;
  limit: number;
  status?: RunStatus | '';
}

export async function getRuns(query: RunsQuery): Promise<Page<Run>> {
  return toPage(await apiClient.get<Run[]>('/api/runs', { params: cleanParams(query) }));
}

const isActive = (run: Run) => run.status === 'pending' || run.status === 'running';

export function useRuns(query: RunsQuery) {
  return useQuery({
    queryKey: ['runs', query],
    queryFn: () => getRuns(query),
    placeholderData: keepPreviousData,
    // While a run on the page is still going, keep its status fresh.
    refetchInterval: (current) => (current.state.data?.items.some(isActive) ? 3_000 : false),
  });
}
