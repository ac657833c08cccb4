import { downloadFile } from '../../../lib/download';
import type { RunFile } from '../../../types/api';

export function downloadRunOutput(runId: string, file: RunFile): Promise<void> {
  const url = `/api/runs/${encodeURIComponent(runId)}/notebook-outputs/${encodeURIComponent(file.output_key)}/download`;
  return downloadFile(url, file.file_name);
}
