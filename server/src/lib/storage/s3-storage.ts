// S3 storage: one bucket, one key prefix per area (`inputs/…`). Folders are "name/" marker objects
// (what mkdir writes) or merely key prefixes of the files inside them. S3 has no rename, so an upload
// is atomic by nature: the object appears only when the (multipart) upload completes, and
// lib-storage aborts the multipart upload when the body stream fails.
import { PassThrough, type Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError, BadRequestError, ConflictError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import { attachmentDisposition, contentTypeFor } from './content-type.js';
import { assertStorageArea, baseName, normalizeStoragePath } from './safe-path.js';
import {
  compareEntries,
  type DownloadResult,
  type StorageArea,
  type StorageBackend,
  type StorageEntry,
  type UploadOptions,
} from './storage.types.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, s3rver); addressed path-style. */
  endpoint?: string;
  /** Both or neither; without them the SDK's default chain (env, profile, ECS task role) applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** 8 MiB parts, two in flight: an upload holds at most ~16 MiB in memory whatever the file size. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

interface ObjectInfo {
  size: number;
  modified: string | null;
  contentType?: string;
}

function isMissing(error: unknown): boolean {
  const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return failure?.name === 'NotFound' || failure?.name === 'NoSuchKey' || failure?.$metadata?.httpStatusCode === 404;
}

/** Our own errors pass through; SDK and network failures become a 503 that names no internals. */
function storageFailure(error: unknown): Error {
  if (error instanceof AppError) return error;
  const failure = error as { $metadata?: unknown; code?: string; name?: string; message?: string };
  if (failure?.$metadata || failure?.code?.startsWith('ECONN') || failure?.name === 'TimeoutError') {
    return new ServiceUnavailableError('File storage is unavailable', failure.message);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Every non-empty ancestor of a path: 'a/b/c' → ['a', 'a/b']. */
function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_part, index) => parts.slice(0, index + 1).join('/'));
}

export class S3Storage implements StorageBackend {
  readonly type = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: Boolean(options.endpoint),
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // Without these the SDK adds trailing checksums to streamed bodies, which S3-compatible stores
      // (s3rver, older MinIO) save as part of the object.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  close(): void {
    this.client.destroy();
  }

  private target(areaValue: StorageArea, rawPath: string): { area: StorageArea; path: string } {
    return { area: assertStorageArea(areaValue), path: normalizeStoragePath(rawPath) };
  }

  private fileKey(area: StorageArea, path: string): string {
    return `${area}/${path}`;
  }

  private folderKey(area: StorageArea, path: string): string {
    return path ? `${area}/${path}/` : `${area}/`;
  }

  private async head(key: string): Promise<ObjectInfo | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: head.ContentLength ?? 0,
        modified: head.LastModified?.toISOString() ?? null,
        contentType: head.ContentType,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw storageFailure(error);
    }
  }

  /**
   * One page of keys. ListObjects (v1, marker-paged) rather than v2: every S3-compatible store speaks
   * it, and s3rver cannot produce v2 continuation tokens on OpenSSL 3 (it encrypts them with DES).
   */
  private async listPage(prefix: string, options: { delimiter?: string; maxKeys?: number; marker?: string }) {
    try {
      return await this.client.send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          Delimiter: options.delimiter,
          MaxKeys: options.maxKeys,
          Marker: options.marker,
        }),
      );
    } catch (error) {
      throw storageFailure(error);
    }
  }

  /** Keys under a folder (its own marker included), at most `limit`. */
  private async keysUnder(area: StorageArea, path: string, limit: number): Promise<string[]> {
    const page = await this.listPage(this.folderKey(area, path), { maxKeys: limit });
    return (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
  }

  async stat(areaValue: StorageArea, rawPath: string): Promise<StorageEntry | null> {
    const { area, path } = this.target(areaValue, rawPath);
    if (path === '') return { name: '', path: '', size: 0, modified: null, is_dir: true };
    const file = await this.head(this.fileKey(area, path));
    if (file) return { name: baseName(path), path, size: file.size, modified: file.modified, is_dir: false };
    const marker = await this.head(this.folderKey(area, path));
    if (marker || (await this.keysUnder(area, path, 1)).length > 0) {
      return { name: baseName(path), path, size: 0, modified: marker?.modified ?? null, is_dir: true };
    }
    return null;
  }

  async list(areaValue: StorageArea, rawPath: string, options: { recursive?: boolean } = {}): Promise<StorageEntry[]> {
    const { area, path } = this.target(areaValue, rawPath);
    const entry = await this.stat(area, path);
    if (!entry) throw new NotFoundError(`Folder not found: ${path}`);
    if (!entry.is_dir) throw new BadRequestError(`Not a folder: ${path}`);
    const areaPrefix = `${area}/`;
    const folderPrefix = this.folderKey(area, path);
    const entries = new Map<string, StorageEntry>();
    const addFolder = (folder: string, modified: string | null) => {
      const known = entries.get(folder);
      if (!known || (modified && !known.modified)) {
        entries.set(folder, { name: baseName(folder), path: folder, size: 0, modified, is_dir: true });
      }
    };
    let marker: string | undefined;
    do {
      const page = await this.listPage(folderPrefix, { delimiter: options.recursive ? undefined : '/', marker });
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key === folderPrefix) continue;
        const relative = object.Key.slice(areaPrefix.length);
        const modified = object.LastModified?.toISOString() ?? null;
        const isMarker = relative.endsWith('/');
        const itemPath = isMarker ? relative.slice(0, -1) : relative;
        // Folders implied by deeper keys are listed too, as the local adapter would show them.
        for (const ancestor of ancestorsOf(itemPath)) if (ancestor.length > path.length) addFolder(ancestor, null);
        if (isMarker) addFolder(itemPath, modified);
        else
          entries.set(itemPath, {
            name: baseName(itemPath),
            path: itemPath,
            size: object.Size ?? 0,
            modified,
            is_dir: false,
          });
      }
      for (const common of page.CommonPrefixes ?? []) {
        if (common.Prefix) addFolder(common.Prefix.slice(areaPrefix.length, -1), null);
      }
      marker = page.IsTruncated ? (page.NextMarker ?? page.Contents?.at(-1)?.Key) : undefined;
    } while (marker);
    return [...entries.values()].sort(compareEntries);
  }

  /** Refuses a write where a folder sits at `path`, or a file sits where one of its folders must be. */
  private async assertWritable(area: StorageArea, path: string, overwrite: boolean): Promise<void> {
    if (path === '') throw new BadRequestError('A file needs a name');
    const [existing, folderKeys, blockers] = await Promise.all([
      this.head(this.fileKey(area, path)),
      this.keysUnder(area, path, 1),
      Promise.all(ancestorsOf(path).map((ancestor) => this.head(this.fileKey(area, ancestor)))),
    ]);
    if (folderKeys.length > 0) throw new ConflictError(`A folder already exists at ${path}`);
    if (existing && !overwrite)
      throw new ConflictError(`A file already exists at ${path}; set overwrite to replace it`);
    if (blockers.some(Boolean)) throw new ConflictError(`A file is in the way of the folder for ${path}`);
  }

  private async entryAfterWrite(area: StorageArea, path: string): Promise<StorageEntry> {
    const entry = await this.stat(area, path);
    if (!entry)
      throw new ServiceUnavailableError('File storage did not keep the file', `${area}/${path} missing after write`);
    return entry;
  }

  async upload(areaValue: StorageArea, rawPath: string, body: Readable, options: UploadOptions): Promise<StorageEntry> {
    const { area, path } = this.target(areaValue, rawPath);
    await this.assertWritable(area, path, options.overwrite);
    // A PassThrough keeps the SDK reading a plain stream and lets errors from `body` reach the upload.
    const source = new PassThrough({ highWaterMark: 1024 * 1024 });
    let bodyError: unknown;
    body.on('error', (error) => {
      bodyError = error;
      source.destroy(error);
    });
    body.pipe(source);
    const upload = new Upload({
      client: this.client,
      queueSize: QUEUE_SIZE,
      partSize: PART_SIZE,
      leavePartsOnError: false,
      params: {
        Bucket: this.bucket,
        Key: this.fileKey(area, path),
        Body: source,
        ContentType: options.contentType ?? contentTypeFor(path),
      },
    });
    try {
      await upload.done();
    } catch (error) {
      body.unpipe(source);
      source.destroy();
      // The body's own failure (client gone, size limit) explains more than a failed abort that followed it.
      throw storageFailure(bodyError ?? error);
    }
    return this.entryAfterWrite(area, path);
  }

  async download(areaValue: StorageArea, rawPath: string): Promise<DownloadResult> {
    const { area, path } = this.target(areaValue, rawPath);
    if (path === '') throw new BadRequestError('Not a file: the area root');
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.fileKey(area, path) }),
      );
      return {
        stream: object.Body as Readable,
        size: object.ContentLength ?? 0,
        contentType: object.ContentType ?? contentTypeFor(path),
      };
    } catch (error) {
      if (!isMissing(error)) throw storageFailure(error);
    }
    if ((await this.stat(area, path))?.is_dir) throw new BadRequestError(`Not a file: ${path}`);
    throw new NotFoundError(`File not found: ${path}`);
  }

  async delete(areaValue: StorageArea, rawPath: string): Promise<void> {
    const { area, path } = this.target(areaValue, rawPath);
    if (path === '') throw new BadRequestError('The root of an area cannot be deleted');
    let key = this.fileKey(area, path);
    if (!(await this.head(key))) {
      const marker = this.folderKey(area, path);
      const keys = await this.keysUnder(area, path, 2);
      if (keys.length === 0) throw new NotFoundError(`Not found: ${path}`);
      if (keys.some((existing) => existing !== marker)) throw new ConflictError(`Folder is not empty: ${path}`);
      key = marker;
    }
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      throw storageFailure(error);
    }
  }

  /** Like `mkdir -p`: a marker for the folder and for each parent that has none, so every level has a time. */
  async mkdir(areaValue: StorageArea, rawPath: string): Promise<StorageEntry> {
    const { area, path } = this.target(areaValue, rawPath);
    if (path === '') return { name: '', path: '', size: 0, modified: null, is_dir: true };
    const folders = [...ancestorsOf(path), path];
    const [files, markers] = await Promise.all([
      Promise.all(folders.map((folder) => this.head(this.fileKey(area, folder)))),
      Promise.all(folders.map((folder) => this.head(this.folderKey(area, folder)))),
    ]);
    if (files.at(-1)) throw new ConflictError(`A file already exists at ${path}`);
    if (files.some(Boolean)) throw new ConflictError(`A file is in the way of the folder for ${path}`);
    try {
      for (const [index, folder] of folders.entries()) {
        if (markers[index]) continue;
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: this.folderKey(area, folder), Body: '', ContentLength: 0 }),
        );
      }
    } catch (error) {
      throw storageFailure(error);
    }
    return this.entryAfterWrite(area, path);
  }

  private async assertFile(area: StorageArea, path: string): Promise<void> {
    const entry = await this.stat(area, path);
    if (!entry) throw new NotFoundError(`File not found: ${path}`);
    if (entry.is_dir) throw new BadRequestError(`Not a file: ${path}`);
  }

  async signedUrl(areaValue: StorageArea, rawPath: string, expiresInSeconds: number): Promise<string> {
    const { area, path } = this.target(areaValue, rawPath);
    await this.assertFile(area, path);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.fileKey(area, path),
      ResponseContentDisposition: attachmentDisposition(baseName(path)),
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds });
  }

  async copy(
    fromAreaValue: StorageArea,
    fromRawPath: string,
    toAreaValue: StorageArea,
    toRawPath: string,
    options: { overwrite?: boolean } = {},
  ): Promise<StorageEntry> {
    const from = this.target(fromAreaValue, fromRawPath);
    const to = this.target(toAreaValue, toRawPath);
    await this.assertFile(from.area, from.path);
    await this.assertWritable(to.area, to.path, options.overwrite ?? false);
    const sourceKey = this.fileKey(from.area, from.path).split('/').map(encodeURIComponent).join('/');
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.fileKey(to.area, to.path),
          CopySource: `${this.bucket}/${sourceKey}`,
        }),
      );
    } catch (error) {
      throw storageFailure(error);
    }
    return this.entryAfterWrite(to.area, to.path);
  }
}
