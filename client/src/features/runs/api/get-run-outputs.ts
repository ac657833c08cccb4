import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { RunFile } from '../../../types/api';

export async function getRunOutputs(runId: string): Promise<RunFile[]> {
  const response = await apiClient.get<RunFile[]>(`/api/runs/${encodeURIComponent(runId)}/notebook-outputs`);
  return response.data;
}

export function useRunOutputs(runId: string, enabled: boolean) {
  return useQuery({ queryKey: ['run-outputs', runId], queryFn: () => getRunOutputs(runId), enabled });
}
