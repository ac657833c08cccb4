import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Run } from '../../../types/api';

export interface CreateRunInput {
  folder: string;
  pdate: string;
  irr_target: number;
  sales_team_id: number | null;
}

export async function createRun(input: CreateRunInput): Promise<Run> {
  const response = await apiClient.post<Run>('/api/pipeline/run', input);
  return response.data;
}

export function useCreateRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRun,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['runs'] }),
  });
}
