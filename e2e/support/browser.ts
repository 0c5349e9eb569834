import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { RESULTS_DIR } from './server.ts';

/** The Debian chromium package's binary; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether a URL stays on this machine (or is not a network URL at all: data:, blob:, about:). */
export function isLocalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return true;
  }
  if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol)) return true;
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** What a page did that a test should not accept. */
export type Problems = {
  /** Uncaught exceptions thrown in a page. */
  pageErrors: string[];
  /** console.error messages (including the browser's own: CSP violations, failed resources). */
  consoleErrors: string[];
  /** Every request to a host other than loopback (blocked, so nothing actually leaves). */
  externalRequests: string[];
};

/** Console errors every run expects: the browser logs each 401 answer (signed-out probes, a wrong password). */
export const EXPECTED_CONSOLE_ERRORS: RegExp[] = [/Failed to load resource: the server responded with a status of 401\b/];

export type BrowserSession = {
  browser: Browser;
  problems: Problems;
  /** A new context (its own cookies and storage) with recording attached, and a page in it. */
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  /** The recorded problems that are not in `allowConsole` (defaults to EXPECTED_CONSOLE_ERRORS), as readable lines. */
  unexpectedProblems(allowConsole?: RegExp[]): string[];
  /** Saves a full-page screenshot of every open page into test-results/e2e (for failures). */
  screenshot(label: string): Promise<string[]>;
  close(): Promise<void>;
};

/** Launches the system chromium headless and records page errors, console errors and non-loopback requests. */
export async function launchBrowser(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No chromium at ${CHROMIUM_PATH}: install the Debian package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
  const problems: Problems = { pageErrors: [], consoleErrors: [], externalRequests: [] };
  const contexts: BrowserContext[] = [];

  const watchPage = (page: Page) => {
    page.on('pageerror', (error) => problems.pageErrors.push(`${page.url()}: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url;
      problems.consoleErrors.push(`${message.text()}${where ? ` (${where})` : ''}`);
    });
  };

  return {
    browser,
    problems,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        serviceWorkers: 'block',
        ...options,
      });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(30_000);
      context.on('request', (request) => {
        if (!isLocalUrl(request.url())) problems.externalRequests.push(`${request.method()} ${request.url()}`);
      });
      // Nothing may reach the outside world: the app must work offline, on loopback only.
      await context.route(
        (url) => !isLocalUrl(url.toString()),
        (route) => route.abort('blockedbyclient'),
      );
      context.on('page', watchPage);
      const page = await context.newPage();
      return { context, page };
    },
    unexpectedProblems(allowConsole = EXPECTED_CONSOLE_ERRORS) {
      return [
        ...problems.pageErrors.map((e) => `uncaught page error: ${e}`),
        ...problems.consoleErrors.filter((e) => !allowConsole.some((re) => re.test(e))).map((e) => `console error: ${e}`),
        ...problems.externalRequests.map((r) => `request left loopback: ${r}`),
      ];
    },
    async screenshot(label) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const files: string[] = [];
      const safe = label.replace(/[^\w.-]+/g, '_').slice(0, 80);
      let n = 0;
      for (const context of contexts) {
        for (const page of context.pages()) {
          const file = join(RESULTS_DIR, `${safe}-${++n}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
          files.push(file);
        }
      }
      return files;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}
