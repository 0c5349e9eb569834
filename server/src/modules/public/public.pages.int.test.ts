import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('public pages (no account, no JavaScript)', () => {
  it('lists the wards in force on the home page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Phường Thành Vinh');
    expect(res.body).toContain('Phường Trường Vinh');
    expect(res.body).not.toContain('Phường Lê Mao');
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain('lang="vi"');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('publishes the ward police contact points for stay and absence notices (TT 55/2021/TT-BCA Art. 24, amended by TT 53/2025/TT-BCA)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/phuong/thanh-vinh' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('congan.thanhvinh@example.vn');
    expect(res.body).toContain('0238 000 0000');
    expect(res.body).toContain('113');
  });

  it("links the ward's other public services, each of which answers without an account", async () => {
    const ward = await t.app.inject({ method: 'GET', url: '/phuong/thanh-vinh?lang=en' });
    const links = [...ward.body.matchAll(/<ul class="services">(.*?)<\/ul>/gs)].flatMap((m) =>
      [...(m[1] as string).matchAll(/href="([^"]+)"/g)].map((h) => (h[1] as string).replaceAll('&#38;', '&')),
    );
    expect(links).toEqual([
      '/thong-bao?phuong=thanh-vinh&lang=en',
      '/luu-tru?phuong=thanh-vinh&lang=en',
      '/camera?phuong=thanh-vinh&lang=en',
      '/camera/minh-bach?phuong=thanh-vinh&lang=en',
    ]);
    for (const url of links) expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('Dịch vụ cho người dân');
    expect(home.body).toContain('href="/thong-bao"');
  });

  it('tells residents where a merged ward went', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/phuong/le-mao?lang=en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('30/11/2024');
    expect(res.body).toContain('/phuong/quang-trung?lang=en');
    expect(res.body).toContain('lang="en"');
  });

  it('answers an unknown ward with 404 and escapes what was typed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/phuong/%3Cscript%3E' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<script>');
  });
});

describe('API description', () => {
  it('documents every API route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const toOpenApi = (route: string) => route.replace(/:(\w+)/g, '{$1}');
    expect(t.app.apiRoutes.length).toBeGreaterThanOrEqual(18);
    for (const route of t.app.apiRoutes) expect(documented, route).toContain(toOpenApi(route));
    expect(documented.size).toBeGreaterThanOrEqual(20);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
