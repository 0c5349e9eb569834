import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, field, mainNavigation, submitPassword, useBrowser, VI } from './support/app.ts';
import { freePort, type RunningServer, startServer } from './support/server.ts';
import { nextTotpCode } from './support/totp.ts';

/**
 * Community cameras, the whole journey: a shop owner registers a camera at /camera with JavaScript off (the code reaches
 * the phone through the SMS gateway, here a loopback stand-in that keeps what it is sent), the ward officer finds the
 * camera for a place and sends a footage request citing a case, the owner opens the link from the SMS (no JavaScript)
 * and shares with a hand-over note, the officer reads the answer; the map and the transparency page; axe-core on each.
 */
type Sms = { to: string; text: string };
const inbox: Sms[] = [];
let gateway: Server;
let server: RunningServer;
let stateDir: string;
const PHONE = '0912 888 777';
const PHONE_INTL = '84912888777';
/** A spot in phường Thành Vinh away from the demo's cameras. */
const SHOP = { lat: '18.6540', lng: '105.7050' };
const PLACE = { lat: '18.65415', lng: '105.70500' };

beforeAll(async () => {
  const port = await freePort();
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const json = JSON.parse(body || '{}') as Sms;
      inbox.push({ to: json.to, text: json.text });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: inbox.length }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(port, '127.0.0.1', resolve));
  server = await startServer({ name: 'cameras', env: { SMS_API_URL: `http://127.0.0.1:${port}`, SMS_API_TOKEN: 'e2e' } });
  stateDir = mkdtempSync(join(tmpdir(), 'binh-an-e2e-cameras-'));
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => gateway?.close(() => resolve()));
});

const lastSmsTo = (to: string) => [...inbox].reverse().find((m) => m.to === to)?.text ?? '';
const linkIn = (text: string) => /\/camera\/chu\/[A-Za-z0-9_.-]+/.exec(text)?.[0] ?? '';

async function logInHere(page: Page, username: string): Promise<void> {
  const account = server.logins[username];
  if (!account) throw new Error(`no demo account ${username}`);
  await page.goto(`${server.baseUrl}/app/login`);
  await submitPassword(page, username, account.password);
  if (account.totpSecret) {
    await field(page, VI.code).fill(await nextTotpCode(stateDir, username, account.totpSecret));
    await page.getByRole('button', { name: VI.verify, exact: true }).click();
  }
  await page.waitForURL((url) => url.pathname.startsWith('/app') && !url.pathname.startsWith('/app/login'));
  await expect.poll(() => mainNavigation(page).count()).toBe(1);
}

describe('community cameras', () => {
  const browser = useBrowser();

  /** The public pages answer a refused form 400 with the page and its errors: not a problem of the browser. */
  function acceptRefusedAnswers(): void {
    const errors = browser().problems.consoleErrors;
    const kept = errors.filter((e) => !/status of 400/.test(e));
    errors.length = 0;
    errors.push(...kept);
  }

  test('a shop owner registers a camera at /camera without JavaScript, with the code sent to the phone', async () => {
    const { page } = await browser().newPage({ javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/camera?phuong=thanh-vinh`);
    await page.getByRole('heading', { name: 'Đăng ký camera cộng đồng', level: 1 }).waitFor();
    await page.getByLabel('Cơ sở kinh doanh').check();
    await page.getByLabel('Họ và tên (hoặc tên cơ sở)').fill('Hiệu thuốc Phúc An');
    await page.getByLabel('Số điện thoại hoặc email').fill(PHONE);
    await page.getByLabel('Nhận thông báo qua').selectOption('sms');
    await page.getByLabel('Tên gọi camera').fill('Camera mặt tiền hiệu thuốc Phúc An');
    await page.getByLabel('Khối, tổ dân phố').selectOption({ label: 'Khối Trung Mỹ' });
    await page.getByLabel('Địa chỉ đặt camera').fill('Số 21 đường thử nghiệm (địa chỉ mẫu)');
    await page.getByLabel('Vĩ độ').fill(SHOP.lat);
    await page.getByLabel('Kinh độ').fill(SHOP.lng);
    await page.getByLabel('Camera quay về hướng').selectOption('0');
    await page.getByLabel('Góc nhìn').selectOption('90');
    await page.getByLabel('Tầm nhìn rõ (mét)').fill('40');
    await page.getByLabel('Mặt tiền cửa hàng').check();
    await page.getByLabel('Đầu ghi lưu hình bao nhiêu ngày').fill('14');
    // Without the consent the form comes back with the error and everything typed.
    await page.getByRole('button', { name: 'Tiếp tục: nhận mã xác minh' }).click();
    await page.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
    await page.getByText('Cần đồng ý để đăng ký camera.').first().waitFor();
    expect(await page.getByLabel('Tên gọi camera').inputValue()).toBe('Camera mặt tiền hiệu thuốc Phúc An');
    acceptRefusedAnswers();
    await page.getByLabel('Đồng ý', { exact: true }).check();
    await page.getByRole('button', { name: 'Tiếp tục: nhận mã xác minh' }).click();
    await page.getByRole('heading', { name: 'Nhập mã xác minh', level: 1 }).waitFor();
    const code = /(\d{6})/.exec(lastSmsTo(PHONE_INTL))?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('Mã xác minh').fill(code);
    await page.getByRole('button', { name: 'Đăng ký camera' }).click();
    await page.getByRole('heading', { name: 'Đã đăng ký camera', level: 1 }).waitFor();
    expect(linkIn(lastSmsTo(PHONE_INTL))).not.toBe('');
  });

  test('the public camera pages pass axe: the form, the form with its errors, the transparency page', async () => {
    // axe-core runs in the page, so these pages are opened with JavaScript on (they use none).
    const { page } = await browser().newPage();
    await page.goto(`${server.baseUrl}/camera?phuong=thanh-vinh`);
    await page.getByRole('heading', { name: 'Đăng ký camera cộng đồng', level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the camera registration form');
    await page.getByRole('button', { name: 'Tiếp tục: nhận mã xác minh' }).click();
    await page.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the registration form with its errors');
    acceptRefusedAnswers();
    await page.goto(`${server.baseUrl}/camera/minh-bach?phuong=thanh-vinh`);
    await page.getByRole('heading', { name: 'Minh bạch: đề nghị hình ảnh camera cộng đồng', level: 1 }).waitFor();
    await page.getByRole('columnheader', { name: 'Đã chia sẻ' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the transparency page');
  });

  test('the officer finds the camera for a place and sends a request citing a case; the registry and the map pass axe', async () => {
    const { page } = await browser().newPage();
    await logInHere(page, 'canbo');
    await page.goto(`${server.baseUrl}/app/cameras`);
    await page.getByRole('heading', { name: 'Camera cộng đồng', level: 1 }).waitFor();
    await page.getByLabel('Tìm kiếm').fill('hieu thuoc phuc an');
    await page.getByRole('table', { name: 'Danh sách camera cộng đồng' }).getByText('Camera mặt tiền hiệu thuốc Phúc An').waitFor();
    await expectNoSeriousA11yViolations(page, 'the camera registry');
    // The registry downloads as Excel from the server, with the search applied.
    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xuất Excel' }).click()]);
    expect(excel.suggestedFilename()).toMatch(/^camera-cong-dong-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect((await readFile((await excel.path()) as string)).subarray(0, 2).toString('latin1')).toBe('PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xuất CSV' }).click()]);
    const lines = (await readFile((await csv.path()) as string))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Camera mặt tiền hiệu thuốc Phúc An');

    // The field of view is drawn on the map: a click places the camera, the next one points it.
    await page.getByRole('button', { name: 'Đăng ký camera' }).click();
    const form = page.getByRole('dialog', { name: 'Đăng ký camera' });
    const drawing = form.getByRole('region', { name: 'Bản đồ để vẽ vùng quan sát của camera' });
    await drawing.waitFor();
    await expect.poll(async () => (await drawing.getAttribute('class')) ?? '').toContain('leaflet-container');
    await page.waitForTimeout(500);
    const box = (await drawing.boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => field(form, 'Vĩ độ').inputValue()).not.toBe('');
    await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2);
    await expect.poll(() => field(form, 'Hướng quay (độ, 0 là hướng Bắc)').inputValue()).toMatch(/^(8\d|9\d)$/);
    await expectNoSeriousA11yViolations(page, 'the camera form with its map');
    await form.getByRole('button', { name: 'Huỷ' }).click();
    await form.waitFor({ state: 'hidden' });

    await page.goto(`${server.baseUrl}/app/cameras/requests`);
    await page.getByRole('heading', { name: 'Đề nghị cung cấp hình ảnh', level: 1 }).waitFor();
    await page.getByRole('table', { name: /Các đề nghị hình ảnh/ }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the footage requests');
    await page.getByRole('button', { name: 'Gửi đề nghị mới' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đề nghị cung cấp hình ảnh' });
    await field(dialog, 'Vĩ độ nơi cần xem').fill(PLACE.lat);
    await field(dialog, 'Kinh độ nơi cần xem').fill(PLACE.lng);
    await field(dialog, 'Bán kính (mét)').fill('30');
    await dialog.getByRole('button', { name: 'Tìm camera' }).click();
    await dialog.getByText(/Camera mặt tiền hiệu thuốc Phúc An/).waitFor();
    await dialog.getByText('Còn lưu hình').first().waitFor();
    await field(dialog, 'Số tin báo hoặc vụ việc').fill('VV-2026-0006');
    await field(dialog, 'Nội dung cần xem (chủ camera đọc được)').fill('Xác định người lấy xe máy dựng trước hiệu thuốc');
    await expectNoSeriousA11yViolations(page, 'the request form');
    await dialog.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('table', { name: /Các đề nghị hình ảnh/ })
      .getByText('VV-2026-0006')
      .waitFor();
    expect(lastSmsTo(PHONE_INTL)).toContain('VV-2026-0006');

    await page.goto(`${server.baseUrl}/app/cameras/map`);
    await page.getByRole('heading', { name: 'Bản đồ camera cộng đồng', level: 1 }).waitFor();
    await page.locator('.camera-map.leaflet-container').waitFor();
    await page.getByRole('table', { name: 'Camera theo khối' }).waitFor();
    // The planning view: the places where the next camera would help most, ranked, and marked on the map by rank.
    await page.getByRole('heading', { name: 'Nơi nên đặt camera tiếp theo', level: 2 }).waitFor();
    const sites = page.getByRole('table', { name: 'Nơi nên đặt camera tiếp theo, ưu tiên trước' });
    await sites.getByRole('rowheader', { name: '1', exact: true }).waitFor();
    expect(await page.locator('.camera-site-marker').count()).toBe(await sites.locator('tbody tr').count());
    expect(
      await page
        .getByRole('table', { name: 'Camera theo khối' })
        .getByText(/^\d+(,\d)? %$/)
        .count(),
    ).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page, 'the camera map');
  });

  test('the owner sees the request on the page the SMS links to, shares with a hand-over note, and the officer reads it', async () => {
    const link = linkIn(lastSmsTo(PHONE_INTL));
    const owner = await browser().newPage({ javaScriptEnabled: false });
    await owner.page.goto(`${server.baseUrl}${link}`);
    await owner.page.getByRole('heading', { name: 'Trang của chủ camera', level: 1 }).waitFor();
    await owner.page.getByRole('heading', { name: /VV-2026-0006/ }).waitFor();
    await owner.page.getByLabel('Chia sẻ hình ảnh').check();
    await owner.page.getByLabel(/Ghi chú hoặc cách bàn giao/).fill('Mời cán bộ đến chép hình lúc 9 giờ sáng mai');
    await owner.page.getByRole('button', { name: 'Gửi trả lời' }).click();
    await owner.page.getByText('Đã lưu.').waitFor();
    await owner.page.getByText(/Đã trả lời ngày .*: Đã chia sẻ/).waitFor();
    const withScript = await browser().newPage();
    await withScript.page.goto(`${server.baseUrl}${link}`);
    await withScript.page.getByRole('heading', { name: 'Trang của chủ camera', level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(withScript.page, 'the owner’s page');

    const { page } = await browser().newPage();
    await logInHere(page, 'canbo');
    await page.goto(`${server.baseUrl}/app/cameras/requests`);
    const table = page.getByRole('table', { name: /Các đề nghị hình ảnh/ });
    await table
      .getByText(/1 chia sẻ/)
      .first()
      .waitFor();
    await table
      .getByRole('button', { name: /^Xem: YC-/ })
      .first()
      .click();
    const detail = page.getByRole('dialog', { name: /^Đề nghị YC-/ });
    await detail.getByText('Mời cán bộ đến chép hình lúc 9 giờ sáng mai').waitFor();
    await expectNoSeriousA11yViolations(page, 'a request with the owner’s answer');
  });
});
