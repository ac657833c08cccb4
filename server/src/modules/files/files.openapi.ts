// OpenAPI entries for /api/files, generated from the same zod schemas the routes validate with.
import { z } from 'zod';
import { bearerAuth, pickErrors, registry } from '../../lib/openapi.js';
import {
  fileUrlQuery,
  fileUrlResponse,
  filePathParams,
  listFilesQuery,
  listFilesResponse,
  mkdirBody,
  signedDownloadSchema,
  statusResponse,
  uploadBody,
  uploadQuery,
  uploadResponse,
} from './files.schemas.js';

const secured = [{ [bearerAuth.name]: [] }];
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const areaOnly = z.object({ area: listFilesQuery.shape.area });
const fileBytes = {
  description: 'The file, streamed, with Content-Disposition: attachment',
  content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
};

export function registerFilesOpenApi(): void {
  registry.registerPath({
    method: 'get',
    path: '/api/files/list',
    tags: ['files'],
    summary: 'List a folder (sales-team users: only their team folder in output_share)',
    security: secured,
    request: { query: listFilesQuery },
    responses: {
      200: { description: 'Folder entries', content: json(listFilesResponse) },
      ...pickErrors(400, 401, 403, 404, 422),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/files/upload',
    tags: ['files'],
    summary: 'Upload one file (multipart, streamed to storage). Send path and area before the file.',
    description:
      'The file keeps its own name inside the folder `path`. An existing file is replaced only with ' +
      '`?overwrite=true` (otherwise 409). Larger than MAX_UPLOAD_MB → 413. In `inputs` only the configured ' +
      'extensions are accepted (422). `path` and `area` may also be given as query parameters.',
    security: secured,
    request: { query: uploadQuery, body: { content: { 'multipart/form-data': { schema: uploadBody } } } },
    responses: {
      201: { description: 'Stored', content: json(uploadResponse) },
      ...pickErrors(400, 401, 403, 404, 409, 413, 422),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/files/download/{file_path}',
    tags: ['files'],
    summary: 'Download a file (streamed)',
    security: secured,
    request: { params: filePathParams, query: areaOnly },
    responses: { 200: fileBytes, ...pickErrors(400, 401, 403, 404, 422) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/files/url/{file_path}',
    tags: ['files'],
    summary: 'A short-lived download URL: S3 presigned, or a signed /api/files/signed/… link (local)',
    security: secured,
    request: { params: filePathParams, query: fileUrlQuery },
    responses: { 200: { description: 'URL', content: json(fileUrlResponse) }, ...pickErrors(400, 401, 403, 404, 422) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/files/signed/{token}',
    tags: ['files'],
    summary: 'Download through a signed local link (no bearer token; the link expires)',
    request: { params: signedDownloadSchema.shape.params },
    responses: { 200: fileBytes, ...pickErrors(403, 404) },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/files/{file_path}',
    tags: ['files'],
    summary: 'Delete a file or an empty folder (a folder with contents is 409)',
    security: secured,
    request: { params: filePathParams, query: areaOnly },
    responses: {
      200: { description: 'Deleted', content: json(statusResponse('deleted')) },
      ...pickErrors(400, 401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/files/mkdir',
    tags: ['files'],
    summary: 'Create a folder and its parents (200 when it already exists)',
    security: secured,
    request: { body: { content: json(mkdirBody) } },
    responses: {
      201: { description: 'Created', content: json(statusResponse('created')) },
      200: { description: 'Already existed', content: json(statusResponse('created')) },
      ...pickErrors(401, 403, 404, 409, 422),
    },
  });
}
