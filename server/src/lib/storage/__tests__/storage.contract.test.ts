// One contract, two adapters: every test here runs against local storage (a temp folder) and against
// S3 (a real s3rver on 127.0.0.1). Behaviour the API relies on must be identical in both.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { LocalStorage } from '../local-storage.js';
import { S3Storage } from '../s3-storage.js';
import { SIGNED_URL_PREFIX, verifySignedToken } from '../signed-url.js';
import type { StorageBackend } from '../storage.types.js';
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from './s3-test-server.js';

const SECRET = 'contract-test-secret';

interface Fixture {
  storage: StorageBackend;
  /** Fetches a signed URL over HTTP (S3 only; local URLs are served by the API, see the files tests). */
  fetchable: boolean;
  /** For local: the storage root, to look for stray temp files. */
  root?: string;
  cleanup(): Promise<void>;
}

const adapters: { name: string; setup(): Promise<Fixture> }[] = [
  {
    name: 'local',
    async setup() {
      const root = mkdtempSync(join(tmpdir(), 'le-storage-contract-'));
      return {
        storage: new LocalStorage(root, SECRET),
        fetchable: false,
        root,
        cleanup: async () => rmSync(root, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 's3',
    async setup() {
      const server: S3TestServer = await startS3TestServer();
      const storage = new S3Storage({
        bucket: server.bucket,
        region: server.region,
        endpoint: server.endpoint,
        ...S3RVER_CREDENTIALS,
      });
      return {
        storage,
        fetchable: true,
        cleanup: async () => {
          storage.close();
          await server.close();
        },
      };
    },
  },
];

const streamOf = (data: Buffer | string) => Readable.from([Buffer.from(data)]);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stream that sends `bytes` and then fails, like a client that disconnects mid-upload. */
function brokenStream(bytes: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) {
        this.destroy(new Error('client went away'));
        return;
      }
      const chunk = randomBytes(Math.min(256 * 1024, bytes - sent));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

describe.each(adapters)('storage contract: $name', ({ setup }) => {
  let fixture: Fixture;
  let storage: StorageBackend;
  beforeAll(async () => {
    fixture = await setup();
    storage = fixture.storage;
  });
  afterAll(async () => fixture?.cleanup());

  it('when a file is uploaded, then download returns the same bytes and stat/list describe it', async () => {
    const bytes = randomBytes(200_000);
    const entry = await storage.upload('inputs', 'tapes/2024/tape.csv', streamOf(bytes), { overwrite: false });
    expect(entry).toMatchObject({ name: 'tape.csv', path: 'tapes/2024/tape.csv', size: bytes.length, is_dir: false });
    expect(Date.parse(entry.modified ?? '')).not.toBeNaN();

    const download = await storage.download('inputs', 'tapes/2024/tape.csv');
    expect(download.size).toBe(bytes.length);
    expect(download.contentType).toMatch(/^text\/csv/);
    expect((await readAll(download.stream)).equals(bytes)).toBe(true);

    expect(await storage.stat('inputs', 'tapes/2024/tape.csv')).toMatchObject({ size: bytes.length, is_dir: false });
    expect(await storage.stat('inputs', 'tapes/2024')).toMatchObject({ name: '2024', is_dir: true, size: 0 });
    expect(await storage.stat('inputs', 'tapes/2024/missing.csv')).toBeNull();
    expect(await storage.stat('outputs', 'tapes/2024/tape.csv')).toBeNull();
  });

  it('when listing, then folders come first, children only unless recursive, with implied folders', async () => {
    await storage.upload('outputs', 'run-1/summary.json', streamOf('{}'), { overwrite: false });
    await storage.upload('outputs', 'run-1/deep/a.txt', streamOf('a'), { overwrite: false });
    await storage.upload('outputs', 'readme.txt', streamOf('hello'), { overwrite: false });
    await storage.mkdir('outputs', 'empty');

    const top = await storage.list('outputs', '');
    expect(top.map((entry) => [entry.path, entry.is_dir])).toEqual([
      ['empty', true],
      ['run-1', true],
      ['readme.txt', false],
    ]);
    expect(top.find((entry) => entry.path === 'readme.txt')).toMatchObject({ name: 'readme.txt', size: 5 });

    const recursive = await storage.list('outputs', 'run-1', { recursive: true });
    expect(recursive.map((entry) => [entry.path, entry.is_dir])).toEqual([
      ['run-1/deep', true],
      ['run-1/deep/a.txt', false],
      ['run-1/summary.json', false],
    ]);
    for (const entry of recursive) {
      expect(Object.keys(entry).sort()).toEqual(['is_dir', 'modified', 'name', 'path', 'size']);
    }

    await expect(storage.list('outputs', 'nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(storage.list('outputs', 'readme.txt')).rejects.toBeInstanceOf(BadRequestError);
    await expect(storage.download('outputs', 'run-1')).rejects.toBeInstanceOf(BadRequestError);
    await expect(storage.download('outputs', 'nope.txt')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when mkdir runs, then the folder (and its parents) exist, twice is fine, a file in the way conflicts', async () => {
    const created = await storage.mkdir('inputs', 'new/nested/folder');
    expect(created).toMatchObject({ name: 'folder', path: 'new/nested/folder', is_dir: true, size: 0 });
    expect(await storage.mkdir('inputs', 'new/nested/folder')).toMatchObject({ is_dir: true });
    expect((await storage.list('inputs', 'new')).map((entry) => entry.path)).toEqual(['new/nested']);
    expect(await storage.list('inputs', 'new/nested/folder')).toEqual([]);

    await storage.upload('inputs', 'new/file.txt', streamOf('x'), { overwrite: false });
    await expect(storage.mkdir('inputs', 'new/file.txt')).rejects.toBeInstanceOf(ConflictError);
    await expect(storage.mkdir('inputs', 'new/file.txt/below')).rejects.toBeInstanceOf(ConflictError);
    await expect(
      storage.upload('inputs', 'new/file.txt/below.csv', streamOf('x'), { overwrite: false }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(storage.upload('inputs', 'new/nested', streamOf('x'), { overwrite: true })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('when deleting, then files and empty folders go, a folder with contents is a conflict', async () => {
    await storage.upload('inputs', 'del/keep/a.csv', streamOf('a'), { overwrite: false });
    await storage.mkdir('inputs', 'del/empty');

    await expect(storage.delete('inputs', 'del/keep')).rejects.toBeInstanceOf(ConflictError);
    await storage.delete('inputs', 'del/keep/a.csv');
    expect(await storage.stat('inputs', 'del/keep/a.csv')).toBeNull();
    await storage.delete('inputs', 'del/empty');
    expect(await storage.stat('inputs', 'del/empty')).toBeNull();

    await expect(storage.delete('inputs', 'del/missing.csv')).rejects.toBeInstanceOf(NotFoundError);
    await expect(storage.delete('inputs', '')).rejects.toBeInstanceOf(BadRequestError);
  });

  it('when a file exists, then upload without overwrite is refused and leaves it intact; with overwrite it is replaced', async () => {
    await storage.upload('inputs', 'same.csv', streamOf('first'), { overwrite: false });
    await expect(storage.upload('inputs', 'same.csv', streamOf('second'), { overwrite: false })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await readAll((await storage.download('inputs', 'same.csv')).stream)).toString()).toBe('first');

    const replaced = await storage.upload('inputs', 'same.csv', streamOf('second!'), { overwrite: true });
    expect(replaced.size).toBe(7);
    expect((await readAll((await storage.download('inputs', 'same.csv')).stream)).toString()).toBe('second!');
  });

  it('when copying, then the bytes arrive in the other area and an existing destination is refused', async () => {
    const bytes = randomBytes(10_000);
    await storage.upload('outputs', 'copy/src.bin', streamOf(bytes), { overwrite: false });
    const copied = await storage.copy('outputs', 'copy/src.bin', 'output_share', 'Team A/src.bin');
    expect(copied).toMatchObject({ path: 'Team A/src.bin', size: bytes.length, is_dir: false });
    expect((await readAll((await storage.download('output_share', 'Team A/src.bin')).stream)).equals(bytes)).toBe(true);

    await expect(storage.copy('outputs', 'copy/src.bin', 'output_share', 'Team A/src.bin')).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(storage.copy('outputs', 'copy/missing.bin', 'output_share', 'x.bin')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('when a signed URL is made, then it names the file and (S3) downloads it over HTTP', async () => {
    const bytes = randomBytes(5_000);
    await storage.upload('output_share', 'Team B/report é.csv', streamOf(bytes), { overwrite: false });
    const url = await storage.signedUrl('output_share', 'Team B/report é.csv', 60);
    if (fixture.fetchable) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
      expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''report%20%C3%A9.csv");
    } else {
      expect(url.startsWith(SIGNED_URL_PREFIX)).toBe(true);
      const token = url.slice(SIGNED_URL_PREFIX.length);
      expect(verifySignedToken(SECRET, token)).toEqual({ area: 'output_share', path: 'Team B/report é.csv' });
    }
    await expect(storage.signedUrl('output_share', 'Team B/none.csv', 60)).rejects.toBeInstanceOf(NotFoundError);
    await expect(storage.signedUrl('output_share', 'Team B', 60)).rejects.toBeInstanceOf(BadRequestError);
  });

  it('when a path is hostile or the area unknown, then every operation refuses it', async () => {
    const hostile = [
      '../escape.csv',
      'a/../../escape.csv',
      '/etc/passwd',
      'a\\b.csv',
      'a\0b.csv',
      '%2e%2e/x.csv',
      '..%2fx.csv',
      'C:/x.csv',
    ];
    for (const path of hostile) {
      await expect(storage.upload('inputs', path, streamOf('x'), { overwrite: true }), path).rejects.toBeInstanceOf(
        BadRequestError,
      );
      await expect(storage.list('inputs', path), path).rejects.toBeInstanceOf(BadRequestError);
      await expect(storage.download('inputs', path), path).rejects.toBeInstanceOf(BadRequestError);
      await expect(storage.delete('inputs', path), path).rejects.toBeInstanceOf(BadRequestError);
      await expect(storage.mkdir('inputs', path), path).rejects.toBeInstanceOf(BadRequestError);
      await expect(storage.stat('inputs', path), path).rejects.toBeInstanceOf(BadRequestError);
    }
    const unknownArea = 'secrets' as 'inputs';
    await expect(storage.list(unknownArea, '')).rejects.toBeInstanceOf(BadRequestError);
    await expect(storage.upload(unknownArea, 'x.csv', streamOf('x'), { overwrite: false })).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });

  it('when the upload stream fails midway, then nothing appears under the name (and no temp file is left)', async () => {
    // 200 KiB fails inside a single PUT; 12 MiB fails after the multipart upload has started (S3).
    for (const bytes of [200 * 1024, 12 * 1024 * 1024]) {
      await expect(storage.upload('inputs', 'cut/off.csv', brokenStream(bytes), { overwrite: false })).rejects.toThrow(
        'client went away',
      );
      expect(await storage.stat('inputs', 'cut/off.csv')).toBeNull();
    }

    await storage.upload('inputs', 'cut/kept.csv', streamOf('original'), { overwrite: false });
    await expect(storage.upload('inputs', 'cut/kept.csv', brokenStream(100), { overwrite: true })).rejects.toThrow(
      'client went away',
    );
    expect((await readAll((await storage.download('inputs', 'cut/kept.csv')).stream)).toString()).toBe('original');
    expect((await storage.list('inputs', 'cut')).map((entry) => entry.name)).toEqual(['kept.csv']);
    if (fixture.root) expect(readdirSync(join(fixture.root, 'inputs', 'cut'))).toEqual(['kept.csv']);
  });

  it('when 50 MiB are streamed from a generator, then the sha256 matches after download', async () => {
    const chunkSize = 1024 * 1024;
    const upHash = createHash('sha256');
    async function* generate() {
      for (let index = 0; index < 50; index += 1) {
        const chunk = randomBytes(chunkSize);
        upHash.update(chunk);
        yield chunk;
      }
    }
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const entry = await storage.upload('inputs', 'big/fifty.bin', Readable.from(generate()), { overwrite: false });
      expect(entry.size).toBe(50 * chunkSize);
      const download = await storage.download('inputs', 'big/fifty.bin');
      const downHash = createHash('sha256');
      for await (const chunk of download.stream) downHash.update(chunk as Buffer);
      expect(downHash.digest('hex')).toBe(upHash.digest('hex'));
    } finally {
      clearInterval(sampler);
    }
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    console.log(
      `[${storage.type}] 50 MiB upload+download: rss ${mib(baseline)} → peak ${mib(peak)} MiB (+${mib(peak - baseline)})`,
    );
  }, 120_000);
});
