import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { e2e, expectNoSeriousA11yViolations, useBrowser } from './support/app.ts';

/**
 * The resident's tip flow in a real browser, with JavaScript off and on (security.md G7, ux.md §2): the address never
 * changes in a way that records the tip, nothing is stored in the browser, nothing is requested from another origin.
 */
async function sendTip(page: Page, what: string): Promise<string> {
  await page.goto(`${e2e().baseUrl}/to-giac?phuong=thanh-vinh`);
  await page.getByLabel('Việc gì đã xảy ra?').fill(what);
  await page.getByLabel('Ở khối nào? (không bắt buộc)').selectOption({ label: 'Khối Tân Quang' });
  await page.getByLabel('Khi nào? (không bắt buộc)').fill('khoảng 21 giờ hôm qua');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { name: 'Kiểm tra lại trước khi gửi' }).waitFor();
  expect(await page.getByText(what).count()).toBe(1);
  await page.getByRole('button', { name: 'Gửi tin' }).click();
  await page.getByRole('heading', { name: 'Đã gửi tin báo' }).waitFor();
  const code = ((await page.locator('.receipt').textContent()) ?? '').trim();
  expect(code).toMatch(/^[0-9A-Z]{4}( [0-9A-Z]{4}){3}$/);
  expect(new URL(page.url()).pathname).toBe('/to-giac');
  expect(page.url()).not.toContain(code.replaceAll(' ', ''));
  return code;
}

async function followTip(page: Page, code: string): Promise<void> {
  await page.goto(`${e2e().baseUrl}/to-giac/theo-doi`);
  await page.getByLabel('Mã tra cứu').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Mở' }).click();
  await page.getByText('Đã nhận, chờ cán bộ xem').waitFor();
  await page.getByLabel('Trả lời hoặc bổ sung thông tin').fill('Bổ sung: hai người đi xe máy màu đen');
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await page.getByText('Đã gửi.').waitFor();
  expect(new URL(page.url()).pathname).toBe('/to-giac/theo-doi');
}

describe('the tip mailbox for residents', () => {
  const browser = useBrowser();

  test('works with JavaScript disabled, end to end', async () => {
    const { context, page } = await browser().newPage({ javaScriptEnabled: false });
    const code = await sendTip(page, 'Có người mua bán ma túy ở dãy trọ (thử không JavaScript)');
    await followTip(page, code);
    expect(await context.cookies()).toEqual([]);
  });

  test('with JavaScript on, writes no cookie or storage and stays on this origin', async () => {
    const { context, page } = await browser().newPage({
      geolocation: { latitude: 18.679123, longitude: 105.681309 },
      permissions: ['geolocation'],
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${e2e().baseUrl}/to-giac?phuong=thanh-vinh`);
    await expectNoSeriousA11yViolations(page, 'the tip form');
    // The optional location pin, rounded to about ten metres, travels with the answers to the review.
    await page.getByRole('button', { name: 'Ghim vị trí hiện tại (không bắt buộc)' }).click();
    await page.getByText('Đã ghim vị trí: 18.6791, 105.6813').waitFor();
    await page.getByLabel('Việc gì đã xảy ra?').fill('x');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('18.6791, 105.6813').waitFor();
    const code = await sendTip(page, 'Có người đánh bạc ở quán nước (thử có JavaScript)');
    await followTip(page, code);
    const storage = await page.evaluate(async () => ({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
    }));
    expect(storage).toEqual({ cookie: '', local: 0, session: 0, databases: 0 });
    expect(await context.cookies()).toEqual([]);
    const origin = new URL(e2e().baseUrl).origin;
    expect(requests.filter((r) => !r.startsWith(origin))).toEqual([]);
  });
});

describe('the tip mailbox while a ward is flooded', () => {
  const browser = useBrowser();

  test('the page solves the proof-of-work by itself', async () => {
    const { startServer } = await import('./support/server.ts');
    const flooded = await startServer({ name: 'flooded', env: { TIP_FLOOD_THRESHOLD: '0', TIP_POW_BITS: '12' } });
    try {
      const { page } = await browser().newPage();
      await page.goto(`${flooded.baseUrl}/to-giac?phuong=thanh-vinh`);
      await page.getByLabel('Việc gì đã xảy ra?').fill('Tin gửi khi phường đang bị gửi dồn dập');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('button', { name: 'Gửi tin' }).click();
      await page.getByRole('heading', { name: 'Đã gửi tin báo' }).waitFor({ timeout: 60_000 });
    } finally {
      await flooded.stop();
    }
  });
});
