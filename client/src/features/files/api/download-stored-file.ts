import { downloadFile } from '../../../lib/download';
import type { FileArea, FileEntry } from '../../../types/api';
import { encodeStoragePath } from './file-paths';

export function downloadStoredFile(area: FileArea, entry: FileEntry): Promise<void> {
  return downloadFile(`/api/files/download/${encodeStoragePath(entry.path)}`, entry.name, { area });
}
