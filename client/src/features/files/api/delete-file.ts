import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FileArea } from '../../../types/api';
import { encodeStoragePath } from './file-paths';

export async function deleteFile({ area, path }: { area: FileArea; path: string }) {
  const response = await apiClient.delete<{ status: 'deleted'; path: string }>(
    `/api/files/${encodeStoragePath(path)}`,
    {
      params: { area },
    },
  );
  return response.data;
}

export function useDeleteFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteFile,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['files'] }),
  });
}
