import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { RulebookVersion } from '../../../types/api';

export interface UpdateRulebookInput {
  /** The edited rulebook; `version` must be the version the editor loaded (409 if it changed since). */
  rulebook: Record<string, unknown> & { version: number };
  comment?: string;
}

export async function updateRulebook({ rulebook, comment }: UpdateRulebookInput): Promise<RulebookVersion> {
  const response = await apiClient.put<RulebookVersion>('/api/config/rulebook', rulebook, {
    params: comment ? { comment } : undefined,
  });
  return response.data;
}

export function useUpdateRulebook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateRulebook,
    onSuccess: (saved) => {
      queryClient.setQueryData(['rulebook'], saved);
      return queryClient.invalidateQueries({ queryKey: ['rulebook', 'history'] });
    },
  });
}
