// Streams a stored file to the client as an attachment. One helper for every download route
// (files API, run outputs, run archive), so headers and failure handling are the same everywhere.
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { attachmentDisposition } from '../storage/content-type.js';
import type { NamedDownload } from '../storage/storage.types.js';

export async function sendDownload(req: Request, res: Response, file: NamedDownload): Promise<void> {
  res.set({
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Content-Disposition': attachmentDisposition(file.fileName),
    'Cache-Control': 'private, no-store',
  });
  try {
    // pipeline() closes the source when the client goes away, and ends the response on a read error.
    await pipeline(file.stream, res);
  } catch (error) {
    // Nothing sent yet: the error middleware can still answer properly.
    if (!res.headersSent) throw error;
    // Headers are gone; the client sees a cut connection. Usually it simply went away.
    req.log?.warn({ err: error }, 'file download interrupted');
  }
}
