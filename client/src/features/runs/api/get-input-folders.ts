import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FileEntry } from '../../../types/api';

/** Every folder under `inputs` (a run reads the tapes directly inside one of them). */
export async function getInputFolders(): Promise<string[]> {
  const response = await apiClient.get<{ files: FileEntry[] }>('/api/files/list', {
    params: { area: 'inputs', recursive: true },
  });
  return response.data.files
    .filter((entry) => entry.is_dir)
    .map((entry) => entry.path)
    .sort((a, b) => b.localeCompare(a));
}

export function useInputFolders() {
  return useQuery({ queryKey: ['files', 'inputs', 'folders'], queryFn: getInputFolders });
}
