import { describe, expect, test } from 'vitest';
import { appUrl, expectNoSeriousA11yViolations, field, logIn, useBrowser } from './support/app.ts';

/** "An toàn về ANTT": the ward's year, a unit's dossier and its decision, the 2020 figures, models and awards. */
describe('the "An toàn về ANTT" recognition', () => {
  const browser = useBrowser();

  test('the officer follows the ward’s year, decides a block after its appraisal and opens its dossier', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await page.goto(appUrl('/certification'));
    await page.getByRole('heading', { name: 'Xây dựng đơn vị "An toàn về an ninh, trật tự"', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /Các đơn vị của Phường Thành Vinh năm/ });
    await table.waitFor();
    await page.getByText('Điều kiện của phường (Điều 5.1, 5.4)').waitFor();
    await expectNoSeriousA11yViolations(page, 'the ward’s year');

    // A block whose dossier was appraised and awaits the decision.
    const row = table.locator('tbody tr', { hasText: 'Đã thẩm định' }).first();
    const unit = (await row.locator('td').first().textContent())?.trim() ?? '';
    expect(unit).toMatch(/^Khối /);
    await row.getByRole('link', { name: `Mở hồ sơ của ${unit}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${unit} — năm \\d{4}$`) }).waitFor();
    const criteria = page.getByRole('table', { name: /Tiêu chí năm \d{4}/ });
    await criteria.getByText('Thông tư 124/2021/TT-BCA (sửa đổi bởi Thông tư 48/2025/TT-BCA), Art. 4.4').waitFor();
    await criteria.getByText(/Vụ việc trong kỳ: \d/).waitFor();
    await expectNoSeriousA11yViolations(page, 'a unit’s year');

    const decision = page.getByRole('region', { name: 'Quyết định công nhận' });
    await field(decision, 'Số quyết định').fill('Quyết định số 120/QĐ-UBND');
    await field(decision, 'Số giấy công nhận').fill('15/GCN');
    await decision.getByRole('button', { name: 'Lưu' }).click();
    const confirm = page.getByRole('dialog', { name: 'Xác nhận quyết định' });
    await confirm.getByText(`Ghi quyết định "Đạt" cho ${unit}`).waitFor();
    // The confirmation has finished fading in before axe reads the colours.
    await expect.poll(() => confirm.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await expectNoSeriousA11yViolations(page, 'the decision’s confirmation');
    await confirm.getByRole('button', { name: 'Ghi quyết định' }).click();
    await page.getByText(/Quyết định ngày .*: Đạt \(Quyết định số 120\/QĐ-UBND\)/).waitFor();
    await page.getByText('Giấy công nhận số 15/GCN', { exact: false }).waitFor();

    const pdf = await page.getByRole('link', { name: 'PDF', exact: true }).getAttribute('href');
    const res = await page.request.get(new URL(pdf ?? '', page.url()).toString());
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 4).toString()).toBe('%PDF');
    // Recognised, the unit gets its certificate.
    const certificate = await page.getByRole('link', { name: 'Giấy công nhận (PDF)' }).getAttribute('href');
    const paper = await page.request.get(new URL(certificate ?? '', page.url()).toString());
    expect(paper.status()).toBe(200);
    expect((await paper.body()).subarray(0, 4).toString()).toBe('%PDF');

    // The 2020 year of Lê Mao: every block and school recognised.
    await page.goto(appUrl('/certification?year=2020'));
    const old = page.getByRole('table', { name: 'Các đơn vị của Phường Lê Mao năm 2020' });
    await old.waitFor();
    expect(await old.locator('tbody tr', { hasText: 'Đạt' }).count()).toBe(13);
  });

  test('awards refuse anyone under disciplinary review; models show where they run and their replication', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'truongcongan');
    await page.goto(appUrl('/certification-awards'));
    await page.getByRole('heading', { name: 'Thi đua, khen thưởng', level: 1 }).waitFor();
    const history = page.getByRole('table', { name: 'Lịch sử khen thưởng của phường' });
    await history.getByText('Cờ đầu phong trào').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the awards');

    const form = page.getByRole('region', { name: 'Đề nghị khen thưởng' });
    await field(form, 'Cấp khen').fill('UBND phường Thành Vinh');
    await field(form, 'Thành tích').fill(`Tích cực tuần tra ${Date.now()}`);
    await field(form, 'Đang bị xem xét kỷ luật').check();
    await form.getByRole('button', { name: 'Đề nghị khen thưởng' }).click();
    await form.getByText(/Đang trong thời gian xem xét kỷ luật: không được khen thưởng/).waitFor();
    // The server's refusal is the one 400 the browser logs.
    const { consoleErrors } = browser().problems;
    const refused = /status of 400 .*\/api\/v1\/certification\/awards\)$/;
    expect(consoleErrors.filter((line) => refused.test(line))).toHaveLength(1);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((line) => !refused.test(line)));
    await field(form, 'Đang bị xem xét kỷ luật').uncheck();
    await form.getByRole('button', { name: 'Đề nghị khen thưởng' }).click();
    await page.getByText('Đã lưu.').first().waitFor();
    await history
      .getByRole('button', { name: /^Quyết định khen thưởng / })
      .first()
      .waitFor();

    await page.goto(appUrl('/certification-models'));
    await page.getByRole('heading', { name: 'Mô hình phong trào toàn dân bảo vệ ANTQ', level: 1 }).waitFor();
    const models = page.getByRole('table', { name: 'Các mô hình' });
    await models.getByText('Tổ tuần tra nhân dân').first().waitFor();
    await models.getByText('Khối Tân Quang').first().waitFor();
    await models
      .getByText(/^Lượt tuần tra \(01\/01\/\d{4} – \d{2}\/\d{2}\/\d{4}\): \d/)
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(page, 'the models');

    // Searched without diacritics, then ended after a confirmation naming it.
    await field(page.getByRole('region', { name: 'Bộ lọc' }), 'Tìm theo tên, đơn vị, người phụ trách, hoạt động').fill('hom thu to giac');
    await expect.poll(() => models.locator('tbody tr').count()).toBeGreaterThan(0);
    await expect
      .poll(async () => (await models.locator('tbody tr').allTextContents()).every((r) => r.includes('Hòm thư tố giác tội phạm')))
      .toBe(true);
    await models.getByRole('button', { name: 'Kết thúc mô hình Hòm thư tố giác tội phạm' }).first().click();
    const ending = page.getByRole('dialog', { name: 'Kết thúc mô hình' });
    await ending.getByText(/Mô hình "Hòm thư tố giác tội phạm" kết thúc từ ngày \d{2}\/\d{2}\/\d{4}/).waitFor();
    await ending.getByRole('button', { name: 'Kết thúc mô hình' }).click();
    await page.getByText('Đã lưu mô hình.').first().waitFor();
    const exported = await page.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href');
    expect(exported).toContain('/api/v1/certification/models.xlsx?q=hom+thu+to+giac');
  });

  test('the province administrator sets the class thresholds and adds a criterion the ward then sees marked as the province’s', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'quantri');
    await page.goto(appUrl('/certification-settings'));
    await page.getByRole('heading', { name: 'Quy định An toàn về ANTT của tỉnh', level: 1 }).waitFor();
    await page.getByText('Đang dùng ngưỡng mặc định: xuất sắc từ 90, khá từ 70, trung bình từ 50 điểm.').waitFor();
    await expectNoSeriousA11yViolations(page, 'the province’s rules');

    const thresholds = page.getByRole('region', { name: 'Ngưỡng điểm phân loại phong trào' });
    await field(thresholds, 'Xuất sắc').fill('95');
    await thresholds.getByRole('button', { name: 'Lưu ngưỡng điểm' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ngưỡng điểm phân loại phong trào' });
    await confirm.getByText('Các hồ sơ chấm điểm từ nay được xếp loại theo ngưỡng mới. Lưu?').waitFor();
    await confirm.getByRole('button', { name: 'Lưu ngưỡng điểm' }).click();
    await page.getByText('Đang dùng ngưỡng riêng của tỉnh.').waitFor();

    const add = page.getByRole('region', { name: 'Thêm tiêu chí' });
    await field(add, 'Căn cứ (điều, khoản)').fill('QĐ 15/2024/QĐ-UBND Điều 3');
    await field(add, 'Nội dung tiêu chí (tiếng Việt)').fill('Có tổ an ninh tự quản hoạt động thường xuyên');
    await add.getByRole('button', { name: 'Thêm tiêu chí' }).click();
    const table = page.getByRole('table', { name: 'Tiêu chí bổ sung của Tỉnh Nghệ An' });
    await table.getByText('Có tổ an ninh tự quản hoạt động thường xuyên').waitFor();
    await expectNoSeriousA11yViolations(page, 'the province’s criteria');

    const officer = await browser().newPage();
    await logIn(officer.page, 'canbo');
    await officer.page.goto(appUrl('/certification'));
    const units = officer.page.getByRole('table', { name: /Các đơn vị của Phường Thành Vinh năm/ });
    await units.getByRole('link', { name: 'Mở hồ sơ của Khối Tân Quang' }).click();
    const criteria = officer.page.getByRole('table', { name: /Tiêu chí năm \d{4}/ });
    await criteria.getByText('Quy định của Tỉnh Nghệ An, QĐ 15/2024/QĐ-UBND Điều 3').waitFor();
    await criteria.getByText('Tiêu chí của tỉnh').waitFor();
  });

  test('a ward’s year fits a 360 px screen', async () => {
    const { page } = await browser().newPage({ viewport: { width: 360, height: 740 } });
    await logIn(page, 'truongcongan');
    await page.goto(appUrl('/certification'));
    await page.getByRole('table', { name: /Các đơn vị của Phường Thành Vinh năm/ }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page, 'the ward’s year at 360 px');
  });
});
