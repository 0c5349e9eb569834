import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { e2e } from './support/app.ts';

const url = (path: string) => `${e2e().baseUrl}${path}`;

/** One GET with the given Accept-Encoding, the body as the server sent it (not decoded). */
function get(url: string, acceptEncoding: string): Promise<{ status: number; encoding?: string; vary?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: res.headers['content-encoding'],
          vary: res.headers.vary,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe("the staff app's files", () => {
  test('are sent compressed as the browser accepts (Brotli, else gzip), and decode to the very same file', async () => {
    const index = (await get(url('/app/'), 'identity')).body.toString('utf8');
    const entry = /src="(\/app\/assets\/index-[^"]+\.js)"/.exec(index)?.[1];
    expect(entry, 'the entry script of index.html').toBeTruthy();
    const plain = await get(url(entry as string), 'identity');
    expect(plain.status).toBe(200);
    expect(plain.encoding).toBeUndefined();

    const br = await get(url(entry as string), 'gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(br.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await get(url(entry as string), 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });
});
