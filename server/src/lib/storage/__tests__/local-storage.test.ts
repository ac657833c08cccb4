// Local-only behaviour: symlinks that lead out of an area, and hidden temp files.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError } from '../../errors.js';
import { LocalStorage } from '../local-storage.js';

describe('local storage: links and temp files', () => {
  let base: string;
  let root: string;
  let outside: string;
  let storage: LocalStorage;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'le-local-links-'));
    root = join(base, 'storage');
    outside = join(base, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'top secret');
    storage = new LocalStorage(root, 'secret');
    await storage.mkdir('inputs', 'real');
    writeFileSync(join(root, 'inputs', 'real', 'inside.csv'), 'inside');
    symlinkSync(outside, join(root, 'inputs', 'escape-dir'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'inputs', 'escape-file.txt'));
    symlinkSync(join(outside, 'not-yet'), join(root, 'inputs', 'dangling'));
    symlinkSync(join(root, 'inputs', 'real'), join(root, 'inputs', 'alias'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const body = () => Readable.from([Buffer.from('payload')]);

  it('when a path goes through a link to outside the area, then every operation refuses it', async () => {
    for (const path of ['escape-dir', 'escape-dir/secret.txt', 'escape-dir/new.csv', 'escape-file.txt']) {
      await expect(storage.download('inputs', path), path).rejects.toBeInstanceOf(BadRequestError);
      await expect(storage.stat('inputs', path), path).rejects.toBeInstanceOf(BadRequestError);
      await expect(storage.upload('inputs', path, body(), { overwrite: true }), path).rejects.toBeInstanceOf(
        BadRequestError,
      );
      await expect(storage.delete('inputs', path), path).rejects.toBeInstanceOf(BadRequestError);
      await expect(storage.mkdir('inputs', `${path}/sub`), path).rejects.toBeInstanceOf(BadRequestError);
    }
    await expect(storage.list('inputs', 'escape-dir')).rejects.toBeInstanceOf(BadRequestError);
    await expect(storage.signedUrl('inputs', 'escape-file.txt', 60)).rejects.toBeInstanceOf(BadRequestError);
    expect(readdirSync(outside)).toEqual(['secret.txt']);
  });

  it('when a link points nowhere yet, then writing through it is refused (it could point outside later)', async () => {
    await expect(storage.upload('inputs', 'dangling/x.csv', body(), { overwrite: true })).rejects.toBeInstanceOf(
      BadRequestError,
    );
    await expect(storage.mkdir('inputs', 'dangling')).rejects.toBeInstanceOf(BadRequestError);
    expect(readdirSync(outside)).toEqual(['secret.txt']);
  });

  it('when listing, then escaping links are hidden and a link inside the area is shown but not descended', async () => {
    const listed = await storage.list('inputs', '', { recursive: true });
    expect(listed.map((entry) => entry.path)).toEqual(['alias', 'real', 'real/inside.csv']);
    expect((await storage.download('inputs', 'alias/inside.csv')).size).toBe(6);
  });

  it('when an upload is in flight, then its temp file is not listed', async () => {
    writeFileSync(join(root, 'inputs', 'real', '.~upload-00000000-0000-0000-0000-000000000000.part'), 'partial');
    expect((await storage.list('inputs', 'real')).map((entry) => entry.name)).toEqual(['inside.csv']);
  });
});
