// Multipart bodies built by hand, so tests control part order and can send file names that
// ordinary clients would clean up (`../evil.csv`).
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';

export type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer | string };

export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----le-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      'filename' in part
        ? `form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: application/octet-stream`
        : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push(Buffer.from('filename' in part ? part.data : part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/files/upload with `path`/`area` fields first, then the file. */
export function upload(
  app: Express,
  token: string | null,
  options: { area?: string; path?: string; filename: string; data: Buffer | string; query?: string },
) {
  const parts: Part[] = [];
  if (options.path !== undefined) parts.push({ name: 'path', value: options.path });
  if (options.area !== undefined) parts.push({ name: 'area', value: options.area });
  parts.push({ name: 'file', filename: options.filename, data: options.data });
  const { body, contentType } = multipart(parts);
  const req = request(app)
    .post(`/api/files/upload${options.query ?? ''}`)
    .set('Content-Type', contentType);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.send(body);
}

/** supertest response body as raw bytes, whatever the content type. */
export function binary(req: request.Test): request.Test {
  return req.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}
