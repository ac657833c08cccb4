import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FileArea } from '../../../types/api';

export async function createFolder({ area, path }: { area: FileArea; path: string }) {
  const response = await apiClient.post<{ status: 'created'; path: string }>('/api/files/mkdir', { area, path });
  return response.data;
}

export function useCreateFolder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createFolder,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['files'] }),
  });
}
