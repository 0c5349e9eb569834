import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { appUrl, e2e, expectNoSeriousA11yViolations, field, logIn, useBrowser } from './support/app.ts';

/**
 * The staff lists' filter bars and the record pages' shell, as a keyboard and screen-reader user meets them: named
 * filters in a "Bộ lọc" region, searchable choices that ignore diacritics, filters kept in the address, "Xoá bộ lọc",
 * the folded filters of a small screen, the back link, loading and error states, and the tip's action forms.
 */
const filterBar = (page: Page): Locator => page.getByRole('region', { name: 'Bộ lọc' });

/** Opens a filter's choices and picks one, typing first when the choice is searchable. */
async function choose(page: Page, label: string, option: string | RegExp, typed?: string): Promise<void> {
  const input = field(filterBar(page), label);
  await input.click();
  if (typed !== undefined) await input.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

describe('filter bars of the staff lists', () => {
  const browser = useBrowser();

  test('an administrator filters the accounts and the audit log, and clears the filters', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'quantri');

    await page.goto(appUrl('/users'));
    await page.getByRole('heading', { name: 'Tài khoản', level: 1 }).waitFor();
    const search = field(filterBar(page), 'Tìm theo tên hoặc tên đăng nhập');
    await search.fill('canbo');
    await page.waitForURL((url) => url.searchParams.get('q') === 'canbo');
    await choose(page, 'Vai trò', 'Cán bộ Công an phường');
    await page.waitForURL((url) => url.searchParams.get('role') === 'officer');
    await choose(page, 'Đơn vị', /^Phường Thành Vinh/, 'thanh vinh');
    await expect.poll(() => param(page, 'unitId')).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByText('canbo', { exact: true }).first().waitFor();
    expect(await filterBar(page).locator('[aria-label="Xoá lựa chọn"]').count()).toBe(2);
    await expectNoSeriousA11yViolations(page, 'the accounts, filtered');
    await filterBar(page).getByRole('button', { name: 'Xoá bộ lọc' }).click();
    await page.waitForURL((url) => url.search === '');
    expect(await search.inputValue()).toBe('');
    expect(await field(filterBar(page), 'Vai trò').inputValue()).toBe('');

    await page.goto(appUrl('/audit'));
    await page.getByRole('heading', { name: 'Nhật ký hệ thống', level: 1 }).waitFor();
    await choose(page, 'Hành động', /^Đăng nhập$/, 'dang nhap');
    await page.waitForURL((url) => url.searchParams.get('action') === 'auth.login');
    const from = field(filterBar(page), 'Từ ngày');
    await from.fill('1/1/2020');
    await from.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('from') === '2020-01-01');
    await expect.poll(() => from.inputValue()).toBe('01/01/2020');
    const to = field(filterBar(page), 'Đến ngày');
    await to.fill('31/02/2020');
    await to.press('Tab');
    await filterBar(page).getByText('Nhập ngày dạng ngày/tháng/năm, ví dụ 26/11/2026.').waitFor();
    expect(param(page, 'to')).toBeNull();
    await expectNoSeriousA11yViolations(page, 'the audit log, filtered');
    await filterBar(page).getByRole('button', { name: 'Xoá bộ lọc' }).click();
    await page.waitForURL((url) => url.search === '');
    expect(await field(filterBar(page), 'Hành động').inputValue()).toBe('');
    expect(await from.inputValue()).toBe('');
  });

  test('an officer filters the tip inbox, opens a tip, meets its action forms, and comes back to the same list', async () => {
    const what = `Tin thử bộ lọc ở phường Trường Vinh (${Date.now()})`;
    const sent = await fetch(`${e2e().baseUrl}/api/v1/public/tips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ wardCode: 'truong-vinh', what }),
    });
    expect(sent.status).toBe(201);

    const { page } = await browser().newPage();
    await logIn(page, 'canbo.truongvinh');
    await page.goto(appUrl('/tips?view=all'));
    await page.getByRole('heading', { name: 'Tin báo', level: 1 }).waitFor();
    await choose(page, 'Kênh', 'Hòm thư trực tuyến');
    await page.waitForURL((url) => url.searchParams.get('channel') === 'online');
    await choose(page, 'Khối/đơn vị', /^Phường Trường Vinh/, 'truong vinh');
    await expect.poll(() => param(page, 'unitId')).toMatch(/^[0-9a-f-]{36}$/);
    const row = page.getByRole('row').filter({ hasText: what.slice(0, 40) });
    await row.waitFor();
    await expectNoSeriousA11yViolations(page, 'the tip inbox, filtered');
    const listUrl = page.url();

    await row.getByRole('link').first().click();
    await page.getByText(what).waitFor();
    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.textContent()).toMatch(/^Tin báo TB-\d{4}-\d{4}$/);
    for (const title of ['Phân loại', 'Giao việc', 'Chuyển cơ quan điều tra', 'Đóng tin báo']) {
      await page.getByRole('region', { name: title }).getByRole('heading', { name: title, level: 3 }).waitFor();
    }
    const triage = page.getByRole('region', { name: 'Phân loại' });
    await triage.getByRole('button', { name: 'Lưu phân loại' }).click();
    await triage.getByText('Chọn phân loại.').waitFor();
    const close = page.getByRole('region', { name: 'Đóng tin báo' });
    await close.getByRole('button', { name: 'Đóng tin báo…' }).click();
    await close.getByText('Chọn lý do.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'a tip with its form errors');

    await page.getByRole('link', { name: 'Về danh sách tin báo' }).click();
    await page.waitForURL((url) => url.pathname === '/app/tips');
    expect(new URL(page.url()).searchParams.get('unitId')).toBe(new URL(listUrl).searchParams.get('unitId'));
    expect(param(page, 'channel')).toBe('online');

    await page.goto(appUrl('/tips/00000000-0000-4000-8000-000000000000'));
    await page.getByRole('heading', { name: 'Không mở được tin báo', level: 1 }).waitFor();
    await page.getByRole('alert').waitFor();
    await page.getByRole('link', { name: 'Về danh sách tin báo' }).waitFor();
    await page.goto(appUrl('/rehab/00000000-0000-4000-8000-000000000000'));
    await page.getByRole('heading', { name: 'Không mở được hồ sơ', level: 1 }).waitFor();
    await page.getByRole('alert').waitFor();
    await page.getByRole('link', { name: 'Danh sách hồ sơ' }).click();
    await page.waitForURL((url) => url.pathname === '/app/rehab');
    // The browser logs the two 404 answers asked for above; nothing else may be.
    const { consoleErrors } = browser().problems;
    const missing = /status of 404 .*\/api\/v1\/(tips|rehab-dossiers)\/00000000-0000-4000-8000-000000000000\)$/;
    expect(consoleErrors.filter((line) => missing.test(line))).toHaveLength(2);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((line) => !missing.test(line)));
  });

  test('on a small screen the filters other than the search fold behind "Lọc thêm"', async () => {
    const { page } = await browser().newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await logIn(page, 'canbo.truongvinh');
    for (const [path, heading, folded] of [
      ['/tips', 'Tin báo', 'Kênh'],
      ['/rehab', 'Hồ sơ cai nghiện bắt buộc', 'Phát hiện từ ngày'],
    ] as const) {
      await page.goto(appUrl(path));
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const more = filterBar(page).getByRole('button', { name: 'Lọc thêm' });
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      expect(await field(filterBar(page), folded).count()).toBe(0);
      await more.click();
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      const panel = page.locator(`[id="${await more.getAttribute('aria-controls')}"]`);
      await field(panel, folded).waitFor();
      await expectNoSeriousA11yViolations(page, `${path} with the folded filters open`);
    }
  });
});
