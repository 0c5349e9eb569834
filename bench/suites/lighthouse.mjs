// Lighthouse mobile performance of the public tip page and the officer app's first screen, in Debian's chromium.
// Lighthouse is a pinned dev dependency (12.x: 13.x needs Node 22), run from node_modules: nothing is downloaded at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from '../lib/procs.mjs';

export const LIGHTHOUSE = 'lighthouse@12.8.2';
const CHROMIUM = '/usr/bin/chromium';

function lighthouse(url, out) {
  const r = spawnSync(
    fileURLToPath(new URL('../../node_modules/.bin/lighthouse', import.meta.url)),
    [
      url,
      '--only-categories=performance',
      '--form-factor=mobile',
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
      '--chrome-flags=--headless --no-sandbox --disable-gpu',
    ],
    { encoding: 'utf8', env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 240_000 },
  );
  if (r.status !== 0 || !existsSync(out))
    return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-5).join(' ') };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const a = report.audits;
  return {
    score: Math.round(report.categories.performance.score * 100),
    note: `FCP ${a['first-contentful-paint']?.displayValue}, LCP ${a['largest-contentful-paint']?.displayValue}, TBT ${a['total-blocking-time']?.displayValue}, CLS ${a['cumulative-layout-shift']?.displayValue}`,
  };
}

export async function benchLighthouse(ctx) {
  const { log, record, scratch } = ctx;
  if (!existsSync(CHROMIUM)) {
    log('Lighthouse: no /usr/bin/chromium (apt-get install chromium); skipped');
    return;
  }
  const app = ctx.pgliteApp ?? (await startApp({ dataDir: join(scratch, 'pglite') }));
  const pages = [
    { name: 'Lighthouse mobile performance, public tip page', path: '/to-giac?phuong=thanh-vinh', target: 95 },
    { name: 'Lighthouse mobile performance, officer app (sign-in screen)', path: '/app/', target: 85 },
  ];
  for (const p of pages) {
    log(`Lighthouse (${LIGHTHOUSE}, mobile, Debian chromium): ${p.path}`);
    let r = lighthouse(`${app.base}${p.path}`, join(scratch, `lighthouse-${pages.indexOf(p)}.json`));
    // Lighthouse now and then loses the trace of a load (NO_NAVSTART); once more is what it asks for.
    if (r.error) {
      log(`  Lighthouse failed (${r.error}); once more`);
      r = lighthouse(`${app.base}${p.path}`, join(scratch, `lighthouse-${pages.indexOf(p)}-again.json`));
    }
    if (r.error) {
      log(`  Lighthouse could not run: ${r.error}`);
      record({
        name: p.name,
        figure: null,
        unit: '',
        baseline: p.target,
        baselineName: 'target',
        target: `≥ ${p.target}`,
        pass: false,
        note: `not run: ${r.error}`,
      });
      continue;
    }
    record({
      name: p.name,
      figure: r.score,
      unit: '/100',
      baseline: p.target,
      baselineName: 'target',
      target: `≥ ${p.target}`,
      pass: r.score >= p.target,
      note: r.note,
    });
  }
  await app.stop();
}
