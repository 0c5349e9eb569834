import { describe, expect, test } from 'vitest';
import { appUrl, e2e, expectNoSeriousA11yViolations, field, logIn, mainNavigation, useBrowser } from './support/app.ts';

/** The administrator keeps the case-type catalogue; officers then record, correct and sort cases with it. */
describe('the case-type catalogue and correcting a case', () => {
  const browser = useBrowser();

  test('the administrator adds a type, which an officer finds in the register’s type filter', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'quantri');
    await mainNavigation(page).getByRole('link', { name: 'Loại vụ việc', exact: true }).click();
    await page.getByRole('heading', { name: 'Danh mục loại vụ việc', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: /Trộm cắp tài sản/ }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the case-type catalogue');

    const suffix = Date.now().toString(36);
    const name = `Cướp giật tài sản ${suffix}`;
    await page.getByRole('button', { name: 'Thêm loại vụ việc', exact: true }).first().click();
    const dialog = page.getByRole('dialog');
    await field(dialog, 'Tên tiếng Việt').fill(name);
    await field(dialog, 'Mã').fill(`cuop_giat_${suffix}`);
    await dialog.getByRole('combobox', { name: /^Nhóm báo cáo/ }).click();
    await page.getByRole('option', { name: 'Trộm cắp, lừa đảo, lạm dụng tín nhiệm chiếm đoạt tài sản', exact: true }).click();
    await field(dialog, 'Điều luật BLHS').fill('171');
    await dialog.getByRole('button', { name: 'Thêm loại vụ việc', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor();

    const res = await page.request.get(`${e2e().baseUrl}/api/v1/case-types`);
    const { items } = (await res.json()) as { items: { code: string; group: string; penalCodeArticle: string | null }[] };
    expect(items.find((t) => t.code === `cuop_giat_${suffix}`)).toMatchObject({ group: 'theft_fraud', penalCodeArticle: '171' });

    const officer = await browser().newPage();
    await logIn(officer.page, 'canbo');
    await officer.page.goto(appUrl('/cases'));
    await officer.page.getByRole('combobox', { name: 'Loại vụ việc' }).click();
    await officer.page.getByRole('option', { name: `${name} (Điều 171)` }).waitFor();
  });

  test('an officer sorts the register by number and corrects a case’s place', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await page.goto(appUrl('/cases'));
    const numberHeader = page.getByRole('columnheader', { name: /Số vụ việc/ });
    await numberHeader.getByRole('button').click();
    await page.waitForURL(/sort=number/);
    expect(await numberHeader.getAttribute('aria-sort')).toBe('descending');
    await numberHeader.getByRole('button').click();
    await page.waitForURL(/dir=asc/);
    expect(await numberHeader.getAttribute('aria-sort')).toBe('ascending');

    await page
      .getByRole('link', { name: /^Mở vụ việc VV-/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Sửa thông tin', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const place = `Số ${Date.now() % 1000} đường Lê Mao`;
    await field(dialog, 'Nơi xảy ra').fill(place);
    await dialog.getByRole('button', { name: 'Lưu thay đổi', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(place, { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page, 'a corrected case');
  });
});
