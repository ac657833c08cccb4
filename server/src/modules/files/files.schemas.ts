// Request and response schemas for /api/files. Every path passes checkStoragePath here (422 with the
// field named) and again inside the storage adapter.
import { z } from 'zod';
import { registry } from '../../lib/openapi.js';
import { checkStoragePath } from '../../lib/storage/safe-path.js';
import { STORAGE_AREAS } from '../../lib/storage/storage.types.js';

/** S3 presigned URLs (SigV4) live at most 7 days; local links use the same bound. */
export const MAX_URL_EXPIRY_SECONDS = 7 * 24 * 3600;

export const areaSchema = z
  .enum(STORAGE_AREAS, { message: `area must be one of ${STORAGE_AREAS.join(', ')}` })
  .default('inputs')
  .openapi({ description: 'Storage area', example: 'inputs' });

/** A storage path, normalised ('' is the area root); hostile paths are a validation error. */
export const storagePathSchema = z
  .string()
  .transform((raw, ctx) => {
    const result = checkStoragePath(raw);
    if (result.ok) return result.path;
    ctx.addIssue({ code: 'custom', message: `invalid path: ${result.reason}` });
    return z.NEVER;
  })
  .openapi({ type: 'string', description: 'Path inside the area, "/"-separated', example: 'tapes/2024-06' });

/** Express 5's `*file_path` gives the decoded segments; a segment holding "/" came from an encoded slash. */
const filePathParam = z
  .union([z.array(z.string()), z.string()])
  .transform((value, ctx) => {
    const segments = Array.isArray(value) ? value : [value];
    if (segments.some((segment) => segment.includes('/'))) {
      ctx.addIssue({ code: 'custom', message: 'invalid path: encoded slashes are not allowed' });
      return z.NEVER;
    }
    return segments.join('/');
  })
  .pipe(storagePathSchema)
  .pipe(z.string().min(1, { message: 'a file path is required' }))
  .openapi({ type: 'string', description: 'Path of the file inside the area', example: 'tapes/tape.csv' });

const booleanQuery = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .default('false')
  .transform((value) => value === 'true' || value === '1')
  .openapi({ type: 'string', enum: ['true', 'false'] });

export const listFilesQuery = z.object({
  path: storagePathSchema.default(''),
  area: areaSchema,
  recursive: booleanQuery,
});
export const listFilesSchema = z.object({ query: listFilesQuery });

/** Query of POST /upload. `path` and `area` may also come as form fields (sent before the file). */
export const uploadQuery = z.object({
  overwrite: booleanQuery,
  path: storagePathSchema.optional(),
  area: areaSchema.optional(),
});
export const uploadQuerySchema = z.object({ query: uploadQuery });

/** Where the uploaded file goes: `path` is the destination folder, the file keeps its own name. */
export const uploadFields = z.object({
  path: storagePathSchema.default(''),
  area: areaSchema,
});

export const uploadBody = z.object({
  file: z.string().openapi({ type: 'string', format: 'binary', description: 'The file (one per request)' }),
  path: z.string().optional().openapi({ description: 'Destination folder (default: the area root)' }),
  area: z.enum(STORAGE_AREAS).optional().openapi({ description: 'Storage area (default inputs)' }),
});

export const filePathParams = z.object({ file_path: filePathParam });
const areaQuery = z.object({ area: areaSchema });

export const downloadFileSchema = z.object({ params: filePathParams, query: areaQuery });
export const deleteFileSchema = z.object({ params: filePathParams, query: areaQuery });

export const fileUrlQuery = z.object({
  area: areaSchema,
  expires_in: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_URL_EXPIRY_SECONDS, { message: `must be at most ${MAX_URL_EXPIRY_SECONDS} seconds (7 days)` })
    .default(3600),
});
export const fileUrlSchema = z.object({ params: filePathParams, query: fileUrlQuery });

export const mkdirBody = z.object({
  path: storagePathSchema.pipe(z.string().min(1, { message: 'a folder path is required' })),
  area: areaSchema,
});
export const mkdirSchema = z.object({ body: mkdirBody });

export const signedDownloadSchema = z.object({ params: z.object({ token: z.string().min(1).max(8192) }) });

// Responses.
export const fileEntrySchema = registry.register(
  'FileEntry',
  z.object({
    name: z.string(),
    path: z.string(),
    size: z.number().int(),
    modified: z.string().nullable().openapi({ description: 'ISO 8601; null for S3 folders known only by prefix' }),
    is_dir: z.boolean(),
  }),
);

export const listFilesResponse = z.object({
  files: z.array(fileEntrySchema),
  area: z.enum(STORAGE_AREAS),
  path: z.string(),
});

export const uploadResponse = z.object({
  filename: z.string(),
  status: z.literal('uploaded'),
  area: z.enum(STORAGE_AREAS),
  path: z.string(),
  size: z.number().int(),
  modified: z.string().nullable(),
});

export const fileUrlResponse = z.object({
  url: z.string().openapi({ description: 'S3 presigned URL, or a signed /api/files/signed/… link for local storage' }),
  expires_in: z.number().int(),
});

export const statusResponse = (status: string) =>
  z.object({ status: z.literal(status), area: z.enum(STORAGE_AREAS), path: z.string() });

export type ListFilesQuery = z.output<typeof listFilesQuery>;
