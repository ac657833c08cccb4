// The files API with STORAGE_TYPE=s3 against a real S3-compatible server (s3rver on 127.0.0.1),
// on SQLite and PostgreSQL: the core paths, presigned URLs fetched from the server, multipart
// uploads through HTTP, the size limit, hostile paths and team isolation.
import { createHash, randomBytes } from 'node:crypto';
import { ListObjectsCommand, S3Client } from '@aws-sdk/client-s3';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.js';
import { useTestApp } from '../../../../test/test-app.js';
import { createUserAndToken, type TestUser } from '../../../../test/auth-helpers.js';
import { useS3TestServer } from '../../../lib/storage/__tests__/s3-test-server.js';
import { auditRepository } from '../../audit/audit.repository.js';
import { binary, upload } from './files-test-helpers.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describeEachDatabase('files API (S3 storage)', (provider) => {
  const env = useS3TestServer({ MAX_UPLOAD_MB: '9' });
  const ctx = useTestApp(provider, env);
  let admin: TestUser;
  let alpha: TestUser;
  let s3: S3Client;

  async function bucketKeys(): Promise<string[]> {
    const page = await s3.send(new ListObjectsCommand({ Bucket: env.S3_BUCKET_NAME }));
    return (page.Contents ?? []).map((object) => object.Key ?? '');
  }

  beforeAll(async () => {
    admin = await createUserAndToken(ctx, { role: 'admin' });
    alpha = await createUserAndToken(ctx, { role: 'sales_team', salesTeamName: 'Team Alpha' });
    s3 = new S3Client({
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: true,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
    });
  });
  afterAll(() => s3?.destroy());

  it('when the app runs on S3, then uploads land under the area prefix and download byte for byte', async () => {
    expect(ctx.storage.type).toBe('s3');
    const data = randomBytes(250_000);
    const res = await upload(ctx.app, admin.token, { area: 'inputs', path: 'tapes', filename: 'tape.zip', data });
    expect(res.status).toBe(201);
    expect(await bucketKeys()).toContain('inputs/tapes/tape.zip');

    const list = await request(ctx.app).get('/api/files/list?path=tapes').set(admin.auth);
    expect(list.body.files).toEqual([
      expect.objectContaining({ path: 'tapes/tape.zip', size: data.length, is_dir: false }),
    ]);
    const down = await binary(request(ctx.app).get('/api/files/download/tapes/tape.zip').set(admin.auth));
    expect(down.status).toBe(200);
    expect(down.headers['content-type']).toBe('application/zip');
    expect((down.body as Buffer).equals(data)).toBe(true);
  });

  it('when a file is larger than one part, then the multipart upload through HTTP keeps every byte', async () => {
    const data = randomBytes(8.5 * 1024 * 1024);
    const res = await upload(ctx.app, admin.token, { path: 'big', filename: 'multi.csv', data });
    expect(res.status).toBe(201);
    const down = await binary(request(ctx.app).get('/api/files/download/big/multi.csv').set(admin.auth));
    expect(sha256(down.body as Buffer)).toBe(sha256(data));
  });

  it('when an upload is over the limit, then 413 and no object appears', async () => {
    const res = await upload(ctx.app, admin.token, {
      path: 'big',
      filename: 'too-big.csv',
      data: randomBytes(9 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(await bucketKeys()).not.toContain('inputs/big/too-big.csv');
  });

  it('when a file exists, then 409 without overwrite and replaced with ?overwrite=true', async () => {
    await upload(ctx.app, admin.token, { filename: 'same.csv', data: 'first' });
    expect((await upload(ctx.app, admin.token, { filename: 'same.csv', data: 'second' })).status).toBe(409);
    const replaced = await upload(ctx.app, admin.token, {
      filename: 'same.csv',
      data: 'second',
      query: '?overwrite=true',
    });
    expect(replaced.status).toBe(201);
    const down = await request(ctx.app).get('/api/files/download/same.csv').set(admin.auth);
    expect(down.text).toBe('second');
  });

  it('when a URL is requested, then it is an S3 presigned URL that the S3 server serves', async () => {
    const data = randomBytes(20_000);
    await upload(ctx.app, admin.token, { area: 'output_share', path: 'Team Alpha', filename: 'report.csv', data });
    const res = await request(ctx.app)
      .get('/api/files/url/Team%20Alpha/report.csv?area=output_share&expires_in=120')
      .set(alpha.auth);
    expect(res.status).toBe(200);
    expect(res.body.expires_in).toBe(120);
    expect(res.body.url.startsWith(`${env.S3_ENDPOINT}/`)).toBe(true);
    expect(res.body.url).toContain('X-Amz-Expires=120');
    const fetched = await fetch(res.body.url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(data)).toBe(true);
  });

  it('when mkdir and delete run, then the bucket follows and both are audited', async () => {
    expect((await request(ctx.app).post('/api/files/mkdir').set(admin.auth).send({ path: 'made' })).status).toBe(201);
    expect(await bucketKeys()).toContain('inputs/made/');
    await upload(ctx.app, admin.token, { path: 'made', filename: 'x.csv', data: 'x' });
    expect((await request(ctx.app).delete('/api/files/made').set(admin.auth)).status).toBe(409);
    expect((await request(ctx.app).delete('/api/files/made/x.csv').set(admin.auth)).status).toBe(200);
    expect((await request(ctx.app).delete('/api/files/made').set(admin.auth)).status).toBe(200);
    expect((await bucketKeys()).filter((key) => key.startsWith('inputs/made'))).toEqual([]);
    const audit = auditRepository(ctx.db.prisma);
    const deletes = (await audit.list({ action: 'files.delete', skip: 0, limit: 100 })).items.map((row) => row.target);
    expect(deletes).toEqual(expect.arrayContaining(['inputs/made/x.csv', 'inputs/made']));
    const uploads = (await audit.list({ action: 'files.upload', skip: 0, limit: 100 })).items.map((row) => row.target);
    expect(uploads).toContain('inputs/made/x.csv');
  });

  it('when paths are hostile or another team is asked for, then 4xx and the bucket holds only area keys', async () => {
    await upload(ctx.app, admin.token, { area: 'output_share', path: 'Team Beta', filename: 'theirs.csv', data: 't' });
    const responses = [
      await request(ctx.app).get('/api/files/list?path=..%2f').set(admin.auth),
      await request(ctx.app).get('/api/files/download/..%2foutputs%2fx').set(admin.auth),
      await request(ctx.app).get('/api/files/download/%2e%2e/x').set(admin.auth),
      await upload(ctx.app, admin.token, { path: '../outputs', filename: 'evil.csv', data: 'x' }),
      await upload(ctx.app, admin.token, { filename: '../evil.csv', data: 'x' }),
      await upload(ctx.app, admin.token, { area: 'nowhere', filename: 'evil.csv', data: 'x' }),
    ];
    for (const res of responses) expect(res.status).toBe(422);
    for (const res of [
      await request(ctx.app).get('/api/files/list?area=output_share&path=Team%20Beta').set(alpha.auth),
      await request(ctx.app).get('/api/files/download/Team%20Beta/theirs.csv?area=output_share').set(alpha.auth),
    ]) {
      expect(res.status).toBe(404);
    }
    const root = await request(ctx.app).get('/api/files/list?area=output_share').set(alpha.auth);
    expect(root.body.files.map((entry: { path: string }) => entry.path)).toEqual(['Team Alpha']);
    for (const key of await bucketKeys()) {
      expect(key).toMatch(/^(inputs|outputs|output_share)\/[^.]/);
      expect(key).not.toContain('evil');
    }
  });
});
