import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from './http.ts';

const serialize = responseSerializer({
  schema: z.object({ id: z.uuid(), on: z.string(), officers: z.array(z.object({ name: z.string() })) }),
  method: 'GET',
  url: '/api/v1/x',
});
const id = '7c1f9a4e-5b2d-4c3a-9e8f-0a1b2c3d4e5f';

describe('response serializer', () => {
  it('writes only what the response schema names (a field the handler leaks is dropped)', () => {
    const out = serialize({ id, on: '2026-11-27', passwordHash: 'x', officers: [{ name: 'Nguyễn Văn A', phone: '0900' }] });
    expect(JSON.parse(out)).toEqual({ id, on: '2026-11-27', officers: [{ name: 'Nguyễn Văn A' }] });
  });

  it('refuses an answer that breaks its schema instead of sending it', () => {
    let error: unknown;
    try {
      serialize({ id: 'not-a-uuid', on: '2026-11-27', officers: [] });
    } catch (err) {
      error = err;
    }
    expect(isResponseSerializationError(error)).toBe(true);
  });
});
