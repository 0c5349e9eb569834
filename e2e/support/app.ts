import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { type BrowserSession, launchBrowser } from './browser.ts';
import { nextTotpCode } from './totp.ts';

/**
 * The staff app's visible names the journeys use, in Vietnamese (the default language) and English.
 * They mirror web/src/locales; when a wording changes there, change it here.
 */
export const VI = {
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  login: 'Đăng nhập',
  code: 'Mã xác thực',
  verify: 'Xác nhận',
  mainNavigation: 'Điều hướng chính',
  language: 'Ngôn ngữ',
  nav: { overview: 'Tổng quan', units: 'Đơn vị', users: 'Tài khoản', audit: 'Nhật ký hệ thống' },
  addChild: 'Thêm đơn vị trực thuộc',
  unitType: 'Loại đơn vị',
  unitCode: 'Mã đơn vị',
  unitName: 'Tên đơn vị',
  createUnit: 'Thêm đơn vị',
  block: 'Khối/Tổ dân phố',
  invalidCredentials: 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khoá.',
  openNavigation: 'Mở menu điều hướng',
} as const;

export const EN = {
  language: 'Language',
  mainNavigation: 'Main navigation',
  nav: { overview: 'Overview', units: 'Units', users: 'Accounts', audit: 'Audit log' },
} as const;

export const LANGUAGE_NAMES = { vi: 'Tiếng Việt', en: 'English' } as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A form field by its label; a required field's label carries a " *" that is not part of its name. */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*\\*?$`));
}

/** The shell's main navigation (the side bar; behind the burger on small screens), in either language. */
export function mainNavigation(page: Page): Locator {
  return page.getByRole('navigation', { name: new RegExp(`^(${VI.mainNavigation}|${EN.mainNavigation})$`) });
}

/** The run's server, started once by e2e/support/global-setup.ts. */
export function e2e() {
  return inject('e2e');
}

/** The URL of a staff app path, e.g. appUrl('/units'). */
export function appUrl(path = '/'): string {
  return `${e2e().baseUrl}/app${path === '/' ? '/' : path}`;
}

/**
 * Registers a browser for the test file: launched before the first test, closed after the last. After every test
 * it fails the test on an uncaught page error, an unexpected console error or a request that left loopback, and it
 * saves screenshots of a failed test into test-results/e2e.
 */
export function useBrowser(): () => BrowserSession {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    if (!session) return;
    if (task.result?.state === 'fail') await session.screenshot(`${task.file?.name ?? 'e2e'}-${task.name}`);
    const problems = session.unexpectedProblems();
    session.problems.pageErrors.length = 0;
    session.problems.consoleErrors.length = 0;
    session.problems.externalRequests.length = 0;
    if (problems.length) throw new Error(`The browser recorded ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('the browser is not launched yet');
    return session;
  };
}

/** A demo account from the run's demo-logins.txt. */
export function demoLogin(username: string) {
  const login = e2e().logins[username];
  if (!login) throw new Error(`No demo account "${username}" in demo-logins.txt`);
  return login;
}

/** Fills the password step of the login page (already open) and submits it. */
export async function submitPassword(page: Page, username: string, password: string): Promise<void> {
  await field(page, VI.username).fill(username);
  await field(page, VI.password).fill(password);
  await page.getByRole('button', { name: VI.login, exact: true }).click();
}

/** Logs in through the login page with password and, when the account has one, TOTP; waits for the shell. */
export async function logIn(page: Page, username: string): Promise<void> {
  const account = demoLogin(username);
  await page.goto(appUrl('/login'));
  await submitPassword(page, username, account.password);
  if (account.totpSecret) {
    const code = field(page, VI.code);
    await code.fill(await nextTotpCode(e2e().stateDir, username, account.totpSecret));
    await page.getByRole('button', { name: VI.verify, exact: true }).click();
  }
  await page.waitForURL((url) => url.pathname.startsWith('/app') && !url.pathname.startsWith('/app/login'));
  await expect.poll(() => mainNavigation(page).count()).toBe(1);
}

/** The serious or critical violations axe-core finds on the page as it is now. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Runs axe-core on the page and fails listing every serious or critical violation. A notice that closes by itself can
 * start fading out while axe reads it, and half-faded text fails the contrast rule: so a page with violations is read
 * once more when its animations have ended; a real violation is still there then.
 */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  let bad = await seriousViolations(page);
  if (bad.length === 0) return;
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  bad = await seriousViolations(page);
  if (bad.length === 0) return;
  const lines = bad.map(
    (v) =>
      `- ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n${v.nodes
        .slice(0, 8)
        .map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)
        .join('\n')}${v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''}`,
  );
  throw new Error(`axe-core found ${bad.length} serious/critical violation(s) on ${what}:\n${lines.join('\n')}`);
}
