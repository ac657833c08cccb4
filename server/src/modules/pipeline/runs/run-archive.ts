import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { contentTypeFor } from '../../../lib/storage/content-type.js';
import { baseName } from '../../../lib/storage/safe-path.js';
import type { StorageBackend } from '../../../lib/storage/storage.types.js';

export interface ArchivedFile {
  fileName: string;
  path: string;
  size: number;
  sha256: string;
  contentType: string;
}

/** Copies each tape the run read into the run's archive byte for byte, hashing as it streams. */
export async function archiveInputs(
  storage: StorageBackend,
  inputPaths: readonly string[],
  archiveFolder: string,
): Promise<ArchivedFile[]> {
  const archived: ArchivedFile[] = [];
  for (const inputPath of inputPaths) {
    const fileName = baseName(inputPath);
    const source = await storage.download('inputs', inputPath);
    const hash = createHash('sha256');
    const tee = new PassThrough();
    source.stream.on('data', (chunk: Buffer) => hash.update(chunk));
    source.stream.on('error', (error: Error) => tee.destroy(error));
    source.stream.pipe(tee);
    const path = `${archiveFolder}/${fileName}`;
    const contentType = contentTypeFor(fileName);
    let entry;
    try {
      entry = await storage.upload('outputs', path, tee, { overwrite: true, contentType });
    } finally {
      source.stream.destroy(); // closes the input even when the upload failed half-way
    }
    archived.push({ fileName, path, size: entry.size, sha256: hash.digest('hex'), contentType });
  }
  return archived;
}
