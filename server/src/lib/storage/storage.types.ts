// The storage contract shared by the local-filesystem and S3 adapters. Paths are always relative to
// an area and pass through `normalizeStoragePath` (safe-path.ts) first; '' is the area's root.
import type { Readable } from 'node:stream';

export const STORAGE_AREAS = ['inputs', 'outputs', 'output_share'] as const;
export type StorageArea = (typeof STORAGE_AREAS)[number];

/** One file or folder, in the API's snake_case shape. */
export interface StorageEntry {
  name: string;
  /** Relative to the area, POSIX separators, no leading slash. */
  path: string;
  /** Bytes; 0 for folders. */
  size: number;
  /** ISO 8601. null only for S3 folders that exist solely as a key prefix (S3 keeps no time for them). */
  modified: string | null;
  is_dir: boolean;
}

/** Listing order for both adapters: folders first, then by path (code-unit order, platform-independent). */
export function compareEntries(a: StorageEntry, b: StorageEntry): number {
  if (a.is_dir !== b.is_dir) return a.is_dir ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export interface UploadOptions {
  /** Replace an existing file. Without it an existing file is a ConflictError. */
  overwrite: boolean;
  contentType?: string;
}

export interface DownloadResult {
  stream: Readable;
  size: number;
  contentType?: string;
}

/** A download ready to send: the stream plus the name and type the client should see. */
export interface NamedDownload {
  stream: Readable;
  size: number;
  contentType: string;
  fileName: string;
}

/**
 * Errors: NotFoundError (missing file/folder), ConflictError (exists already, folder not empty, a file
 * where a folder is needed), BadRequestError (unsafe path, wrong kind of entry). Both adapters behave
 * alike; the contract suite in __tests__ runs against each.
 */
export interface StorageBackend {
  readonly type: 'local' | 's3';
  /** Entries of a folder (or of its whole subtree when recursive), folders first, then by path. */
  list(area: StorageArea, path: string, options?: { recursive?: boolean }): Promise<StorageEntry[]>;
  /** Streams `body` to `path` (parent folders are created). Nothing appears under `path` unless the stream completes. */
  upload(area: StorageArea, path: string, body: Readable, options: UploadOptions): Promise<StorageEntry>;
  download(area: StorageArea, path: string): Promise<DownloadResult>;
  /** Deletes a file or an empty folder; a folder with contents is a ConflictError. */
  delete(area: StorageArea, path: string): Promise<void>;
  /** Creates a folder and its parents; an existing folder is fine, an existing file is a ConflictError. */
  mkdir(area: StorageArea, path: string): Promise<StorageEntry>;
  /** A URL that downloads the file without a bearer token until it expires. */
  signedUrl(area: StorageArea, path: string, expiresInSeconds: number): Promise<string>;
  stat(area: StorageArea, path: string): Promise<StorageEntry | null>;
  /** Copies one file; the destination must not exist unless overwrite. */
  copy(
    fromArea: StorageArea,
    fromPath: string,
    toArea: StorageArea,
    toPath: string,
    options?: { overwrite?: boolean },
  ): Promise<StorageEntry>;
}
