import { describe, expect, test } from 'vitest';
import {
  appUrl,
  demoLogin,
  EN,
  e2e,
  expectNoSeriousA11yViolations,
  field,
  LANGUAGE_NAMES,
  logIn,
  mainNavigation,
  submitPassword,
  useBrowser,
  VI,
} from './support/app.ts';

describe('login and language', () => {
  const browser = useBrowser();

  test('the login page has no serious or critical accessibility violations', async () => {
    const { page } = await browser().newPage();
    await page.goto(appUrl('/login'));
    await field(page, VI.username).waitFor();
    await expectNoSeriousA11yViolations(page, 'the login page');
  });

  test('a wrong password shows the generic error and does not log in', async () => {
    const { page } = await browser().newPage();
    await page.goto(appUrl('/login'));
    // A real account with a wrong password, and an account that does not exist: the same message for both.
    for (const username of ['theodoi', 'khong.co.tai.khoan.nay']) {
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await submitPassword(page, username, 'sai-mat-khau-123456');
      expect((await answer).status()).toBe(401);
      await page.getByText(VI.invalidCredentials).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/login');
      await expect.poll(() => field(page, VI.code).count()).toBe(0);
    }
    const me = await page.request.get(`${e2e().baseUrl}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
    expect(demoLogin('theodoi').totpSecret).toBeNull();
  });

  test('the admin logs in with password and TOTP, lands in the shell in Vietnamese, and the language choice survives a reload', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'quantri');

    const nav = mainNavigation(page);
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('vi');
    for (const name of Object.values(VI.nav)) await nav.getByRole('link', { name, exact: true }).waitFor();

    // The choice is saved on the account in the background; reload only once the server has it.
    const savedEn = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me/locale') && r.request().method() === 'PUT');
    await page.getByLabel(VI.language, { exact: true }).selectOption({ label: LANGUAGE_NAMES.en });
    expect((await savedEn).ok()).toBe(true);
    await nav.getByRole('link', { name: EN.nav.overview, exact: true }).waitFor();
    await expect.poll(() => html.getAttribute('lang')).toBe('en');

    await page.reload();
    await nav.getByRole('link', { name: EN.nav.units, exact: true }).waitFor();
    expect(await html.getAttribute('lang')).toBe('en');
    const switchEn = page.getByLabel(EN.language, { exact: true });
    expect(await switchEn.inputValue()).toBe('en');

    // Back to Vietnamese, which the account keeps for later logins.
    const savedVi = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me/locale') && r.request().method() === 'PUT');
    await switchEn.selectOption({ label: LANGUAGE_NAMES.vi });
    expect((await savedVi).ok()).toBe(true);
    await nav.getByRole('link', { name: VI.nav.overview, exact: true }).waitFor();
    await page.reload();
    await nav.getByRole('link', { name: VI.nav.units, exact: true }).waitFor();
    expect(await html.getAttribute('lang')).toBe('vi');
  });
});
