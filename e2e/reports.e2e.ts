import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, logIn, mainNavigation, useBrowser } from './support/app.ts';

const HAS_PDFTOTEXT = !spawnSync('pdftotext', ['-v']).error;
const workDir = mkdtempSync(path.join(tmpdir(), 'report-e2e-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The periodic report, as the ward police chief writes it for Lê Mao's first half of 2020 (seed/le-mao-2020.en.md). */
describe('the periodic report', () => {
  const browser = useBrowser();

  test("the chief opens Lê Mao's report for the first half of 2020, reads the article's figures in sentences and downloads the PDF", async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'truongcongan');
    await mainNavigation(page).getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await page.getByRole('heading', { name: 'Báo cáo định kỳ', level: 1 }).waitFor();

    // The unit and the period, as a user chooses them.
    const unit = page.getByRole('combobox', { name: 'Đơn vị' });
    await unit.click();
    await unit.fill('le mao');
    await page.getByRole('option', { name: /^Phường Lê Mao/ }).click();
    await page.getByRole('combobox', { name: 'Năm', exact: true }).click();
    await page.getByRole('option', { name: '2020', exact: true }).click();
    await page.getByText('Kết quả công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc 6 tháng đầu năm 2020').waitFor();

    const report = page.getByRole('article');
    await report.getByText('CÔNG AN PHƯỜNG LÊ MAO', { exact: true }).waitFor();
    const text = ((await report.textContent()) ?? '').replace(/\s+/g, ' ');
    for (const expected of [
      'đã đấu tranh làm rõ, bắt 15 vụ mua bán, tàng trữ, sử dụng trái phép chất ma túy',
      '2 vụ mua bán, tàng trữ, sử dụng trái phép pháo, thuốc pháo, thu giữ 2,4 kg thuốc pháo',
      '3 vụ trộm cắp, lừa đảo, lạm dụng tín nhiệm chiếm đoạt tài sản',
      'lập 8 hồ sơ đưa người cai nghiện bắt buộc',
      'tổ chức 120 đợt, 380 lượt tham gia tuần tra',
      'cùng kỳ năm 2019',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // A figure in a sentence is a link to the records behind it.
    const drugs = report.getByRole('link', { name: '15', exact: true }).first();
    expect(await drugs.getAttribute('href')).toBe('/app/cases?group=drugs&from=2020-01-01&to=2020-06-30');
    await expectNoSeriousA11yViolations(page, 'the periodic report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-le-mao-2020-01-01-2020-06-30.pdf');
    await page.getByRole('status').filter({ hasText: 'Đã lập xong tệp PDF' }).waitFor();
    const file = path.join(workDir, download.suggestedFilename());
    await download.saveAs(file);
    if (HAS_PDFTOTEXT) {
      const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(pdf).toContain('đã đấu tranh làm rõ, bắt 15 vụ mua bán, tàng trữ, sử dụng trái phép chất ma túy');
      expect(pdf).toContain('thu giữ 2,4 kg thuốc pháo');
    }

    // The figure opens the register with the report's filters.
    await drugs.click();
    await page.waitForURL(/\/app\/cases\?/);
    expect(new URL(page.url()).searchParams.get('group')).toBe('drugs');
  });
});
