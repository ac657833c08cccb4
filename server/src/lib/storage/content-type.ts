// Content types are decided by the server from the file extension, never taken from the uploader,
// so a download is labelled the same way whichever client stored it.
const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
  '.html': 'text/html; charset=utf-8',
  '.parquet': 'application/vnd.apache.parquet',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ipynb': 'application/x-ipynb+json',
  '.gz': 'application/gzip',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Lower-cased extension with its dot ('' when the name has none; a leading dot is not an extension). */
export function fileExtension(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function contentTypeFor(name: string): string {
  return CONTENT_TYPES[fileExtension(name)] ?? DEFAULT_CONTENT_TYPE;
}

/** RFC 6266 attachment header: an ASCII fallback name plus the exact UTF-8 name (RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
