import { cleanParams } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';
import type { ExceptionFilters } from './get-exceptions';

/** The CSV of every exception matching the filters (not just the page on screen). */
export function exportExceptions(filters: ExceptionFilters): Promise<void> {
  return downloadFile('/api/exceptions/export', 'exceptions.csv', cleanParams(filters) as Record<string, string>);
}
