import { describe, expect, test } from 'vitest';
import { appUrl, e2e, expectNoSeriousA11yViolations, logIn, mainNavigation, useBrowser } from './support/app.ts';

/** An officer's day with the tip mailbox: the inbox, a tip, an internal note, a question the sender then reads. */
describe('the tip inbox (officer)', () => {
  const browser = useBrowser();

  test('a ward officer opens a new tip, notes it, asks the sender, and the sender reads the question', async () => {
    const what = `Có người bán pháo nổ qua mạng, giao hàng ở khối Trung Mỹ (thử ${Date.now()})`;
    const sent = await fetch(`${e2e().baseUrl}/api/v1/public/tips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ wardCode: 'thanh-vinh', what }),
    });
    expect(sent.status).toBe(201);
    const { receipt } = (await sent.json()) as { receipt: string };

    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await mainNavigation(page).getByRole('link', { name: 'Tin báo', exact: true }).click();
    await page.getByRole('heading', { name: 'Tin báo', level: 1 }).waitFor();
    await page.getByText(what.slice(0, 60)).first().waitFor();
    await expectNoSeriousA11yViolations(page, 'the tip inbox');

    const row = page.getByRole('row').filter({ hasText: what.slice(0, 60) });
    await row.getByRole('link').first().click();
    await page.getByText(what).waitFor();
    await expectNoSeriousA11yViolations(page, 'a tip');

    await page.getByRole('textbox', { name: 'Nội dung', exact: true }).fill('Ghi chú nội bộ: cần xác minh tài khoản bán hàng');
    await page.getByRole('button', { name: 'Lưu ghi chú nội bộ' }).click();
    await page.getByText('Ghi chú nội bộ: cần xác minh tài khoản bán hàng').waitFor();
    // The form empties itself once the note is saved; choose the next kind only after that, and check it took.
    await expect.poll(() => page.getByRole('textbox', { name: 'Nội dung', exact: true }).inputValue()).toBe('');
    const askSender = page.getByLabel('Câu hỏi gửi người gửi');
    await expect
      .poll(async () => {
        await askSender.click();
        return askSender.isChecked();
      })
      .toBe(true);
    await page.getByRole('textbox', { name: 'Nội dung', exact: true }).fill('Bạn có biết tên tài khoản mạng xã hội của người bán không?');
    await page.getByRole('button', { name: 'Gửi cho người gửi…' }).click();
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await page.getByText('Đã gửi câu hỏi cho người gửi.').waitFor();

    const status = await fetch(`${e2e().baseUrl}/api/v1/public/tips/status`, { headers: { 'x-receipt': receipt } });
    const view = (await status.json()) as { messages: { from: string; body: string }[] };
    expect(view.messages).toEqual([
      { from: 'police', body: 'Bạn có biết tên tài khoản mạng xã hội của người bán không?', on: expect.any(String) },
    ]);
    expect(page.url()).toContain(appUrl('/tips/'));
  });
});
