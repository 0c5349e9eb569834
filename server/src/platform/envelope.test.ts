import { describe, expect, it } from 'vitest';
import { Envelope, openFile, openJson, SealError, sealFile, sealJson } from './envelope.ts';

describe('envelope encryption (security.md G9–G11)', () => {
  it('round-trips values under a per-record data key wrapped by the server key', async () => {
    const env = await Envelope.create(Buffer.alloc(32, 3), 'tips');
    const { key, wrapped } = env.newDataKey('tip-1');
    const sealed = sealJson(key, { what: 'Có người buôn bán ma túy ở ngõ 5' }, 'tip-1:body');
    expect(sealed).not.toContain('ma túy');
    expect(openJson(env.unwrap(wrapped, 'tip-1'), sealed, 'tip-1:body')).toEqual({ what: 'Có người buôn bán ma túy ở ngõ 5' });
  });

  it('fails loudly on a flipped byte, another record, another field or another server key', async () => {
    const env = await Envelope.create(Buffer.alloc(32, 3), 'tips');
    const { key, wrapped } = env.newDataKey('tip-1');
    const sealed = sealJson(key, { a: 1 }, 'tip-1:body');
    const parts = sealed.split('.');
    const body = parts[2] as string;
    const flipped = [parts[0], parts[1], (body[0] === 'A' ? 'B' : 'A') + body.slice(1)].join('.');
    expect(() => openJson(key, flipped, 'tip-1:body')).toThrow(SealError);
    expect(() => openJson(key, sealed, 'tip-2:body')).toThrow(SealError);
    expect(() => openJson(key, sealed, 'tip-1:contact')).toThrow(SealError);
    expect(() => env.unwrap(wrapped, 'tip-2')).toThrow(SealError);
    const other = await Envelope.create(Buffer.alloc(32, 4), 'tips');
    expect(() => other.unwrap(wrapped, 'tip-1')).toThrow(SealError);
    const file = sealFile(key, new Uint8Array([1, 2, 3]), 'f1');
    expect([...openFile(key, file, 'f1')]).toEqual([1, 2, 3]);
    file[30] = (file[30] as number) ^ 1;
    expect(() => openFile(key, file, 'f1')).toThrow(SealError);
  });
});
