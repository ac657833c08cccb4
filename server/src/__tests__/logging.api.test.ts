// Secrets never reach the log: passwords, bearer tokens and signed-link tokens are absent from
// every line the app writes while people sign in and fetch files.
import { Writable } from 'node:stream';
import request from 'supertest';
import { expect, it } from 'vitest';
import { createApp, redactUrl } from '../app.js';
import { createLogger } from '../lib/logger.js';
import { describeEachDatabase } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { createUserAndToken, TEST_PASSWORD } from '../../test/auth-helpers.js';

it('when a signed link is logged, then its token is redacted', () => {
  expect(redactUrl('/api/files/signed/abc.def-123?x=1')).toBe('/api/files/signed/[redacted]?x=1');
  expect(redactUrl('/api/runs/1')).toBe('/api/runs/1');
});

describeEachDatabase('logging', (provider) => {
  const ctx = useTestApp(provider);

  it('when users sign in, call the API and fetch a signed link, then no password or token is logged', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = createApp({ ...ctx, logger: createLogger('debug', sink) });
    const analyst = await createUserAndToken(ctx, { role: 'analyst' });
    const login = await request(app)
      .post('/api/auth/login')
      .send({ username: analyst.user.username, password: TEST_PASSWORD });
    await request(app)
      .post('/api/auth/login')
      .send({ username: analyst.user.username, password: 'a-wrong-password-9' });
    await request(app).get('/api/auth/me').set('Authorization', `Bearer ${login.body.access_token}`);
    await request(app).get('/api/auth/me').set('Authorization', 'Bearer not.a.valid-token');
    await request(app)
      .post('/api/files/upload?area=inputs&path=')
      .set(analyst.auth)
      .attach('file', Buffer.from('id,balance\n1,100\n'), 'tape.csv');
    const link = await request(app).get('/api/files/url/tape.csv?area=inputs').set(analyst.auth);
    expect(link.status).toBe(200);
    const signedPath = new URL(link.body.url, 'http://local').pathname;
    expect((await request(app).get(signedPath)).status).toBe(200);

    const log = lines.join('');
    expect(log).toContain('request completed');
    for (const secret of [
      TEST_PASSWORD,
      'a-wrong-password-9',
      login.body.access_token,
      analyst.token,
      signedPath.split('/').pop()!,
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/\$2[aby]\$/);
  });
});
