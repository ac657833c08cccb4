// Local-filesystem storage under LOCAL_STORAGE_PATH/<area>/. Every path goes through safeJoin, and
// then through the real path of its deepest existing ancestor, so a symlink that leads out of the
// area is refused. Uploads are written to a hidden temp file in the target folder, fsynced, and only
// then moved into place: an interrupted upload never leaves a partial file under the real name.
import { randomUUID } from 'node:crypto';
import {
  close as closeDescriptor,
  createReadStream,
  createWriteStream,
  fstat,
  open as openCallback,
  type Stats,
} from 'node:fs';
import { link, lstat, mkdir, open, readdir, realpath, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import { contentTypeFor } from './content-type.js';
import { assertStorageArea, baseName, isWithin, normalizeStoragePath, safeJoin } from './safe-path.js';
import { signedUrlFor } from './signed-url.js';
import {
  compareEntries,
  type DownloadResult,
  type StorageArea,
  type StorageBackend,
  type StorageEntry,
  type UploadOptions,
} from './storage.types.js';

const openDescriptor = promisify(openCallback);
const fstatDescriptor = promisify(fstat);
const TEMP_FILE = /^\.~upload-[0-9a-f-]{36}\.part$/;
const escapesArea = () => new BadRequestError('Invalid path: it leads outside the storage area');

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function toEntry(path: string, stats: Stats): StorageEntry {
  const isDir = stats.isDirectory();
  return {
    name: baseName(path),
    path,
    size: isDir ? 0 : stats.size,
    modified: stats.mtime.toISOString(),
    is_dir: isDir,
  };
}

interface ResolvedPath {
  area: StorageArea;
  /** Normalised, relative to the area. */
  path: string;
  /** Real path of the area folder. */
  root: string;
  absolute: string;
}

export class LocalStorage implements StorageBackend {
  readonly type = 'local' as const;

  constructor(
    private readonly rootPath: string,
    private readonly secretKey: string,
  ) {}

  private async resolve(areaValue: StorageArea, rawPath: string): Promise<ResolvedPath> {
    const area = assertStorageArea(areaValue);
    const path = normalizeStoragePath(rawPath);
    const areaDir = join(this.rootPath, area);
    await mkdir(areaDir, { recursive: true });
    const root = await realpath(areaDir);
    const absolute = safeJoin(root, path);
    await this.assertNoEscapingLink(root, absolute);
    return { area, path, root, absolute };
  }

  /** Resolves the deepest existing ancestor (or the path itself) and refuses anything that lands outside. */
  private async assertNoEscapingLink(root: string, absolute: string): Promise<void> {
    let probe = absolute;
    for (;;) {
      try {
        if (!isWithin(root, await realpath(probe))) throw escapesArea();
        return;
      } catch (error) {
        const code = errorCode(error);
        if ((code !== 'ENOENT' && code !== 'ENOTDIR') || probe === root) throw error;
        // A link that points nowhere could point outside once its target appears: refuse it.
        const own = await lstat(probe).catch(() => null);
        if (own?.isSymbolicLink()) throw escapesArea();
        probe = dirname(probe);
      }
    }
  }

  private async statOrNull(absolute: string): Promise<Stats | null> {
    try {
      return await stat(absolute);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
      throw error;
    }
  }

  async stat(area: StorageArea, path: string): Promise<StorageEntry | null> {
    const target = await this.resolve(area, path);
    const stats = await this.statOrNull(target.absolute);
    return stats ? toEntry(target.path, stats) : null;
  }

  async list(area: StorageArea, path: string, options: { recursive?: boolean } = {}): Promise<StorageEntry[]> {
    const target = await this.resolve(area, path);
    const stats = await this.statOrNull(target.absolute);
    if (!stats) throw new NotFoundError(`Folder not found: ${target.path}`);
    if (!stats.isDirectory()) throw new BadRequestError(`Not a folder: ${target.path}`);
    const entries: StorageEntry[] = [];
    await this.collect(target.root, target.absolute, target.path, options.recursive ?? false, entries);
    return entries.sort(compareEntries);
  }

  private async collect(
    root: string,
    absolute: string,
    path: string,
    recursive: boolean,
    into: StorageEntry[],
  ): Promise<void> {
    for (const dirent of await readdir(absolute, { withFileTypes: true })) {
      if (TEMP_FILE.test(dirent.name)) continue;
      const childAbsolute = join(absolute, dirent.name);
      const childPath = path ? `${path}/${dirent.name}` : dirent.name;
      if (dirent.isSymbolicLink()) {
        // Links are shown only when they stay inside the area, and never descended into.
        const real = await realpath(childAbsolute).catch(() => null);
        const stats = real && isWithin(root, real) ? await this.statOrNull(childAbsolute) : null;
        if (stats) into.push(toEntry(childPath, stats));
        continue;
      }
      const stats = await this.statOrNull(childAbsolute);
      if (!stats) continue;
      into.push(toEntry(childPath, stats));
      if (recursive && stats.isDirectory()) await this.collect(root, childAbsolute, childPath, true, into);
    }
  }

  async upload(area: StorageArea, path: string, body: Readable, options: UploadOptions): Promise<StorageEntry> {
    const target = await this.resolve(area, path);
    if (target.path === '') throw new BadRequestError('A file needs a name');
    const existing = await this.statOrNull(target.absolute);
    if (existing?.isDirectory()) throw new ConflictError(`A folder already exists at ${target.path}`);
    if (existing && !options.overwrite) {
      throw new ConflictError(`A file already exists at ${target.path}; set overwrite to replace it`);
    }
    const folder = dirname(target.absolute);
    await this.makeFolder(folder, target.path);
    const temp = join(folder, `.~upload-${randomUUID()}.part`);
    try {
      // flush: fsync before close, so the bytes are on disk before the name points at them.
      await pipeline(body, createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true }));
      if (options.overwrite) {
        await rename(temp, target.absolute);
      } else {
        // link() fails if the name was taken meanwhile, so a concurrent upload is never silently replaced.
        await link(temp, target.absolute).catch((error: unknown) => {
          if (errorCode(error) === 'EEXIST') throw new ConflictError(`A file already exists at ${target.path}`);
          throw error;
        });
        await unlink(temp);
      }
      await syncFolder(folder);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return toEntry(target.path, await stat(target.absolute));
  }

  private async makeFolder(absolute: string, pathForMessage: string): Promise<void> {
    try {
      await mkdir(absolute, { recursive: true });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST' || code === 'ENOTDIR') {
        throw new ConflictError(`A file is in the way of the folder for ${pathForMessage}`);
      }
      throw error;
    }
  }

  async download(area: StorageArea, path: string): Promise<DownloadResult> {
    const target = await this.resolve(area, path);
    const stats = await this.statOrNull(target.absolute);
    if (!stats) throw new NotFoundError(`File not found: ${target.path}`);
    if (stats.isDirectory()) throw new BadRequestError(`Not a file: ${target.path}`);
    // Opened here (not lazily by the stream) so a vanished or unreadable file is an error before any
    // response starts. A plain descriptor, owned and closed by the stream.
    const fd = await openDescriptor(target.absolute, 'r');
    try {
      const { size } = await fstatDescriptor(fd);
      return { stream: createReadStream('', { fd }), size, contentType: contentTypeFor(target.path) };
    } catch (error) {
      closeDescriptor(fd, () => undefined);
      throw error;
    }
  }

  async delete(area: StorageArea, path: string): Promise<void> {
    const target = await this.resolve(area, path);
    if (target.path === '') throw new BadRequestError('The root of an area cannot be deleted');
    const own = await lstat(target.absolute).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
      throw error;
    });
    if (!own) throw new NotFoundError(`Not found: ${target.path}`);
    if (!own.isDirectory()) {
      await unlink(target.absolute);
      return;
    }
    try {
      await rmdir(target.absolute);
    } catch (error) {
      if (errorCode(error) === 'ENOTEMPTY' || errorCode(error) === 'EEXIST') {
        throw new ConflictError(`Folder is not empty: ${target.path}`);
      }
      throw error;
    }
  }

  async mkdir(area: StorageArea, path: string): Promise<StorageEntry> {
    const target = await this.resolve(area, path);
    const existing = await this.statOrNull(target.absolute);
    if (existing && !existing.isDirectory()) throw new ConflictError(`A file already exists at ${target.path}`);
    await this.makeFolder(target.absolute, target.path);
    return toEntry(target.path, await stat(target.absolute));
  }

  async signedUrl(area: StorageArea, path: string, expiresInSeconds: number): Promise<string> {
    const target = await this.resolve(area, path);
    const stats = await this.statOrNull(target.absolute);
    if (!stats) throw new NotFoundError(`File not found: ${target.path}`);
    if (stats.isDirectory()) throw new BadRequestError(`Not a file: ${target.path}`);
    return signedUrlFor(this.secretKey, target.area, target.path, expiresInSeconds);
  }

  async copy(
    fromArea: StorageArea,
    fromPath: string,
    toArea: StorageArea,
    toPath: string,
    options: { overwrite?: boolean } = {},
  ): Promise<StorageEntry> {
    const source = await this.download(fromArea, fromPath);
    try {
      return await this.upload(toArea, toPath, source.stream, { overwrite: options.overwrite ?? false });
    } finally {
      source.stream.destroy();
    }
  }
}

/** fsync the folder so the rename itself survives a crash (best effort: not every platform allows it). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the data itself is already synced.
  } finally {
    await handle.close();
  }
}
