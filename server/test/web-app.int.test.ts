import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStaticAppFile } from '../src/app.ts';
import { createTestApp, type TestApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the staff app', () => {
  it('does not count its built files against the rate limit; pages and the API still count', async () => {
    const limited = await createTestApp({ RATE_LIMIT: '5' });
    try {
      for (let i = 0; i < 8; i++) {
        const res = await limited.app.inject({ method: 'GET', url: '/app/favicon.svg' });
        expect(res.statusCode, `file ${i}`).not.toBe(429);
      }
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) codes.push((await limited.app.inject({ method: 'GET', url: '/api/health' })).statusCode);
      expect(codes).toContain(429);
    } finally {
      await limited.close();
    }
    expect(isStaticAppFile('/app/assets/index-abc.js')).toBe(true);
    expect(isStaticAppFile('/app/sw.js')).toBe(true);
    expect(isStaticAppFile('/app/residence')).toBe(false);
  });

  it('may use the camera (the patrol screen scans checkpoint QR codes); other pages and the API may not', async () => {
    for (const url of ['/app/', '/app/patrols/record', '/app/sw.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['permissions-policy'], url).toContain('camera=(self)');
      expect(res.headers['permissions-policy'], url).toContain('microphone=()');
    }
    for (const url of ['/', '/to-giac', '/api/health', '/application']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['permissions-policy'], url).toContain('camera=()');
    }
  });

  it('keeps the strict CSP on the app, which lets its own service worker and manifest load', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/app/patrols/record' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('worker-src');
    expect(csp).not.toContain('manifest-src');
  });
});
