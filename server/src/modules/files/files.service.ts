// File rules: which role may read or change which area (the permission map), sales-team users
// confined to output_share/<their team>/ and read-only (another team's folder is 404, like runs),
// allowed upload extensions for inputs, and an audit entry for every upload, delete and new folder.
import type { Readable } from 'node:stream';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { contentTypeFor, fileExtension } from '../../lib/storage/content-type.js';
import { baseName, checkFileName, checkStoragePath } from '../../lib/storage/safe-path.js';
import { verifySignedToken } from '../../lib/storage/signed-url.js';
import type { NamedDownload, StorageArea, StorageBackend, StorageEntry } from '../../lib/storage/storage.types.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth.types.js';
import { PERMISSIONS, roleHas, type Permission } from '../auth/permissions.js';

export interface FilesActor {
  user: AuthUser;
  ipAddress?: string | null;
  requestId?: string | null;
}

export interface FilesServiceDeps {
  storage: StorageBackend;
  audit: Pick<AuditService, 'record'>;
  secretKey: string;
  allowedInputExtensions: readonly string[];
}

export interface FileLocation {
  area: StorageArea;
  path: string;
}

export type FileDownload = NamedDownload;

type Access = 'read' | 'write';

/** A sales-team user's folder in output_share, or null for users who are not confined to one. */
function teamFolder(user: AuthUser): string | null {
  if (user.role !== 'sales_team') return null;
  const name = checkFileName(user.salesTeamName ?? '');
  // A user without a (usable) team sees nothing; '\0' can never match a stored path.
  return name.ok ? name.path : '\0';
}

const isInside = (folder: string, path: string) => path === folder || path.startsWith(`${folder}/`);

export function createFilesService({ storage, audit, secretKey, allowedInputExtensions }: FilesServiceDeps) {
  function assertAccess(user: AuthUser, { area, path }: FileLocation, access: Access, options = { root: false }) {
    // Not every area has both permissions (nobody writes to outputs through the API).
    const permission = `files:${area}:${access}`;
    if (!(permission in PERMISSIONS) || !roleHas(user.role, permission as Permission)) {
      throw new ForbiddenError(`Your role may not ${access === 'read' ? 'read' : 'change'} files in ${area}`);
    }
    const folder = area === 'output_share' ? teamFolder(user) : null;
    if (folder === null || (options.root && path === '')) return;
    if (!isInside(folder, path)) throw new NotFoundError('Not found');
  }

  function record(actor: FilesActor, action: string, location: FileLocation, detail: Record<string, unknown> = {}) {
    return audit.record({
      actorId: actor.user.id,
      actorUsername: actor.user.username,
      action,
      target: `${location.area}/${location.path}`,
      detail: { area: location.area, path: location.path, storage: storage.type, ...detail },
      ipAddress: actor.ipAddress,
      requestId: actor.requestId,
    });
  }

  return {
    async list(actor: FilesActor, location: FileLocation, recursive: boolean): Promise<StorageEntry[]> {
      assertAccess(actor.user, location, 'read', { root: true });
      const entries = await storage.list(location.area, location.path, { recursive });
      const folder = location.area === 'output_share' ? teamFolder(actor.user) : null;
      return folder === null ? entries : entries.filter((entry) => isInside(folder, entry.path));
    },

    /**
     * Checks an upload before any byte is stored: access, a plain file name (no folders, no `..`),
     * and for inputs an allowed extension. Answers where the file will go.
     */
    prepareUpload(actor: FilesActor, folder: FileLocation, fileName: string): FileLocation {
      assertAccess(actor.user, folder, 'write');
      const name = checkFileName(fileName);
      if (!name.ok) throw ValidationError.single(['body', 'file'], `file name is not allowed: ${name.reason}`);
      if (folder.area === 'inputs') {
        const extension = fileExtension(name.path);
        if (!allowedInputExtensions.includes(extension)) {
          throw ValidationError.single(
            ['body', 'file'],
            `${extension ? `${extension} files are` : 'files without an extension are'} not accepted in inputs; ` +
              `allowed: ${allowedInputExtensions.join(', ')}`,
          );
        }
      }
      const path = checkStoragePath(folder.path ? `${folder.path}/${name.path}` : name.path);
      if (!path.ok) throw ValidationError.single(['body', 'path'], `invalid path: ${path.reason}`);
      return { area: folder.area, path: path.path };
    },

    async upload(actor: FilesActor, target: FileLocation, body: Readable, overwrite: boolean): Promise<StorageEntry> {
      assertAccess(actor.user, target, 'write');
      const entry = await storage.upload(target.area, target.path, body, {
        overwrite,
        contentType: contentTypeFor(target.path),
      });
      await record(actor, 'files.upload', target, { size: entry.size, overwrite });
      return entry;
    },

    async download(actor: FilesActor, location: FileLocation): Promise<FileDownload> {
      assertAccess(actor.user, location, 'read');
      return toFileDownload(location, await storage.download(location.area, location.path));
    },

    async signedUrl(actor: FilesActor, location: FileLocation, expiresIn: number) {
      assertAccess(actor.user, location, 'read');
      return { url: await storage.signedUrl(location.area, location.path, expiresIn), expires_in: expiresIn };
    },

    /** A local signed link: the token is the authorisation (checked for tampering and expiry). */
    async downloadSigned(token: string): Promise<FileDownload> {
      const location = verifySignedToken(secretKey, token);
      return toFileDownload(location, await storage.download(location.area, location.path));
    },

    async delete(actor: FilesActor, location: FileLocation, reason?: string): Promise<void> {
      assertAccess(actor.user, location, 'write');
      const entry = await storage.stat(location.area, location.path);
      if (!entry) throw new NotFoundError(`Not found: ${location.path}`);
      await storage.delete(location.area, location.path);
      await record(actor, 'files.delete', location, {
        is_dir: entry.is_dir,
        size: entry.size,
        ...(reason && { reason }),
      });
    },

    async mkdir(actor: FilesActor, location: FileLocation): Promise<{ entry: StorageEntry; created: boolean }> {
      assertAccess(actor.user, location, 'write');
      const existed = (await storage.stat(location.area, location.path))?.is_dir ?? false;
      const entry = await storage.mkdir(location.area, location.path);
      if (!existed) await record(actor, 'files.mkdir', location);
      return { entry, created: !existed };
    },
  };
}

function toFileDownload(
  location: FileLocation,
  download: { stream: Readable; size: number; contentType?: string },
): FileDownload {
  const fileName = baseName(location.path);
  return {
    stream: download.stream,
    size: download.size,
    contentType: download.contentType ?? contentTypeFor(fileName),
    fileName,
  };
}

export type FilesService = ReturnType<typeof createFilesService>;
