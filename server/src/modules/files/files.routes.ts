// /api/files: list, upload (streamed), download (streamed), signed URLs, delete, mkdir — on the
// storage area named by `area` (default inputs). Access rules live in files.service.ts.
import { Router, type Request } from 'express';
import type { AppContext } from '../../app.js';
import { ValidationError } from '../../lib/errors.js';
import { input, validate } from '../../lib/http/validate.js';
import { sendDownload } from '../../lib/http/send-download.js';
import { createAuditService } from '../audit/audit.service.js';
import type { AuthMiddleware } from '../auth/auth.middleware.js';
import { registerFilesOpenApi } from './files.openapi.js';
import {
  deleteFileSchema,
  downloadFileSchema,
  fileUrlSchema,
  listFilesSchema,
  mkdirSchema,
  signedDownloadSchema,
  uploadFields,
  uploadQuerySchema,
} from './files.schemas.js';
import { createFilesService, type FileLocation, type FilesActor } from './files.service.js';
import { streamingUpload } from './upload-engine.js';

registerFilesOpenApi();

function actorOf(req: Request): FilesActor {
  return { user: req.user!, ipAddress: req.ip, requestId: String(req.id) };
}

export function filesRouter(context: AppContext, { authenticate }: AuthMiddleware): Router {
  const { config, storage } = context;
  const service = createFilesService({
    storage,
    audit: createAuditService(context),
    secretKey: config.auth.secretKey,
    allowedInputExtensions: config.storage.allowedInputExtensions,
  });
  const uploads = streamingUpload<{ location: FileLocation; size: number; modified: string | null }>({
    maxBytes: config.storage.maxUploadBytes,
    async store(req, fileName, stream) {
      const { query } = input(req, uploadQuerySchema);
      const body = req.body as Record<string, unknown>;
      if (query.overwrite && body.area === undefined && query.area === undefined) {
        // The destination must be known before an existing file is replaced: fields arriving after
        // the file would otherwise have overwritten whatever sat at the default location.
        throw ValidationError.single(
          ['body', 'area'],
          'with overwrite=true, give area and path before the file field (or as query parameters)',
        );
      }
      const fields = uploadFields.safeParse({ path: body.path ?? query.path, area: body.area ?? query.area });
      if (!fields.success) {
        throw new ValidationError(
          fields.error.issues.map((issue) => ({
            loc: ['body', ...issue.path.map(String)],
            msg: issue.message,
            type: issue.code,
          })),
        );
      }
      const location = service.prepareUpload(actorOf(req), fields.data, fileName);
      const entry = await service.upload(actorOf(req), location, stream, query.overwrite);
      return { location, size: entry.size, modified: entry.modified };
    },
    discard: (req, stored) => service.delete(actorOf(req), stored.location, 'upload aborted'),
  });

  const router = Router();

  // Signed links carry their own authorisation, so this one route comes before `authenticate`.
  router.get('/signed/:token', validate(signedDownloadSchema), async (req, res) => {
    await sendDownload(req, res, await service.downloadSigned(input(req, signedDownloadSchema).params.token));
  });

  router.use(authenticate);

  router.get('/list', validate(listFilesSchema), async (req, res) => {
    const { query } = input(req, listFilesSchema);
    const files = await service.list(actorOf(req), { area: query.area, path: query.path }, query.recursive);
    res.set('X-Total-Count', String(files.length)).json({ files, area: query.area, path: query.path });
  });

  router.post('/upload', validate(uploadQuerySchema), async (req, res) => {
    await uploads.receiveUpload(req, res);
    const stored = uploads.storedUpload(req);
    if (!stored) throw ValidationError.single(['body', 'file'], 'Field required', 'missing');
    const body = req.body as Record<string, unknown>;
    if (body.path !== stored.fieldsAtFile.path || body.area !== stored.fieldsAtFile.area) {
      // The file was already stored where the fields said when it arrived; take it back.
      await service.delete(actorOf(req), stored.result.location, 'form fields arrived after the file');
      throw ValidationError.single(['body'], 'send the path and area fields before the file field');
    }
    const { location, size, modified } = stored.result;
    res.status(201).json({
      filename: location.path.slice(location.path.lastIndexOf('/') + 1),
      status: 'uploaded',
      area: location.area,
      path: location.path,
      size,
      modified,
    });
  });

  router.get('/download/*file_path', validate(downloadFileSchema), async (req, res) => {
    const { params, query } = input(req, downloadFileSchema);
    await sendDownload(req, res, await service.download(actorOf(req), { area: query.area, path: params.file_path }));
  });

  router.get('/url/*file_path', validate(fileUrlSchema), async (req, res) => {
    const { params, query } = input(req, fileUrlSchema);
    res.json(await service.signedUrl(actorOf(req), { area: query.area, path: params.file_path }, query.expires_in));
  });

  router.post('/mkdir', validate(mkdirSchema), async (req, res) => {
    const { area, path } = input(req, mkdirSchema).body;
    const { entry, created } = await service.mkdir(actorOf(req), { area, path });
    res.status(created ? 201 : 200).json({ status: 'created', area, path: entry.path });
  });

  router.delete('/*file_path', validate(deleteFileSchema), async (req, res) => {
    const { params, query } = input(req, deleteFileSchema);
    await service.delete(actorOf(req), { area: query.area, path: params.file_path });
    res.json({ status: 'deleted', area: query.area, path: params.file_path });
  });

  return router;
}
