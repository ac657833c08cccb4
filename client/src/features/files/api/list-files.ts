import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FileArea, FileEntry } from '../../../types/api';

export interface FileListing {
  files: FileEntry[];
  area: FileArea;
  path: string;
}

export async function listFiles(area: FileArea, path: string): Promise<FileListing> {
  const response = await apiClient.get<FileListing>('/api/files/list', { params: { area, path } });
  return response.data;
}

export function useFiles(area: FileArea, path: string) {
  return useQuery({ queryKey: ['files', area, path], queryFn: () => listFiles(area, path) });
}
