import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { appUrl, expectNoSeriousA11yViolations, logIn, mainNavigation, useBrowser } from './support/app.ts';

/** Picks an option of a Mantine select by its label, typing to narrow long lists. */
async function choose(page: Page, label: string, option: string | RegExp, typed?: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  if (typed) await box.fill(typed);
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** The dashboard, its map (tiles off: the server of the run has MAP_TILE_URL empty) and the roll-up of wards. */
describe('the dashboard and the map', () => {
  const browser = useBrowser();

  test("the chief reads Lê Mao's first half of 2020 on the dashboard, each chart with its table, then the map", async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'truongcongan');
    await mainNavigation(page).getByRole('link', { name: 'Bảng điều khiển', exact: true }).click();
    await page.getByRole('heading', { name: 'Bảng điều khiển', level: 1 }).waitFor();

    await choose(page, 'Đơn vị', /^Phường Lê Mao/, 'le mao');
    await choose(page, 'Kỳ báo cáo', '6 tháng');
    await choose(page, 'Năm', '2020');
    await page.getByText('6 tháng đầu năm 2020: 20 vụ việc', { exact: false }).first().waitFor();

    // The headline figures are the periodic report's, with the same period a year before.
    const headline = page.getByRole('region', { name: 'Số liệu chính' });
    await headline.getByText('120', { exact: true }).waitFor();
    await headline.getByText('380', { exact: true }).waitFor();

    // Each chart is drawn (ECharts, SVG, loaded on demand) and has its table.
    const trend = page.getByRole('region', { name: 'Tin báo và vụ việc theo tháng' });
    await trend.locator('.dashboard-chart svg').first().waitFor();
    const table = trend.getByRole('table', { name: 'Bảng số liệu: Tin báo và vụ việc theo tháng' });
    await table.getByRole('rowheader', { name: 'T1/2020', exact: true }).waitFor();
    expect(await table.getByRole('rowheader').count()).toBe(7);
    const groups = page.getByRole('table', { name: 'Bảng số liệu: Vụ việc theo nhóm' });
    await expect.poll(() => groups.getByRole('row', { name: /^Ma túy 15/ }).count()).toBe(1);
    await page.getByRole('table', { name: 'Bảng số liệu: Theo khối, trường' }).getByRole('rowheader', { name: 'Khối Trung Mỹ' }).waitFor();
    await page.getByRole('heading', { name: 'Việc quá hạn' }).waitFor();
    await page.getByText('Chứng nhận "An toàn về ANTT"').waitFor();
    await expectNoSeriousA11yViolations(page, 'the dashboard');

    // The map of the same unit and period, drawn by Leaflet on a blank ground: outlines and circles, no tile.
    await page.getByRole('link', { name: 'Xem trên bản đồ' }).click();
    await page.waitForURL(/\/app\/dashboard\/map\?/);
    await page.getByRole('heading', { name: 'Bản đồ', level: 1 }).waitFor();
    const map = page.getByRole('region', { name: 'Bản đồ Phường Lê Mao' });
    await map.waitFor();
    await expect.poll(() => map.locator('path.leaflet-interactive').count(), { timeout: 10_000 }).toBeGreaterThan(9);
    expect(await page.locator('img.leaflet-tile').count()).toBe(0);
    // One pair of zoom buttons, in the user's language.
    expect(await map.getByRole('button', { name: 'Phóng to' }).count()).toBe(1);
    expect(await map.getByRole('button', { name: 'Thu nhỏ' }).count()).toBe(1);
    await page.getByText('Bản đồ không có lớp nền').waitFor();
    await page.getByText(/Vòng tròn viền đậm là nơi ghi nhận/).waitFor();
    await page
      .getByRole('table', { name: /^Số liệu trên bản đồ theo khối/ })
      .getByRole('rowheader', { name: 'Khối Tân Quang' })
      .waitFor();
    // Layers can be turned off and on.
    const before = await map.locator('path.leaflet-interactive').count();
    await page.getByRole('checkbox', { name: 'Ranh giới' }).uncheck();
    await expect.poll(() => map.locator('path.leaflet-interactive').count()).toBeLessThan(before);
    await page.getByRole('checkbox', { name: 'Ranh giới' }).check();
    await expectNoSeriousA11yViolations(page, 'the map');
  });

  test('the province administrator sets the wards side by side in the roll-up, with their sum', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'quantri');
    await page.goto(appUrl('/dashboard'));
    await page.getByRole('heading', { name: 'Bảng điều khiển', level: 1 }).waitFor();
    await choose(page, 'Đơn vị', /^Tỉnh Nghệ An/, 'nghe an');
    await choose(page, 'Kỳ báo cáo', 'Khoảng ngày tự chọn');
    const from = page.getByRole('textbox', { name: 'Từ ngày' });
    await from.fill('01/01/2019');
    await from.press('Enter');
    const to = page.getByRole('textbox', { name: 'Đến ngày' });
    await to.fill('31/12/2025');
    await to.press('Enter');

    const rollup = page.getByRole('table', { name: /^Các phường, xã của Tỉnh Nghệ An/ });
    await rollup.waitFor();
    for (const ward of ['Phường Lê Mao', 'Phường Quang Trung', 'Phường Thành Vinh', 'Phường Trường Vinh']) {
      await rollup.getByRole('rowheader', { name: new RegExp(`^${ward}`) }).waitFor();
    }
    const sum = rollup.getByRole('row', { name: /^Tổng cộng/ });
    await sum.waitFor();
    // The sum is the sum of the rows (each case once).
    const cases = await rollup.evaluate((table) => {
      const col = Array.from(table.querySelectorAll('thead th')).findIndex((th) => th.textContent?.trim() === 'Vụ việc');
      const value = (row: Element) => Number((row.children[col]?.textContent ?? '0').replace(/\./g, ''));
      const rows = Array.from(table.querySelectorAll('tbody tr')).map(value);
      return { rows: rows.reduce((a, b) => a + b, 0), total: value(table.querySelector('tfoot tr') as Element) };
    });
    expect(cases.total).toBeGreaterThanOrEqual(20);
    expect(cases.rows).toBe(cases.total);
    // The province counts its wards' tips (never opening one): the column is there, and its sum is the sum of the rows.
    const tips = await rollup.evaluate((table) => {
      const col = Array.from(table.querySelectorAll('thead th')).findIndex((th) => th.textContent?.trim() === 'Tin báo');
      const value = (row: Element) => Number((row.children[col]?.textContent ?? '0').replace(/\./g, ''));
      const rows = Array.from(table.querySelectorAll('tbody tr')).map(value);
      return { col, rows: rows.reduce((a, b) => a + b, 0), total: value(table.querySelector('tfoot tr') as Element) };
    });
    expect(tips.col).toBeGreaterThan(0);
    expect(tips.rows).toBe(tips.total);
    await expectNoSeriousA11yViolations(page, 'the roll-up');
  });

  test('at 360 px a viewer reads the dashboard and the map without horizontal scrolling, every point at a block centroid', async () => {
    const { page } = await browser().newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await logIn(page, 'theodoi');
    await page.goto(appUrl('/dashboard?unit=le-mao&period=half&year=2020'));
    await page.getByRole('region', { name: 'Số liệu chính' }).getByText('120', { exact: true }).waitFor();
    await page.locator('.dashboard-chart svg').first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);

    await page.goto(appUrl('/dashboard/map?unit=le-mao&period=half&year=2020'));
    const map = page.getByRole('region', { name: 'Bản đồ Phường Lê Mao' });
    await expect.poll(() => map.locator('path.leaflet-interactive').count(), { timeout: 10_000 }).toBeGreaterThan(9);
    await page.getByText(/Mỗi vòng tròn nằm ở tâm của khối/).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Tuyến và điểm chốt tuần tra' }).count()).toBe(0);
    expect(await hasHorizontalScroll(page)).toBe(false);
  });
});
