// The files API over HTTP with local storage, on SQLite and PostgreSQL. Each test checks the
// response and what is (or is not) on disk and in the audit log.
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.js';
import { useTestApp } from '../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../test/auth-helpers.js';
import { createSignedToken } from '../../../lib/storage/signed-url.js';
import { auditRepository } from '../../audit/audit.repository.js';
import { binary, multipart, upload } from './files-test-helpers.js';

describeEachDatabase('files API (local storage)', (provider) => {
  const ctx = useTestApp(provider, { MAX_UPLOAD_MB: '1' });
  let admin: TestUser;
  let analyst: TestUser;
  let alpha: TestUser;
  let outside: string;
  const onDisk = (...parts: string[]) => join(ctx.storageRoot, ...parts);
  const auditRows = async (action: string) =>
    (await auditRepository(ctx.db.prisma).list({ action, skip: 0, limit: 1000 })).items;

  beforeAll(async () => {
    admin = await createUserAndToken(ctx, { role: 'admin' });
    analyst = await createUserAndToken(ctx, { role: 'analyst' });
    alpha = await createUserAndToken(ctx, { role: 'sales_team', salesTeamName: 'Team Alpha' });
    outside = mkdtempSync(join(tmpdir(), 'le-files-outside-'));
  });
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  describe('upload, list, download', () => {
    it('when an analyst uploads a CSV, then it is stored byte for byte, listed, and audited', async () => {
      const data = Buffer.from('loan_id,balance\n1,100.50\n2,200\n');
      const res = await upload(ctx.app, analyst.token, {
        area: 'inputs',
        path: 'tapes/2024-06',
        filename: 'tape.csv',
        data,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        filename: 'tape.csv',
        status: 'uploaded',
        area: 'inputs',
        path: 'tapes/2024-06/tape.csv',
        size: data.length,
      });
      expect(readFileSync(onDisk('inputs', 'tapes', '2024-06', 'tape.csv')).equals(data)).toBe(true);

      const list = await request(ctx.app).get('/api/files/list?path=tapes&recursive=true').set(analyst.auth);
      expect(list.status).toBe(200);
      expect(list.headers['x-total-count']).toBe('2');
      expect(list.body).toMatchObject({ area: 'inputs', path: 'tapes' });
      expect(list.body.files).toEqual([
        expect.objectContaining({ name: '2024-06', path: 'tapes/2024-06', is_dir: true, size: 0 }),
        expect.objectContaining({ name: 'tape.csv', path: 'tapes/2024-06/tape.csv', is_dir: false, size: data.length }),
      ]);

      const [audit] = (await auditRows('files.upload')).filter((row) => row.target === 'inputs/tapes/2024-06/tape.csv');
      expect(audit).toMatchObject({ actorId: analyst.user.id, action: 'files.upload' });
      expect(audit?.detail).toMatchObject({ area: 'inputs', path: 'tapes/2024-06/tape.csv', size: data.length });
    });

    it('when a binary file with a non-ASCII name is downloaded, then bytes, type and disposition are right', async () => {
      const data = randomBytes(300_000);
      expect((await upload(ctx.app, admin.token, { path: 'bin', filename: 'relevé 1.zip', data })).status).toBe(201);
      const res = await binary(request(ctx.app).get('/api/files/download/bin/relev%C3%A9%201.zip').set(admin.auth));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-length']).toBe(String(data.length));
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="relev_ 1.zip"; filename*=UTF-8''relev%C3%A9%201.zip`,
      );
      expect((res.body as Buffer).equals(data)).toBe(true);
      expect((await request(ctx.app).get('/api/files/download/bin/none.zip').set(admin.auth)).status).toBe(404);
    });

    it('when a file exists, then a second upload is 409 and ?overwrite=true replaces it', async () => {
      await upload(ctx.app, analyst.token, { path: 'ow', filename: 'same.csv', data: 'first' });
      const again = await upload(ctx.app, analyst.token, { path: 'ow', filename: 'same.csv', data: 'second' });
      expect(again.status).toBe(409);
      expect(readFileSync(onDisk('inputs', 'ow', 'same.csv'), 'utf8')).toBe('first');
      // With overwrite, the destination must be known before the file: fields after it are refused.
      const late = await request(ctx.app)
        .post('/api/files/upload?overwrite=true')
        .set('Authorization', `Bearer ${analyst.token}`)
        .attach('file', Buffer.from('clobber'), 'same.csv')
        .field('path', 'ow')
        .field('area', 'inputs');
      expect(late.status).toBe(422);
      expect(readFileSync(onDisk('inputs', 'ow', 'same.csv'), 'utf8')).toBe('first');
      const replaced = await upload(ctx.app, analyst.token, {
        path: 'ow',
        area: 'inputs',
        filename: 'same.csv',
        data: 'second',
        query: '?overwrite=true',
      });
      expect(replaced.status).toBe(201);
      expect(readFileSync(onDisk('inputs', 'ow', 'same.csv'), 'utf8')).toBe('second');
      expect(readdirSync(onDisk('inputs', 'ow'))).toEqual(['same.csv']);
    });

    it('when path and area come as query parameters, then they are used', async () => {
      const res = await upload(ctx.app, admin.token, {
        filename: 'q.json',
        data: '{}',
        query: '?area=output_share&path=Team%20Q',
      });
      expect(res.status).toBe(201);
      expect(existsSync(onDisk('output_share', 'Team Q', 'q.json'))).toBe(true);
    });
  });

  describe('mkdir and delete', () => {
    it('when a folder is made, then 201 (200 the second time), and it is audited once', async () => {
      const first = await request(ctx.app)
        .post('/api/files/mkdir')
        .set(analyst.auth)
        .send({ path: 'new/deep', area: 'inputs' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ status: 'created', area: 'inputs', path: 'new/deep' });
      expect(existsSync(onDisk('inputs', 'new', 'deep'))).toBe(true);
      const second = await request(ctx.app).post('/api/files/mkdir').set(analyst.auth).send({ path: 'new/deep' });
      expect(second.status).toBe(200);
      expect((await auditRows('files.mkdir')).filter((row) => row.target === 'inputs/new/deep')).toHaveLength(1);
    });

    it('when deleting, then a file goes (audited), a folder with contents is 409, a missing path is 404', async () => {
      await upload(ctx.app, analyst.token, { path: 'del', filename: 'gone.csv', data: 'x' });
      expect((await request(ctx.app).delete('/api/files/del').set(analyst.auth)).status).toBe(409);
      const res = await request(ctx.app).delete('/api/files/del/gone.csv?area=inputs').set(analyst.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'deleted', area: 'inputs', path: 'del/gone.csv' });
      expect(existsSync(onDisk('inputs', 'del', 'gone.csv'))).toBe(false);
      const [audit] = (await auditRows('files.delete')).filter((row) => row.target === 'inputs/del/gone.csv');
      expect(audit).toMatchObject({ actorId: analyst.user.id });
      expect((await request(ctx.app).delete('/api/files/del').set(analyst.auth)).status).toBe(200);
      expect((await request(ctx.app).delete('/api/files/del/gone.csv').set(analyst.auth)).status).toBe(404);
    });
  });

  describe('signed URLs', () => {
    it('when a URL is requested, then the link downloads without a token until it expires', async () => {
      const data = randomBytes(4096);
      await upload(ctx.app, admin.token, { area: 'output_share', path: 'Team Alpha', filename: 'r.csv', data });
      const res = await request(ctx.app).get('/api/files/url/Team%20Alpha/r.csv?area=output_share').set(alpha.auth);
      expect(res.status).toBe(200);
      expect(res.body.expires_in).toBe(3600);
      expect(res.body.url).toMatch(/^\/api\/files\/signed\/[\w-]+\.[\w-]+$/);

      const fetched = await binary(request(ctx.app).get(res.body.url));
      expect(fetched.status).toBe(200);
      expect((fetched.body as Buffer).equals(data)).toBe(true);
      expect(fetched.headers['content-disposition']).toContain("filename*=UTF-8''r.csv");

      const token = (res.body.url as string).split('/').pop()!;
      const [payload, signature] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ a: 'inputs', p: 'ow/same.csv', e: 4102444800 })).toString(
        'base64url',
      );
      for (const bad of [`${forged}.${signature}`, `${payload}.${signature!.slice(1)}A`, 'garbage']) {
        expect((await request(ctx.app).get(`/api/files/signed/${bad}`)).status).toBe(403);
      }
      const expired = createSignedToken(ctx.config.auth.secretKey, 'output_share', 'Team Alpha/r.csv', 1_000);
      const late = await request(ctx.app).get(`/api/files/signed/${expired}`);
      expect(late.status).toBe(403);
      expect(late.body.detail).toMatch(/expired/);
    });

    it('when expires_in is out of bounds, then 422', async () => {
      for (const value of ['0', '-5', '604801', 'soon']) {
        const res = await request(ctx.app).get(`/api/files/url/ow/same.csv?expires_in=${value}`).set(admin.auth);
        expect(res.status, value).toBe(422);
      }
      const ok = await request(ctx.app).get('/api/files/url/ow/same.csv?expires_in=60').set(admin.auth);
      expect(ok.body.expires_in).toBe(60);
    });
  });

  describe('roles', () => {
    it('when nobody is signed in, then every route but signed links is 401', async () => {
      const calls = [
        request(ctx.app).get('/api/files/list'),
        upload(ctx.app, null, { filename: 'a.csv', data: 'a' }),
        request(ctx.app).get('/api/files/download/ow/same.csv'),
        request(ctx.app).get('/api/files/url/ow/same.csv'),
        request(ctx.app).delete('/api/files/ow/same.csv'),
        request(ctx.app).post('/api/files/mkdir').send({ path: 'x' }),
      ];
      for (const res of await Promise.all(calls)) expect(res.status).toBe(401);
      expect(readFileSync(onDisk('inputs', 'ow', 'same.csv'), 'utf8')).toBe('second');
    });

    it('when a role lacks the permission, then 403 (outputs are read-only for everyone)', async () => {
      expect((await request(ctx.app).get('/api/files/list?area=outputs').set(analyst.auth)).status).toBe(200);
      const toOutputs = await upload(ctx.app, admin.token, { area: 'outputs', filename: 'o.csv', data: 'o' });
      expect(toOutputs.status, JSON.stringify(toOutputs.body)).toBe(403);
      expect(existsSync(onDisk('outputs', 'o.csv'))).toBe(false);
      expect((await request(ctx.app).get('/api/files/list').set(alpha.auth)).status).toBe(403);
      expect((await request(ctx.app).get('/api/files/list?area=outputs').set(alpha.auth)).status).toBe(403);
      expect((await upload(ctx.app, alpha.token, { filename: 'a.csv', data: 'a' })).status).toBe(403);
      expect((await request(ctx.app).get('/api/files/download/ow/same.csv').set(alpha.auth)).status).toBe(403);
    });

    it('when a sales-team user browses output_share, then only their team folder exists for them, read-only', async () => {
      await upload(ctx.app, admin.token, {
        area: 'output_share',
        path: 'Team Alpha/2024',
        filename: 'mine.csv',
        data: 'm',
      });
      await upload(ctx.app, admin.token, {
        area: 'output_share',
        path: 'Team Beta',
        filename: 'theirs.csv',
        data: 't',
      });

      const root = await request(ctx.app).get('/api/files/list?area=output_share&recursive=true').set(alpha.auth);
      expect(root.status).toBe(200);
      expect(root.body.files.map((entry: { path: string }) => entry.path)).toEqual([
        'Team Alpha',
        'Team Alpha/2024',
        'Team Alpha/2024/mine.csv',
        'Team Alpha/r.csv',
      ]);
      const own = await binary(
        request(ctx.app).get('/api/files/download/Team%20Alpha/2024/mine.csv?area=output_share').set(alpha.auth),
      );
      expect(own.status).toBe(200);
      expect((own.body as Buffer).toString()).toBe('m');

      const other = [
        request(ctx.app).get('/api/files/list?area=output_share&path=Team%20Beta').set(alpha.auth),
        request(ctx.app).get('/api/files/download/Team%20Beta/theirs.csv?area=output_share').set(alpha.auth),
        request(ctx.app).get('/api/files/url/Team%20Beta/theirs.csv?area=output_share').set(alpha.auth),
        request(ctx.app).get('/api/files/download/Team%20Q/q.json?area=output_share').set(alpha.auth),
      ];
      for (const res of await Promise.all(other)) expect(res.status).toBe(404);

      const writes = [
        upload(ctx.app, alpha.token, { area: 'output_share', path: 'Team Alpha', filename: 'w.csv', data: 'w' }),
        request(ctx.app).delete('/api/files/Team%20Alpha/2024/mine.csv?area=output_share').set(alpha.auth),
        request(ctx.app).post('/api/files/mkdir').set(alpha.auth).send({ area: 'output_share', path: 'Team Alpha/x' }),
      ];
      for (const res of await Promise.all(writes)) expect(res.status).toBe(403);
      expect(readdirSync(onDisk('output_share', 'Team Alpha'))).toEqual(['2024', 'r.csv']);
    });
  });

  describe('hostile input', () => {
    const marker = `pwned-${randomBytes(4).toString('hex')}`;

    /** Every place a traversal could have landed: nothing named after the marker anywhere. */
    function assertNothingEscaped() {
      const found: string[] = [];
      const walk = (dir: string, depth: number) => {
        if (!existsSync(dir) || depth > 6) return;
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.name.includes(marker)) found.push(join(dir, entry.name));
          if (entry.isDirectory() && !entry.isSymbolicLink()) walk(join(dir, entry.name), depth + 1);
        }
      };
      walk(join(ctx.storageRoot, '..'), 0);
      walk(outside, 0);
      expect(found).toEqual([]);
    }

    it('when paths climb out of the area (plain, encoded, absolute, backslash, NUL), then 4xx and nothing is written', async () => {
      const paths = [
        '../',
        '../..',
        '..%2f..',
        '%2e%2e/%2e%2e',
        '%252e%252e/x',
        '/etc',
        '/tmp',
        'a\\..\\..',
        'x%00y',
        'C:/x',
      ];
      for (const path of paths) {
        const list = await request(ctx.app).get(`/api/files/list?path=${path}`).set(admin.auth);
        expect(list.status, `list ${path}`).toBe(422);
        const res = await upload(ctx.app, admin.token, {
          path: decodeURIComponent(path),
          filename: `${marker}.csv`,
          data: 'x',
        });
        expect(res.status, `upload ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `upload ${path}`).toBeLessThan(500);
        const mkdir = await request(ctx.app)
          .post('/api/files/mkdir')
          .set(admin.auth)
          .send({ path: `${decodeURIComponent(path)}/${marker}` });
        expect(mkdir.status, `mkdir ${path}`).toBe(422);
      }
      const urls = [
        '/api/files/download/..%2f..%2fetc%2fpasswd',
        '/api/files/download/%2e%2e/%2e%2e/etc/passwd',
        '/api/files/download/..%252f..%252fetc%252fpasswd',
        '/api/files/download/a%5c..%5c..%5cx',
        '/api/files/download/a%00b.csv',
        '/api/files/download/%2fetc%2fpasswd',
        '/api/files/url/..%2fsecret.csv',
        '/api/files/download/tapes%2f2024-06%2ftape.csv',
      ];
      for (const url of urls) {
        const res = await request(ctx.app).get(url).set(admin.auth);
        expect(res.status, url).toBe(422);
      }
      for (const url of [
        '/api/files/..%2f..%2fvictim',
        '/api/files/%2e%2e/%2e%2e/victim',
        `/api/files/a%00${marker}`,
      ]) {
        expect((await request(ctx.app).delete(url).set(admin.auth)).status, url).toBe(422);
      }
      assertNothingEscaped();
    });

    it('when the uploaded file name holds a path, then it is refused and nothing is written', async () => {
      for (const filename of [
        `../${marker}.csv`,
        `../../${marker}.csv`,
        `..\\${marker}.csv`,
        `sub/${marker}.csv`,
        '..',
        '',
      ]) {
        const res = await upload(ctx.app, admin.token, { filename, data: 'x' });
        expect(res.status, filename).toBe(422);
        expect(res.body.detail[0].loc, filename).toEqual(['body', 'file']);
      }
      assertNothingEscaped();
    });

    it('when the area is unknown, then 422', async () => {
      expect((await request(ctx.app).get('/api/files/list?area=secrets').set(admin.auth)).status).toBe(422);
      expect((await upload(ctx.app, admin.token, { area: 'secrets', filename: 'a.csv', data: 'a' })).status).toBe(422);
      expect(
        (await request(ctx.app).post('/api/files/mkdir').set(admin.auth).send({ area: 'etc', path: 'x' })).status,
      ).toBe(422);
      expect((await request(ctx.app).get('/api/files/download/ow/same.csv?area=..').set(admin.auth)).status).toBe(422);
      expect(existsSync(onDisk('secrets'))).toBe(false);
    });

    it('when an upload is over MAX_UPLOAD_MB, then 413 and nothing (not even a temp file) is left', async () => {
      const res = await upload(ctx.app, admin.token, {
        path: 'big',
        filename: `${marker}.csv`,
        data: randomBytes(1024 * 1024 + 1),
      });
      expect(res.status).toBe(413);
      expect(res.body.detail).toMatch(/1 MiB/);
      expect(existsSync(onDisk('inputs', 'big')) ? readdirSync(onDisk('inputs', 'big')) : []).toEqual([]);
      const exact = await upload(ctx.app, admin.token, {
        path: 'big',
        filename: 'exact.csv',
        data: randomBytes(1024 * 1024),
      });
      expect(exact.status).toBe(201);
    });

    it('when the extension is not allowed in inputs, then 422 naming the allowed ones', async () => {
      for (const filename of [`${marker}.exe`, `${marker}`, `${marker}.csv.sh`]) {
        const res = await upload(ctx.app, analyst.token, { filename, data: 'x' });
        expect(res.status, filename).toBe(422);
        expect(res.body.detail[0].msg).toContain('.csv, .xlsx, .xls, .txt, .json, .zip');
      }
      const shared = await upload(ctx.app, admin.token, {
        area: 'output_share',
        path: 'Team Z',
        filename: 'notes.md',
        data: '#',
      });
      expect(shared.status).toBe(201);
      assertNothingEscaped();
    });

    it('when a link inside inputs points outside, then nothing can be read or written through it', async () => {
      mkdirSync(join(outside, 'target'), { recursive: true });
      symlinkSync(join(outside, 'target'), onDisk('inputs', 'link-out'));
      symlinkSync('/etc/hostname', onDisk('inputs', 'hostname.txt'));
      const res = [
        await upload(ctx.app, admin.token, { path: 'link-out', filename: `${marker}.csv`, data: 'x' }),
        await request(ctx.app).get('/api/files/list?path=link-out').set(admin.auth),
        await request(ctx.app).get('/api/files/download/hostname.txt').set(admin.auth),
        await request(ctx.app).get('/api/files/url/hostname.txt').set(admin.auth),
        await request(ctx.app)
          .post('/api/files/mkdir')
          .set(admin.auth)
          .send({ path: `link-out/${marker}` }),
        await request(ctx.app).delete('/api/files/link-out/anything').set(admin.auth),
      ];
      for (const response of res) expect(response.status).toBe(400);
      expect(readdirSync(join(outside, 'target'))).toEqual([]);
      const listed = await request(ctx.app).get('/api/files/list').set(admin.auth);
      expect(listed.body.files.map((entry: { name: string }) => entry.name)).not.toContain('link-out');
      assertNothingEscaped();
    });

    it('when the multipart body is wrong, then 4xx and nothing is stored', async () => {
      const noFile = await request(ctx.app).post('/api/files/upload').set(admin.auth).field('path', 'x');
      expect(noFile.status).toBe(422);
      expect(noFile.body.detail[0].loc).toEqual(['body', 'file']);
      const json = await request(ctx.app).post('/api/files/upload').set(admin.auth).send({ file: 'x' });
      expect(json.status).toBe(422);
      const two = await request(ctx.app)
        .post('/api/files/upload')
        .set(admin.auth)
        .attach('file', Buffer.from('a'), 'one.csv')
        .attach('file', Buffer.from('b'), 'two.csv');
      expect(two.status).toBe(422);
      expect(existsSync(onDisk('inputs', 'one.csv'))).toBe(false);
      const late = await request(ctx.app)
        .post('/api/files/upload')
        .set(admin.auth)
        .attach('file', Buffer.from('late'), 'late.csv')
        .field('path', 'elsewhere');
      expect(late.status).toBe(422);
      expect(existsSync(onDisk('inputs', 'late.csv'))).toBe(false);
      expect(existsSync(onDisk('inputs', 'elsewhere', 'late.csv'))).toBe(false);
    });

    it('when the client disconnects mid-upload, then no partial file (nor temp file) remains', async () => {
      await request(ctx.app).post('/api/files/mkdir').set(admin.auth).send({ path: 'cut' });
      const server = createServer(ctx.app).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const { body, contentType } = multipart([
          { name: 'path', value: 'cut' },
          { name: 'file', filename: 'half.csv', data: randomBytes(900_000) },
        ]);
        const client = httpRequest({
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          method: 'POST',
          path: '/api/files/upload',
          headers: { ...admin.auth, 'Content-Type': contentType, 'Content-Length': String(body.length) },
        });
        client.on('error', () => undefined);
        client.write(body.subarray(0, 400_000));
        const started = Date.now();
        while (readdirSync(onDisk('inputs', 'cut')).length === 0 && Date.now() - started < 3_000) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        // The upload is in flight: bytes are going into a hidden temp file, never under the real name.
        expect(readdirSync(onDisk('inputs', 'cut'))).toEqual([expect.stringMatching(/^\.~upload-.*\.part$/)]);
        client.destroy();
        const deadline = Date.now() + 3_000;
        while (readdirSync(onDisk('inputs', 'cut')).length > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        expect(readdirSync(onDisk('inputs', 'cut'))).toEqual([]);
      } finally {
        server.close();
      }
    });
  });

  it('when the OpenAPI document is generated, then every files route is in it, secured, upload as multipart', async () => {
    const doc = (await request(ctx.app).get('/openapi.json')).body;
    for (const [path, method] of [
      ['/api/files/list', 'get'],
      ['/api/files/upload', 'post'],
      ['/api/files/download/{file_path}', 'get'],
      ['/api/files/url/{file_path}', 'get'],
      ['/api/files/{file_path}', 'delete'],
      ['/api/files/mkdir', 'post'],
      ['/api/files/signed/{token}', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
      if (!path.includes('signed')) expect(doc.paths[path][method].security).toEqual([{ OAuth2PasswordBearer: [] }]);
    }
    expect(Object.keys(doc.paths['/api/files/upload'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
