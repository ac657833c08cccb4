import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, UnauthorizedError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { Prisma } from '../../db.js';
import { Prisma as SqlitePrisma } from '../../../../generated/sqlite/index.js';
import { errorMiddleware, notFoundHandler } from '../error-middleware.js';
import { input, validate } from '../validate.js';

const itemSchema = z.object({
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: z.object({ name: z.string().min(2), amount: z.number() }),
});

function buildApp() {
  const app = express();
  app.use(express.json());
  app.post('/items/:id', validate(itemSchema), (req, res) => {
    const { params, body } = input(req, itemSchema);
    res.json({ id: params.id, name: body.name });
  });
  app.get('/missing', () => {
    throw new NotFoundError('Run abc not found');
  });
  app.get('/conflict', async () => {
    throw new ConflictError('Already exists');
  });
  app.get('/unauthorized', () => {
    throw new UnauthorizedError();
  });
  app.get('/crash', () => {
    throw new Error('connection string postgresql://user:secret@db leaked');
  });
  app.get('/unique-sqlite', () => {
    throw new SqlitePrisma.PrismaClientKnownRequestError('Unique constraint failed', {
      code: 'P2002',
      clientVersion: 'test',
    });
  });
  app.get('/unique', () => {
    throw new Prisma.PrismaClientKnownRequestError('Unique constraint failed', {
      code: 'P2002',
      clientVersion: 'test',
    });
  });
  app.use(notFoundHandler);
  app.use(errorMiddleware(createLogger('silent')));
  return app;
}

describe('error middleware and validation', () => {
  const app = buildApp();

  it('when input is valid, then the handler gets parsed, typed values', async () => {
    const res = await request(app).post('/items/7').send({ name: 'tape', amount: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 7, name: 'tape' });
  });

  it('when input is invalid, then 422 lists each problem with loc, msg and type (FastAPI shape)', async () => {
    const res = await request(app).post('/items/abc').send({ name: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ loc: ['params', 'id'], type: 'invalid_type' }),
        expect.objectContaining({ loc: ['body', 'name'], type: 'too_small' }),
        expect.objectContaining({ loc: ['body', 'amount'], type: 'invalid_type' }),
      ]),
    );
    for (const issue of res.body.detail) expect(typeof issue.msg).toBe('string');
  });

  it('when a typed error is thrown (sync or async), then its status and message are answered as {detail}', async () => {
    expect((await request(app).get('/missing')).body).toEqual({ detail: 'Run abc not found' });
    const conflict = await request(app).get('/conflict');
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ detail: 'Already exists' });
    const unauthorized = await request(app).get('/unauthorized');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['www-authenticate']).toBe('Bearer');
  });

  it('when an unknown error is thrown, then 500 says nothing about its internals', async () => {
    const res = await request(app).get('/crash');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ detail: 'Internal server error' });
    expect(res.text).not.toContain('secret');
  });

  it("when Prisma reports a unique violation (from either provider's client), then it is a 409", async () => {
    expect((await request(app).get('/unique-sqlite')).status).toBe(409);
    const res = await request(app).get('/unique');
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/already exists/);
  });

  it('when the JSON body is malformed, then 422 says so in the validation shape', async () => {
    const res = await request(app).post('/items/1').set('Content-Type', 'application/json').send('{"name": ');
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [{ loc: ['body'], msg: 'Request body is not valid JSON', type: 'json_invalid' }],
    });
  });

  it('when no route matches, then 404 is JSON', async () => {
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'No route for GET /nowhere' });
  });
});
