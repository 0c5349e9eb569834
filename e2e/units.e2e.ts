import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { appUrl, e2e, expectNoSeriousA11yViolations, field, logIn, mainNavigation, useBrowser, VI } from './support/app.ts';

type ApiUnit = { id: string; name: string; type: string; code: string; parentId: string | null };

describe('units (admin)', () => {
  const browser = useBrowser();
  /** The admin's signed-in page, reused by the accessibility check (a new login would burn another TOTP step). */
  let adminPage: Page | undefined;

  const signedInAdmin = async (): Promise<Page> => {
    if (!adminPage) {
      adminPage = (await browser().newPage()).page;
      await logIn(adminPage, 'quantri');
    }
    return adminPage;
  };

  test('the admin adds a block under phường Thành Vinh and finds it in the tree and the API', async () => {
    const page = await signedInAdmin();
    await mainNavigation(page).getByRole('link', { name: VI.nav.units, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app/units');
    const tree = page.getByRole('tree');
    await tree.getByText('Phường Thành Vinh', { exact: true }).click();
    await page.getByRole('button', { name: VI.addChild }).click();

    const suffix = Date.now().toString(36);
    const code = `e2e-${suffix}`;
    const name = `Khối Kiểm thử ${suffix}`;
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await field(dialog, VI.unitType).click();
    await page.getByRole('option', { name: VI.block, exact: true }).click();
    await field(dialog, VI.unitCode).fill(code);
    await field(dialog, VI.unitName).fill(name);
    await dialog.getByRole('button', { name: VI.createUnit, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await tree.getByText(name, { exact: true }).waitFor();
    const item = tree.getByRole('treeitem', { name: new RegExp(`^${name}`) });
    expect(await item.getAttribute('aria-selected')).toBe('true');

    const res = await page.request.get(`${e2e().baseUrl}/api/v1/units?includeInactive=true`);
    expect(res.status()).toBe(200);
    const { items } = (await res.json()) as { items: ApiUnit[] };
    const ward = items.find((u) => u.name === 'Phường Thành Vinh');
    const created = items.find((u) => u.code === code);
    expect(created).toMatchObject({ name, type: 'block', parentId: ward?.id });
  });

  test('the units page (signed-in shell) has no serious or critical accessibility violations', async () => {
    const page = await signedInAdmin();
    await page.goto(appUrl('/units'));
    const tree = page.getByRole('tree');
    await tree.getByText('Phường Thành Vinh', { exact: true }).click();
    await page.getByRole('button', { name: VI.addChild }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the units page');
  });
});
