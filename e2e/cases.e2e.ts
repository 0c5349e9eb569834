import { describe, expect, test } from 'vitest';
import { appUrl, expectNoSeriousA11yViolations, logIn, mainNavigation, useBrowser } from './support/app.ts';

/** The article's figures, as a viewer of the ward reads them in the browser (seed/le-mao-2020.en.md). */
describe('case figures and the register', () => {
  const browser = useBrowser();

  test("a viewer reads Lê Mao's first half of 2020 as the article states it, and never the register", async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'theodoi');
    const nav = mainNavigation(page);
    await nav.getByRole('link', { name: 'Số liệu', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Sổ vụ việc', exact: true }).count()).toBe(0);

    await page.goto(appUrl('/cases/summary?unit=le-mao&period=h1&year=2020'));
    const cases = page.getByRole('table', { name: /Vụ việc phát hiện trong kỳ theo nhóm/ });
    await cases.waitFor();
    const countOf = async (group: string) =>
      (await cases.getByRole('row').filter({ hasText: group }).first().getByRole('cell').nth(0).textContent())?.trim();
    expect(await countOf('Ma túy')).toBe('15');
    expect(await countOf('Pháo')).toBe('2');
    await page.getByText('2,4 kg').first().waitFor();
    await page.getByText('8 hồ sơ').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the figures page');
  });

  test('an officer opens the register, which lists the demo cases', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await mainNavigation(page).getByRole('link', { name: 'Sổ vụ việc', exact: true }).click();
    await page.getByRole('heading', { name: 'Sổ vụ việc', level: 1 }).waitFor();
    await page
      .getByText(/^VV-\d{4}-\d{4}$/)
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(page, 'the case register');
  });

  test("an officer opens the rehab dossiers and one of Lê Mao's 2020 dossiers", async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await mainNavigation(page).getByRole('link', { name: 'Hồ sơ cai nghiện bắt buộc', exact: true }).click();
    const first = page.getByRole('link', { name: /CN-2020-\d{4}/ }).first();
    await first.waitFor();
    await expectNoSeriousA11yViolations(page, 'the rehab dossiers');
    const number = /CN-2020-\d{4}/.exec((await first.textContent()) ?? '')?.[0] ?? '';
    await first.click();
    await page.waitForURL(/\/app\/rehab\/[0-9a-f-]{36}$/);
    await page.getByText(number).first().waitFor();
  });
});
