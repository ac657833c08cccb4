import axios from 'axios';
import { apiClient } from './api-client';

/** Fetches a file with the bearer token (a plain link would carry none) and saves it. */
export async function downloadFile(url: string, fileName: string, params?: Record<string, string>): Promise<void> {
  try {
    const response = await apiClient.get<Blob>(url, { params, responseType: 'blob', timeout: 0 });
    saveBlob(response.data, fileNameFrom(response.headers['content-disposition'] as string | undefined) ?? fileName);
  } catch (error) {
    throw await withJsonErrorBody(error);
  }
}

/** A blob request's error body is a Blob too: read it back as JSON so the API's `detail` shows. */
async function withJsonErrorBody(error: unknown): Promise<unknown> {
  if (axios.isAxiosError(error) && error.response?.data instanceof Blob) {
    try {
      error.response.data = JSON.parse(await error.response.data.text()) as unknown;
    } catch {
      // Not JSON: the status line is all we can say.
    }
  }
  return error;
}

export function saveBlob(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1_000);
}

function fileNameFrom(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) return decodeURIComponent(encoded[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}
