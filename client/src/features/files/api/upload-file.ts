import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FileArea } from '../../../types/api';

export interface UploadInput {
  area: FileArea;
  path: string;
  file: File;
  onProgress?: (percent: number) => void;
}

export async function uploadFile({ area, path, file, onProgress }: UploadInput) {
  const body = new FormData();
  body.append('file', file);
  const response = await apiClient.post<{ filename: string; path: string; size: number }>('/api/files/upload', body, {
    params: { area, path },
    timeout: 0,
    onUploadProgress: (event) => {
      if (event.total) onProgress?.(Math.round((event.loaded / event.total) * 100));
    },
  });
  return response.data;
}

export function useUploadFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadFile,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['files'] }),
  });
}
