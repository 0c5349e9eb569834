import { describe, expect, test } from 'vitest';
import { e2e, logIn, mainNavigation, useBrowser, VI } from './support/app.ts';

describe('ward scope (officer)', () => {
  const browser = useBrowser();

  test("a ward officer sees only their ward's units and no accounts or audit navigation", async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');

    const nav = mainNavigation(page);
    await nav.getByRole('link', { name: VI.nav.units, exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: VI.nav.users, exact: true }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: VI.nav.audit, exact: true }).count()).toBe(0);

    await nav.getByRole('link', { name: VI.nav.units, exact: true }).click();
    const tree = page.getByRole('tree');
    await tree.getByText('Phường Thành Vinh', { exact: true }).waitFor();
    await tree.getByText('Khối Trung Mỹ', { exact: true }).waitFor();
    expect(await page.getByText('Phường Trường Vinh').count()).toBe(0);
    expect(await tree.getByText('Khối 1', { exact: true }).count()).toBe(0);

    // The API agrees: nothing of the other ward, current or historic.
    const res = await page.request.get(`${e2e().baseUrl}/api/v1/units?includeInactive=true`);
    expect(res.status()).toBe(200);
    const names = ((await res.json()) as { items: { name: string }[] }).items.map((u) => u.name);
    expect(names).toContain('Phường Thành Vinh');
    expect(names).not.toContain('Phường Trường Vinh');
    expect(names).not.toContain('Khối 1');
  });
});
