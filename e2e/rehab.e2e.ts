import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { appUrl, expectNoSeriousA11yViolations, field, logIn, useBrowser } from './support/app.ts';

/** Folds Vietnamese text as a user types it without marks: no diacritics, đ → d, lower case. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** The rehab dossier list: a period, a name typed without diacritics, an order, and the exports of what it shows. */
describe('the rehab dossier list', () => {
  const browser = useBrowser();

  test("a chief narrows Lê Mao's 2020 dossiers to one person typed without diacritics, and exports them", async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'truongcongan');
    await page.goto(appUrl('/rehab'));
    await page.getByRole('heading', { name: 'Hồ sơ cai nghiện bắt buộc', level: 1 }).waitFor();

    await field(page, 'Phát hiện từ ngày').fill('1/1/2020');
    await field(page, 'Phát hiện đến ngày').click();
    await field(page, 'Phát hiện đến ngày').fill('30/06/2020');
    await field(page, 'Phát hiện đến ngày').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('from') === '2020-01-01' && url.searchParams.get('to') === '2020-06-30');
    expect(await field(page, 'Phát hiện từ ngày').inputValue()).toBe('01/01/2020');
    await page.getByText('Đang hiển thị 8 hồ sơ').waitFor();

    const table = page.getByRole('table', { name: /Hồ sơ cai nghiện bắt buộc/ });
    const names = async () => (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map((n) => n.trim());
    const name = (await names())[0] ?? '';
    const typed = fold(name);
    expect(typed).not.toBe(name);
    await field(page, 'Tìm theo họ tên hoặc số hồ sơ').fill(typed);
    await page.waitForURL((url) => url.searchParams.get('q') === typed);
    await expect
      .poll(async () => {
        const now = await names();
        return now.length > 0 && now.length < 8 && now.every((n) => fold(n).includes(typed));
      })
      .toBe(true);
    const shown = await names();
    expect(shown).toContain(name);

    await field(page.getByRole('region', { name: 'Bộ lọc' }), 'Sắp xếp').click();
    await page.getByRole('option', { name: 'Họ và tên (theo tên), A → Z' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'name');
    await expectNoSeriousA11yViolations(page, 'the rehab dossiers, searched');

    await page.getByRole('button', { name: 'Xuất danh sách' }).click();
    const excel = page.getByRole('menuitem', { name: 'Tệp Excel (.xlsx)' });
    const excelUrl = new URL((await excel.getAttribute('href')) ?? '', appUrl('/'));
    expect(excelUrl.pathname).toBe('/api/v1/rehab-dossiers/export.xlsx');
    expect(Object.fromEntries(excelUrl.searchParams)).toEqual({ q: typed, from: '2020-01-01', to: '2020-06-30', sort: 'name' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Tệp CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ho-so-cai-nghien-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Số hồ sơ,Họ và tên,/);
    expect(lines).toHaveLength(shown.length + 1);
    expect(csv).toContain(name);
  });
});
