import fastifyMultipart from '@fastify/multipart';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { readMultipart } from './multipart.ts';

/** Malformed multipart bodies (found by sqlmap against the public forms) are bad input: 400, never 500. */
const app = Fastify();
beforeAll(async () => {
  await app.register(fastifyMultipart);
  app.setErrorHandler((err, _req, reply) =>
    reply.status(err instanceof AppError ? 400 : 500).send({ code: err instanceof AppError ? err.code : 'internal' }),
  );
  app.post('/form', async (req) => (await readMultipart(req)).fields);
  await app.ready();
});
afterAll(() => app.close());

describe('readMultipart', () => {
  it('refuses a multipart body without a boundary, or cut short, with badRequest', async () => {
    const noBoundary = await app.inject({
      method: 'POST',
      url: '/form',
      headers: { 'content-type': 'multipart/form-data' },
      payload: '-----x\r\nContent-Disposition: form-data; name="code"\r\n\r\nabc\r\n-----x--\r\n',
    });
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json()).toEqual({ code: 'badRequest' });
    const cut = await app.inject({
      method: 'POST',
      url: '/form',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="code"\r\n\r\nab',
    });
    expect(cut.statusCode).toBe(400);
  });

  it('reads a well-formed form', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/form',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="code"\r\n\r\nabc\r\n--xyz--\r\n',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ code: 'abc' });
  });
});
