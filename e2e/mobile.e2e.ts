import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { logIn, mainNavigation, useBrowser, VI } from './support/app.ts';

/** Whether any part of the element is inside the viewport (a collapsed drawer is moved off-screen, not hidden). */
function isOnScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || r.width === 0 || r.height === 0) return false;
    return r.right > 0 && r.bottom > 0 && r.left < window.innerWidth && r.top < window.innerHeight;
  });
}

function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

describe('small screen (360 px)', () => {
  const browser = useBrowser();

  test('at 360 px the shell is usable: the navigation is reached through the burger', async () => {
    const { page } = await browser().newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await logIn(page, 'truongcongan');
    expect(await hasHorizontalScroll(page)).toBe(false);

    const unitsLink = mainNavigation(page).getByRole('link', { name: VI.nav.units, exact: true });
    expect(await isOnScreen(unitsLink)).toBe(false);

    const burger = page.getByRole('button', { name: VI.openNavigation, exact: true });
    expect(await isOnScreen(burger)).toBe(true);
    await burger.click();
    // The navigation scrolls on its own when its modules outgrow the screen.
    await unitsLink.scrollIntoViewIfNeeded();
    await expect.poll(() => isOnScreen(unitsLink)).toBe(true);
    await unitsLink.click();

    await page.waitForURL((url) => url.pathname === '/app/units');
    await page.getByRole('tree').getByText('Phường Thành Vinh', { exact: true }).waitFor();
    await expect.poll(() => isOnScreen(unitsLink)).toBe(false);
    expect(await hasHorizontalScroll(page)).toBe(false);
  });
});
