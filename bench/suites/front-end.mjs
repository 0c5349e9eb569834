// Front end: the bytes the public tip page transfers (the page and everything it loads, as the server sends them), and
// the officer app's first load (the entry module and the modules index.html preloads), gzipped, from a build of web/.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One GET as a browser would send it: answers the bytes on the wire (headers and body, compressed if the server did). */
function getRaw(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'vi' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const headerBytes = res.rawHeaders.reduce((a, h, i) => a + h.length + (i % 2 ? 2 : 2), 0) + 20;
        resolve({ status: res.statusCode, body, wire: body.length + headerBytes, encoding: res.headers['content-encoding'] ?? 'identity' });
      });
    });
    req.on('error', reject);
  });
}

const refs = (html, base) =>
  [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref|img[^>]*\ssrc)="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((h) => !h.startsWith('data:') && !h.startsWith('#') && !/^https?:/.test(h))
    .map((h) => new URL(h.replaceAll('&amp;', '&'), base).href);

export async function benchFrontEnd(ctx) {
  const { app, record } = ctx;
  // The public tip page: the first screen a resident opens, with what it links (styles, scripts, images, icons).
  const pageUrl = `${app.base}/to-giac?phuong=thanh-vinh`;
  const page = await getRaw(pageUrl);
  if (page.status !== 200) throw new Error(`${pageUrl}: ${page.status}`);
  const html = page.body.toString('utf8');
  const linked = [...new Set(refs(html, pageUrl))].filter((u) => !u.includes('/to-giac?') && !u.endsWith('/to-giac'));
  let wire = page.wire;
  const parts = [`page ${page.wire} B (${page.encoding})`];
  for (const u of linked) {
    const r = await getRaw(u);
    if (r.status !== 200) continue;
    wire += r.wire;
    parts.push(`${new URL(u).pathname} ${r.wire} B`);
    if (/\.css(\?|$)/.test(u)) {
      for (const m of r.body.toString('utf8').matchAll(/url\(["']?([^)"']+)["']?\)/g)) {
        if (m[1].startsWith('data:')) continue;
        const f = await getRaw(new URL(m[1], u).href);
        if (f.status === 200) {
          wire += f.wire;
          parts.push(`${m[1]} ${f.wire} B`);
        }
      }
    }
  }
  const gzPage = gzipSync(page.body).length;
  record({
    name: 'public tip page, bytes transferred',
    figure: wire / 1024,
    unit: 'KB',
    baseline: 50,
    baselineName: 'target',
    target: '≤ 50 KB',
    pass: wire / 1024 <= 50,
    note: `${parts.join(', ')}; the page alone gzipped would be ${gzPage} B`,
  });

  // The officer app as built for this run (bench/lib/build.mjs): a fresh Vite build, or web/dist as it is in a quick run.
  const dist = ctx.webDist;
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  const modules = [
    ...index.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g),
    ...index.matchAll(/<link rel="modulepreload"[^>]*\shref="([^"]+)"/g),
  ].map((m) => m[1]);
  let raw = 0;
  let gz = 0;
  for (const m of new Set(modules)) {
    const file = readFileSync(join(dist, m.replace(/^\/app\//, '')));
    raw += file.length;
    gz += gzipSync(file, { level: 9 }).length;
  }
  const served = await getRaw(`${app.base}${modules[0]}`);
  record({
    name: 'officer app first load, gzipped JS',
    figure: gz / 1024,
    unit: 'KB',
    baseline: 200,
    baselineName: 'target',
    target: '≤ 200 KB',
    pass: gz / 1024 <= 200,
    note: `${ctx.webFresh ? 'fresh build' : 'web/dist as built'}; ${modules.length} modules (entry + modulepreload), ${(raw / 1024).toFixed(0)} KB before gzip; the server itself sends them ${served.encoding === 'identity' ? 'uncompressed' : served.encoding}`,
  });
}
