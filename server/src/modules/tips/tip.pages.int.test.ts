import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { multipart } from '../../../test/multipart.ts';
import { queryRows } from '../../platform/db.ts';

/** The resident's pages, driven as a browser without JavaScript drives them (ux.md §1–2, security.md G7). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (url: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url, ...multipart(fields) });
const tipCount = async () => (await queryRows<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM tips`))[0]?.n ?? 0;

function expectPrivate(res: { headers: Record<string, unknown>; body: string }) {
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  expect(res.headers['set-cookie']).toBeUndefined();
  // Scripts only from this origin (the optional location pin and, during a flood, the proof-of-work).
  expect(res.body.match(/<script[^>]*>/g)?.every((tag) => tag === '<script src="/to-giac/trang.js" defer>') ?? true).toBe(true);
  expect(res.body).not.toMatch(/https?:\/\/(?!www\.google\.com\.vn)/i);
}

describe('/to-giac without JavaScript', () => {
  it('shows a light, private form with the warnings the sender needs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/to-giac?phuong=thanh-vinh' });
    expect(res.statusCode).toBe(200);
    expectPrivate(res);
    const css = await t.app.inject({ method: 'GET', url: '/public.css' });
    expect(res.body.length + css.body.length).toBeLessThan(50 * 1024);
    for (const text of [
      'Nếu đang nguy hiểm, gọi ngay 113.',
      'Bạn không cần cho biết tên.',
      'Chúng tôi không lưu địa chỉ IP',
      'Đừng viết chi tiết chỉ bạn mới biết',
      'Thoát nhanh',
      'Khối Trung Mỹ',
    ]) {
      expect(res.body).toContain(text);
    }
    expect(res.body).toContain('<title>Phản ánh – Phường Thành Vinh – Bình An</title>');
    expect(res.body).toMatch(/<form method="post" action="\/to-giac" enctype="multipart\/form-data" novalidate>/);
  });

  it('keeps the answers and names each error when something is missing, and stores nothing', async () => {
    const before = await tipCount();
    const res = await post('/to-giac', {
      wardCode: 'thanh-vinh',
      step: 'review',
      what: '',
      place: 'Chợ Vinh',
      identity: 'yes',
      contactPhone: '0912',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Lỗi: Phản ánh');
    expect(res.body).toContain('href="#f-what"');
    expect(res.body).toContain('Hãy kể việc đã xảy ra.');
    expect(res.body).toContain('href="#f-contactConsent"');
    expect(res.body).toContain('value="Chợ Vinh"');
    expect(await tipCount()).toBe(before);
  });

  it('goes from the questions to a review, then to a receipt shown once, all at the same address', async () => {
    const before = await tipCount();
    const answers = {
      wardCode: 'thanh-vinh',
      what: 'Có người lạ tụ tập <b>hút</b> ma túy',
      place: 'Ngõ 3',
      when: 'khoảng 22 giờ',
      identity: 'no',
    };
    const review = await post('/to-giac', { ...answers, step: 'review' });
    expect(review.statusCode).toBe(200);
    expectPrivate(review);
    expect(review.body).toContain('Đọc lại: có chi tiết nào cho thấy bạn là ai không?');
    expect(review.body).toContain('&#60;b&#62;hút&#60;/b&#62;');
    expect(review.body).toContain('name="what" value="Có người lạ tụ tập &#60;b&#62;hút&#60;/b&#62; ma túy"');
    expect(await tipCount()).toBe(before);
    const edit = await post('/to-giac', { ...answers, step: 'edit' });
    expect(edit.body).toContain('>Có người lạ tụ tập &#60;b&#62;hút&#60;/b&#62; ma túy</textarea>');
    const sent = await post('/to-giac', { ...answers, step: 'send' });
    expect(sent.statusCode).toBe(201);
    expectPrivate(sent);
    const code = /class="receipt">([0-9A-Z ]{19})</.exec(sent.body)?.[1] as string;
    expect(code).toMatch(/^[0-9A-Z]{4}( [0-9A-Z]{4}){3}$/);
    expect(sent.body).toContain('Không chụp màn hình');
    expect(await tipCount()).toBe(before + 1);

    const wrong = await post('/to-giac/theo-doi', { code: 'ABCD EFGH JKMN PQRS', step: 'open' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('Không tìm thấy. Kiểm tra lại 16 ký tự.');
    const open = await post('/to-giac/theo-doi', { code: code.toLowerCase(), step: 'open' });
    expect(open.statusCode).toBe(200);
    expectPrivate(open);
    expect(open.body).toContain('Đã nhận, chờ cán bộ xem');
    const reply = await post('/to-giac/theo-doi', { code, step: 'reply', body: 'Bổ sung: có xe máy biển 37' });
    expect(reply.body).toContain('Đã gửi.');
    expect(reply.body).toContain('Bổ sung: có xe máy biển 37');
  });

  it('lets a sender choose the ward first when none is given, and links the ward page to the form', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/to-giac' });
    expect(res.body).toContain('href="/to-giac?phuong=thanh-vinh"');
    const ward = await t.app.inject({ method: 'GET', url: '/phuong/thanh-vinh' });
    expect(ward.body).toContain('href="/to-giac?phuong=thanh-vinh"');
  });
});
