import { describe, expect, test } from 'vitest';
import { appUrl, expectNoSeriousA11yViolations, field, logIn, useBrowser } from './support/app.ts';

/** Grassroots mediation: the mediator's book of her block, and what the ward police see of it. */
describe('the mediation book', () => {
  const browser = useBrowser();

  test('the mediator records a case in her block and sees only her block’s cases', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'hoagiai');
    await page.goto(appUrl('/mediation'));
    await page.getByRole('heading', { name: 'Sổ theo dõi hoạt động hòa giải', level: 1 }).waitFor();
    await page.getByRole('table', { name: /Sổ hòa giải/ }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the mediation book');

    const unique = `Tiếng máy bơm nước ban đêm ${Date.now()}`;
    await page.getByRole('button', { name: 'Ghi vụ, việc mới' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi vụ, việc vào sổ hòa giải' });
    await field(dialog, 'Nội dung chính của vụ, việc').fill(unique);
    await field(dialog, 'Họ và tên bên thứ 1').fill('Trịnh Thị Nguyệt');
    await field(dialog, 'Họ và tên bên thứ 2').fill('Mai Văn Cường');
    await expectNoSeriousA11yViolations(page, 'the new case form');
    await dialog.getByRole('button', { name: 'Ghi vào sổ' }).click();
    await page.getByRole('heading', { level: 1, name: /^HG-\d{4}-\d{4}/ }).waitFor();
    await page.getByText(unique).waitFor();
    await page.getByText('Khối Tân Quang').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'a mediation case');

    await page.goto(appUrl('/mediation'));
    const table = page.getByRole('table', { name: /Sổ hòa giải/ });
    await table.getByText(unique).waitFor();
    const blocks = (await table.locator('tbody tr td:nth-child(3)').allTextContents()).map((b) => b.trim());
    expect(blocks.length).toBeGreaterThan(1);
    expect(new Set(blocks)).toEqual(new Set(['Khối Tân Quang']));

    await page.goto(appUrl('/mediation-teams'));
    await page.getByRole('heading', { name: 'Tổ hòa giải', level: 1 }).waitFor();
    await page.getByText('Tổ hòa giải khối Tân Quang').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the mediation teams');
  });

  test('the ward police see escalations, the composition warning and their alerts', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await page.goto(appUrl('/mediation'));
    await page.getByText('Công an phường chỉ thấy các vụ, việc có nguy cơ, tái diễn hoặc đã chuyển Công an.').waitFor();
    const table = page.getByRole('table', { name: /Sổ hòa giải/ });
    await table.getByText('Có nguy cơ bạo lực').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the book as the police see it');

    await page.goto(appUrl('/mediation-teams'));
    await page.getByText('Tổ chưa có hòa giải viên nữ (Điều 12.1)').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the teams as the police see them');

    await page.goto(appUrl('/mediation-alerts'));
    await page.getByRole('heading', { name: 'Cảnh báo từ sổ hòa giải', level: 1 }).waitFor();
    const alerts = page.getByRole('table', { name: /Cảnh báo/ });
    await alerts.getByText('Vụ việc có nguy cơ bạo lực, phức tạp').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the mediation alerts');
    await alerts.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /^HG-\d{4}-\d{4}/ }).waitFor();
  });

  test('the book fits a 360 px screen', async () => {
    const { page } = await browser().newPage({ viewport: { width: 360, height: 740 } });
    await logIn(page, 'truongkhoi');
    await page.goto(appUrl('/mediation'));
    await page.getByRole('heading', { name: 'Sổ theo dõi hoạt động hòa giải', level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
