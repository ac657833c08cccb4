import jwt from 'jsonwebtoken';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.js';
import { useTestApp } from '../../../../test/test-app.js';
import { createUserAndToken, TEST_PASSWORD, type TestUser } from '../../../../test/auth-helpers.js';
import { seedSalesTeams } from '../../sales-teams/sales-teams.service.js';
import { salesTeamsRepository } from '../../sales-teams/sales-teams.repository.js';

const HASH_PATTERN = /\$2[aby]\$\d\d\$/;

describeEachDatabase('auth and users API', (provider) => {
  const ctx = useTestApp(provider, { LOGIN_MAX_FAILURES: '1000', LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
  let admin: TestUser;
  let analyst: TestUser;
  let sales: TestUser;
  let teamAlphaId: number;

  beforeAll(async () => {
    await seedSalesTeams(salesTeamsRepository(ctx.db.prisma));
    admin = await createUserAndToken(ctx, { role: 'admin', username: 'root-admin' });
    analyst = await createUserAndToken(ctx, { role: 'analyst', username: 'ana' });
    sales = await createUserAndToken(ctx, { role: 'sales_team', salesTeamName: 'Team Alpha', username: 'sam' });
    teamAlphaId = sales.user.salesTeamId!;
  });

  describe('login', () => {
    it('when JSON credentials are right, then it answers a bearer token and the user, without secrets', async () => {
      const res = await request(ctx.app).post('/api/auth/login').send({ username: 'ana', password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        token_type: 'bearer',
        user: { username: 'ana', role: 'analyst', is_active: true },
      });
      expect(res.body.access_token.split('.')).toHaveLength(3);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(JSON.stringify(res.body)).not.toMatch(HASH_PATTERN);
      expect(res.body.user).not.toHaveProperty('hashed_password');
      const me = await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.access_token}`);
      expect(me.body.username).toBe('ana');
    });

    it('when the OAuth2 password form is posted (as Swagger sends it), then it works the same', async () => {
      const res = await request(ctx.app)
        .post('/api/auth/login')
        .type('form')
        .send({ grant_type: 'password', username: 'sam', password: TEST_PASSWORD, scope: '' });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({
        username: 'sam',
        role: 'sales_team',
        sales_team_id: teamAlphaId,
        sales_team_name: 'Team Alpha',
      });
    });

    it('when the username or the password is wrong, then both give the same 401', async () => {
      const wrongUser = await request(ctx.app)
        .post('/api/auth/login')
        .send({ username: 'nobody', password: TEST_PASSWORD });
      const wrongPassword = await request(ctx.app)
        .post('/api/auth/login')
        .send({ username: 'ana', password: 'not-the-password' });
      expect(wrongUser.status).toBe(401);
      expect(wrongPassword.status).toBe(401);
      expect(wrongUser.body).toEqual(wrongPassword.body);
      expect(wrongUser.body).toEqual({ detail: 'Incorrect username or password' });
    });

    it('when fields are missing, then 422 names them', async () => {
      const res = await request(ctx.app).post('/api/auth/login').send({ username: '' });
      expect(res.status).toBe(422);
      expect(res.body.detail.map((issue: { loc: string[] }) => issue.loc.join('.'))).toEqual([
        'body.username',
        'body.password',
      ]);
    });

    it('when a login succeeds or fails, then the audit log records it', async () => {
      await request(ctx.app).post('/api/auth/login').send({ username: 'ana', password: 'definitely-wrong' });
      const entries = await ctx.db.prisma.auditLog.findMany({ where: { actorUsername: 'ana' } });
      expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed']));
      expect(JSON.stringify(entries)).not.toContain('definitely-wrong');
    });
  });

  describe('tokens', () => {
    const secret = () => ctx.config.auth.secretKey;
    const sign = (payload: object, key: string, options: jwt.SignOptions) => jwt.sign(payload, key, options);
    const expectRefused = async (token: string) => {
      const res = await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      return res;
    };

    it('when no token is sent, then 401 with WWW-Authenticate: Bearer', async () => {
      const res = await request(ctx.app).get('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).toEqual({ detail: 'Not authenticated' });
    });

    it('when the token is expired, tampered, unsigned, HS512-switched, wrong-secret or garbage, then 401', async () => {
      const base = { typ: 'access', pwd: 0 };
      const opts = { subject: String(admin.user.id), issuer: ctx.config.appName };
      // Control: this base, correctly signed, is accepted — each case below breaks exactly one thing.
      const control = sign(base, secret(), { ...opts, algorithm: 'HS256' });
      expect((await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${control}`)).status).toBe(200);
      await expectRefused(sign({ typ: 'access' }, secret(), { ...opts, algorithm: 'HS256' }));
      const expired = await expectRefused(
        sign({ ...base, exp: Math.floor(Date.now() / 1000) - 60 }, secret(), { ...opts, algorithm: 'HS256' }),
      );
      expect(expired.body.detail).toMatch(/expired/);
      const [header, , signature] = analyst.token.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({ ...base, sub: String(admin.user.id), iss: ctx.config.appName }),
      ).toString('base64url');
      await expectRefused(`${header}.${forgedPayload}.${signature}`);
      const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      await expectRefused(`${noneHeader}.${forgedPayload}.`);
      await expectRefused(sign(base, secret(), { ...opts, algorithm: 'HS512' }));
      await expectRefused(sign(base, 'another-secret-entirely-0123456789', { ...opts, algorithm: 'HS256' }));
      await expectRefused('garbage');
      await expectRefused('a.b.c');
      await expectRefused(sign({ typ: 'refresh' }, secret(), { ...opts, algorithm: 'HS256' }));
    });

    it('when a user is deactivated, then their existing token stops working at once', async () => {
      const victim = await createUserAndToken(ctx, { role: 'analyst' });
      expect((await request(ctx.app).get('/api/auth/me').set(victim.auth)).status).toBe(200);
      const res = await request(ctx.app)
        .put(`/api/auth/users/${victim.user.id}`)
        .set(admin.auth)
        .send({ is_active: false });
      expect(res.body.is_active).toBe(false);
      await expectRefused(victim.token);
      const login = await request(ctx.app)
        .post('/api/auth/login')
        .send({ username: victim.user.username, password: TEST_PASSWORD });
      expect(login.status).toBe(401);
      expect(login.body.detail).toMatch(/deactivated/);
    });

    it('when a role changes, then the next request uses the new role', async () => {
      const promoted = await createUserAndToken(ctx, { role: 'analyst' });
      expect((await request(ctx.app).get('/api/auth/users').set(promoted.auth)).status).toBe(403);
      await request(ctx.app).put(`/api/auth/users/${promoted.user.id}`).set(admin.auth).send({ role: 'admin' });
      expect((await request(ctx.app).get('/api/auth/users').set(promoted.auth)).status).toBe(200);
    });
  });

  describe('who may call what', () => {
    const roles = ['admin', 'analyst', 'sales_team', 'anonymous'] as const;
    const headersFor = (role: (typeof roles)[number]): Record<string, string> =>
      role === 'admin' ? admin.auth : role === 'analyst' ? analyst.auth : role === 'sales_team' ? sales.auth : {};

    const matrix: {
      call: string;
      expected: Record<(typeof roles)[number], number>;
      send: (h: Record<string, string>) => request.Test;
    }[] = [
      {
        call: 'GET /me',
        expected: { admin: 200, analyst: 200, sales_team: 200, anonymous: 401 },
        send: (h) => request(ctx.app).get('/api/auth/me').set(h),
      },
      {
        call: 'GET /users',
        expected: { admin: 200, analyst: 403, sales_team: 403, anonymous: 401 },
        send: (h) => request(ctx.app).get('/api/auth/users').set(h),
      },
      {
        call: 'POST /register',
        expected: { admin: 201, analyst: 403, sales_team: 403, anonymous: 401 },
        send: (h) =>
          request(ctx.app)
            .post('/api/auth/register')
            .set(h)
            .send({
              email: `m${Math.random().toString(36).slice(2)}@x.test`,
              username: `m${Math.random().toString(36).slice(2, 10)}`,
              password: 'matrix-password-1',
            }),
      },
      {
        call: 'PUT /users/{id}',
        expected: { admin: 200, analyst: 403, sales_team: 403, anonymous: 401 },
        send: (h) => request(ctx.app).put(`/api/auth/users/${analyst.user.id}`).set(h).send({ full_name: 'Ana Lyst' }),
      },
      {
        call: 'GET /sales-teams',
        expected: { admin: 200, analyst: 200, sales_team: 200, anonymous: 401 },
        send: (h) => request(ctx.app).get('/api/sales-teams').set(h),
      },
      {
        call: 'POST /change-password (wrong current)',
        expected: { admin: 422, analyst: 422, sales_team: 422, anonymous: 401 },
        send: (h) =>
          request(ctx.app)
            .post('/api/auth/change-password')
            .set(h)
            .send({ current_password: 'not-mine-at-all', new_password: 'new-password-123' }),
      },
    ];

    for (const { call, expected, send } of matrix) {
      it(`when each role calls ${call}, then ${JSON.stringify(expected)}`, async () => {
        for (const role of roles) {
          const res = await send(headersFor(role));
          expect(res.status, `${role} → ${call}`).toBe(expected[role]);
          expect(JSON.stringify(res.body)).not.toMatch(HASH_PATTERN);
        }
      });
    }
  });

  describe('user management', () => {
    const register = (body: object) => request(ctx.app).post('/api/auth/register').set(admin.auth).send(body);

    it('when an admin registers an analyst, then the analyst can sign in and is refused the users list', async () => {
      const created = await register({
        email: 'New.Analyst@Example.test',
        username: 'new.analyst',
        password: 'analyst-pass-123',
        full_name: 'New Analyst',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: 'new.analyst@example.test',
        username: 'new.analyst',
        role: 'analyst',
        is_active: true,
      });
      const stored = await ctx.db.prisma.user.findUnique({ where: { username: 'new.analyst' } });
      expect(stored?.hashedPassword).toMatch(HASH_PATTERN);
      expect(stored?.hashedPassword).not.toContain('analyst-pass-123');
      const login = await request(ctx.app)
        .post('/api/auth/login')
        .send({ username: 'new.analyst', password: 'analyst-pass-123' });
      expect(login.status).toBe(200);
      const list = await request(ctx.app)
        .get('/api/auth/users')
        .set('Authorization', `Bearer ${login.body.access_token}`);
      expect(list.status).toBe(403);
      const audit = await ctx.db.prisma.auditLog.findFirst({
        where: { action: 'user.create', target: { contains: 'new.analyst' } },
      });
      expect(audit?.actorId).toBe(admin.user.id);
    });

    it('when the email or username is taken, then 409 says which', async () => {
      const duplicateUsername = await register({ email: 'other@x.test', username: 'ana', password: 'some-password-1' });
      expect(duplicateUsername.status).toBe(409);
      expect(duplicateUsername.body.detail).toMatch(/username/);
      const duplicateEmail = await register({
        email: analyst.user.email.toUpperCase(),
        username: 'fresh-name',
        password: 'some-password-1',
      });
      expect(duplicateEmail.status).toBe(409);
      expect(duplicateEmail.body.detail).toMatch(/email/);
    });

    it.each([
      [{ email: 'not-an-email', username: 'valid-name', password: 'long-enough-1' }, 'body.email'],
      [{ email: 'a@x.test', username: 'x', password: 'long-enough-1' }, 'body.username'],
      [{ email: 'a@x.test', username: '../etc', password: 'long-enough-1' }, 'body.username'],
      [{ email: 'a@x.test', username: 'valid-name', password: 'short' }, 'body.password'],
      [{ email: 'a@x.test', username: 'valid-name-1', password: 'VALID-NAME-1' }, 'body.password'],
      [{ email: 'a@x.test', username: 'valid-name', password: 'long-enough-1', role: 'superuser' }, 'body.role'],
      [
        { email: 'a@x.test', username: 'valid-name', password: 'long-enough-1', role: 'sales_team' },
        'body.sales_team_id',
      ],
      [
        {
          email: 'a@x.test',
          username: 'valid-name',
          password: 'long-enough-1',
          role: 'sales_team',
          sales_team_id: 999999,
        },
        'body.sales_team_id',
      ],
      [{ email: 'a@x.test', username: 'valid-name', password: 'x'.repeat(73) }, 'body.password'],
    ])('when registering %o, then 422 points at %s', async (body, location) => {
      const res = await register(body);
      expect(res.status).toBe(422);
      expect(res.body.detail.map((issue: { loc: string[] }) => issue.loc.join('.'))).toContain(location);
    });

    it('when users are listed with filters, then the page and X-Total-Count match', async () => {
      const all = await request(ctx.app).get('/api/auth/users').set(admin.auth);
      expect(Number(all.headers['x-total-count'])).toBe(all.body.length);
      const salesOnly = await request(ctx.app)
        .get(`/api/auth/users?role=sales_team&sales_team_id=${teamAlphaId}`)
        .set(admin.auth);
      expect(salesOnly.body.map((user: { username: string }) => user.username)).toEqual(['sam']);
      const page = await request(ctx.app).get('/api/auth/users?skip=1&limit=2').set(admin.auth);
      expect(page.body).toHaveLength(2);
      expect(page.body[0].id).toBe(all.body[1].id);
      expect(page.headers['x-total-count']).toBe(all.headers['x-total-count']);
      expect((await request(ctx.app).get('/api/auth/users?limit=5000').set(admin.auth)).status).toBe(422);
      expect((await request(ctx.app).get('/api/auth/users?role=boss').set(admin.auth)).status).toBe(422);
    });

    it('when an admin updates a password, then only the new one signs in; unknown users are 404', async () => {
      const target = await createUserAndToken(ctx, { role: 'analyst' });
      const res = await request(ctx.app)
        .put(`/api/auth/users/${target.user.id}`)
        .set(admin.auth)
        .send({ password: 'a-brand-new-pass' });
      expect(res.status).toBe(200);
      const retired = await request(ctx.app).get('/api/auth/me').set(target.auth);
      expect(retired.status).toBe(401);
      expect(retired.body.detail).toBe('The password was changed; sign in again');
      expect(
        (
          await request(ctx.app)
            .post('/api/auth/login')
            .send({ username: target.user.username, password: TEST_PASSWORD })
        ).status,
      ).toBe(401);
      expect(
        (
          await request(ctx.app)
            .post('/api/auth/login')
            .send({ username: target.user.username, password: 'a-brand-new-pass' })
        ).status,
      ).toBe(200);
      expect(
        (await request(ctx.app).put('/api/auth/users/999999').set(admin.auth).send({ full_name: 'x' })).status,
      ).toBe(404);
      expect(
        (await request(ctx.app).put(`/api/auth/users/${target.user.id}`).set(admin.auth).send({ hashed_password: 'x' }))
          .status,
      ).toBe(422);
      expect(
        (await request(ctx.app).put(`/api/auth/users/${target.user.id}`).set(admin.auth).send({ role: 'sales_team' }))
          .status,
      ).toBe(422);
    });

    it('when the last active admin would be deactivated or demoted, then 409; with a second admin it is allowed', async () => {
      const others = await ctx.db.prisma.user.findMany({ where: { role: 'admin', NOT: { id: admin.user.id } } });
      for (const other of others)
        await ctx.db.prisma.user.update({ where: { id: other.id }, data: { isActive: false } });
      const deactivate = await request(ctx.app)
        .put(`/api/auth/users/${admin.user.id}`)
        .set(admin.auth)
        .send({ is_active: false });
      expect(deactivate.status).toBe(409);
      expect(deactivate.body.detail).toMatch(/last active admin/);
      expect(
        (await request(ctx.app).put(`/api/auth/users/${admin.user.id}`).set(admin.auth).send({ role: 'analyst' }))
          .status,
      ).toBe(409);
      const second = await createUserAndToken(ctx, { role: 'admin' });
      const demote = await request(ctx.app)
        .put(`/api/auth/users/${second.user.id}`)
        .set(admin.auth)
        .send({ role: 'analyst' });
      expect(demote.status).toBe(200);
      expect((await ctx.db.prisma.user.findUnique({ where: { id: admin.user.id } }))?.isActive).toBe(true);
    });

    it('when a user changes their own password with the current one, then the new one works', async () => {
      const self = await createUserAndToken(ctx, { role: 'sales_team', salesTeamName: 'Team Beta' });
      const res = await request(ctx.app)
        .post('/api/auth/change-password')
        .set(self.auth)
        .send({ current_password: TEST_PASSWORD, new_password: 'my-new-password-9' });
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('bearer');
      // The token used before the change is retired; the fresh one works.
      expect((await request(ctx.app).get('/api/auth/me').set(self.auth)).status).toBe(401);
      const fresh = { Authorization: `Bearer ${res.body.access_token}` };
      expect((await request(ctx.app).get('/api/auth/me').set(fresh)).status).toBe(200);
      self.auth = fresh;
      expect(
        (
          await request(ctx.app)
            .post('/api/auth/login')
            .send({ username: self.user.username, password: 'my-new-password-9' })
        ).status,
      ).toBe(200);
      const weak = await request(ctx.app)
        .post('/api/auth/change-password')
        .set(self.auth)
        .send({ current_password: 'my-new-password-9', new_password: 'short' });
      expect(weak.status).toBe(422);
    });

    it('when sales teams are listed, then every signed-in user sees id and name', async () => {
      const res = await request(ctx.app).get('/api/sales-teams').set(sales.auth);
      expect(res.body.map((team: { name: string }) => team.name)).toEqual(
        expect.arrayContaining(['Team Alpha', 'Team Beta', 'Team Gamma']),
      );
      expect(Object.keys(res.body[0]).sort()).toEqual(['id', 'name']);
    });
  });

  it('when the OpenAPI document is read, then every auth route is there and secured ones declare the bearer scheme', async () => {
    const doc = (await request(ctx.app).get('/openapi.json')).body;
    for (const [path, method] of [
      ['/api/auth/me', 'get'],
      ['/api/auth/register', 'post'],
      ['/api/auth/users', 'get'],
      ['/api/auth/users/{user_id}', 'put'],
      ['/api/auth/change-password', 'post'],
      ['/api/sales-teams', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.security, `${method} ${path}`).toEqual([{ OAuth2PasswordBearer: [] }]);
    }
    expect(Object.keys(doc.paths['/api/auth/login'].post.requestBody.content)).toEqual([
      'application/x-www-form-urlencoded',
      'application/json',
    ]);
  });
});

describeEachDatabase('login throttling', (provider) => {
  const ctx = useTestApp(provider, { LOGIN_MAX_FAILURES: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '8' });

  it('when one username fails repeatedly, then it gets 429 with Retry-After while others still may try', async () => {
    await createUserAndToken(ctx, { role: 'analyst', username: 'targeted' });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(
        (
          await request(ctx.app)
            .post('/api/auth/login')
            .send({ username: 'targeted', password: 'guess-' + attempt })
        ).status,
      ).toBe(401);
    }
    const blocked = await request(ctx.app)
      .post('/api/auth/login')
      .send({ username: 'targeted', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.detail).toMatch(/Too many failed sign-in attempts/);
    const other = await createUserAndToken(ctx, { role: 'analyst', username: 'bystander' });
    expect(
      (await request(ctx.app).post('/api/auth/login').send({ username: other.user.username, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('when one address keeps trying many usernames, even claiming other addresses, then the per-IP cap answers 429', async () => {
    let last = 0;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      last = (
        await request(ctx.app)
          .post('/api/auth/login')
          .set('X-Forwarded-For', `10.0.${attempt}.1`) // no proxy is trusted by default: ignored
          .send({ username: `spray-${attempt}`, password: 'whatever-password' })
      ).status;
    }
    expect(last).toBe(429);
  });
});

describeEachDatabase('audit log API', (provider) => {
  const ctx = useTestApp(provider);

  it('when an admin reads the audit log, then entries come newest first with a total; others are refused', async () => {
    const admin = await createUserAndToken(ctx, { role: 'admin' });
    const analyst = await createUserAndToken(ctx, { role: 'analyst' });
    await request(ctx.app)
      .post('/api/auth/login')
      .send({ username: analyst.user.username, password: 'wrong-password-x' });
    await request(ctx.app).post('/api/auth/login').send({ username: analyst.user.username, password: TEST_PASSWORD });
    const res = await request(ctx.app).get('/api/audit?limit=1').set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.headers['x-total-count']).toBe('2');
    expect(res.body).toEqual([
      expect.objectContaining({ action: 'auth.login', actor_username: analyst.user.username }),
    ]);
    const failures = await request(ctx.app).get('/api/audit?action=auth.login_failed').set(admin.auth);
    expect(failures.body[0].detail).toEqual({ reason: 'wrong_password' });
    expect((await request(ctx.app).get('/api/audit').set(analyst.auth)).status).toBe(403);
  });
});
