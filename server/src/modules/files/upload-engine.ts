// A multer storage engine that hands the incoming file stream straight to storage: nothing is
// buffered in memory or staged on disk by multer. The size limit is enforced on the stream itself,
// so an oversized upload fails inside storage.upload (which then leaves nothing behind).
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { Request } from 'express';
import multer, { type StorageEngine } from 'multer';
import { BadRequestError, PayloadTooLargeError, ValidationError } from '../../lib/errors.js';

export interface StoredUpload<T> {
  result: T;
  /** The `path` and `area` form fields as they were when the file arrived (to detect late fields). */
  fieldsAtFile: { path: unknown; area: unknown };
}

export interface StreamingUploadOptions<T> {
  maxBytes: number;
  /** Stores the file; called when its part begins, with the form fields received so far in req.body. */
  store(req: Request, fileName: string, stream: Readable): Promise<T>;
  /** Undoes `store` when multer aborts the request after the file was stored (e.g. a second file). */
  discard(req: Request, result: T): Promise<void>;
}

const uploadTooLarge = (maxBytes: number) =>
  new PayloadTooLargeError(`The file is larger than the upload limit of ${Math.floor(maxBytes / (1024 * 1024))} MiB`);

/** Passes bytes through until more than `maxBytes` have gone by, then fails the stream. */
export function limitBytes(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) return callback(uploadTooLarge(maxBytes));
      callback(null, chunk);
    },
  });
}

function multerErrorToAppError(error: multer.MulterError, maxBytes: number): Error {
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return uploadTooLarge(maxBytes);
    case 'LIMIT_UNEXPECTED_FILE':
    case 'LIMIT_FILE_COUNT':
      return ValidationError.single(['body', error.field ?? 'file'], 'send exactly one file, in the "file" field');
    default:
      return new BadRequestError(`The upload was refused: ${error.message}`);
  }
}

/**
 * Builds a middleware that receives one multipart file (field `file`) through `options.store`, and
 * keeps what it returned for the handler (`storedUpload(req)`).
 */
export function streamingUpload<T>(options: StreamingUploadOptions<T>) {
  const stored = new WeakMap<Request, StoredUpload<T>>();
  const failuresFromStore = new WeakSet<object>();

  const engine: StorageEngine = {
    _handleFile(req, file, callback) {
      const body = req.body as Record<string, unknown>;
      const fieldsAtFile = { path: body.path, area: body.area };
      const limited = limitBytes(options.maxBytes);
      // busboy stops a file at the limit and ends it cleanly; make that an error, never a short file.
      file.stream.on('limit', () => limited.destroy(uploadTooLarge(options.maxBytes)));
      file.stream.on('error', (error: Error) => limited.destroy(error));
      req.once('close', () => {
        if (!req.complete) limited.destroy(new BadRequestError('The upload was interrupted'));
      });
      file.stream.pipe(limited);
      options.store(req, file.originalname, limited).then(
        (result) => {
          stored.set(req, { result, fieldsAtFile });
          callback(null, { path: file.originalname });
        },
        (error: unknown) => {
          if (error && typeof error === 'object') failuresFromStore.add(error);
          file.stream.resume();
          callback(error);
        },
      );
    },
    _removeFile(req, _file, callback) {
      const upload = stored.get(req);
      stored.delete(req);
      if (!upload) return callback(null);
      options.discard(req, upload.result).then(
        () => callback(null),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  };

  const receive = multer({
    storage: engine,
    // Keep the client's file name as sent: it is checked (and refused if it holds a path), not trimmed.
    preservePath: true,
    defParamCharset: 'utf8',
    limits: { fileSize: options.maxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
  }).single('file');

  function receiveUpload(req: Request, res: Parameters<typeof receive>[1]): Promise<void> {
    return new Promise((resolve, reject) => {
      receive(req, res, (error: unknown) => {
        if (!error) return resolve();
        if (error instanceof multer.MulterError) return reject(multerErrorToAppError(error, options.maxBytes));
        if (typeof error === 'object' && failuresFromStore.has(error)) return reject(error);
        // Anything else came from parsing the body itself (malformed or cut-off multipart).
        reject(new BadRequestError('The upload could not be read: the multipart body is malformed or incomplete'));
      });
    });
  }

  return { receiveUpload, storedUpload: (req: Request) => stored.get(req) };
}
