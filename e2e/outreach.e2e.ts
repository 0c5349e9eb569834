import { describe, expect, test } from 'vitest';
import { appUrl, e2e, expectNoSeriousA11yViolations, field, logIn, useBrowser } from './support/app.ts';

/**
 * Outreach: a block leader records a meeting in her block; the ward officer reads the loudspeaker schedule with its
 * script, drafts an alert for a block and publishes it after a confirmation; a resident reads it on /thong-bao with
 * JavaScript off, finds the Atom feed, and meets the subscription form's errors. axe-core on each screen.
 */
describe('outreach and alerts', () => {
  const browser = useBrowser();
  const alertTitle = `Cảnh báo lừa đảo qua mạng ở khối Trung Mỹ ${Date.now()}`;

  test('a block leader records a block meeting with its audience by group', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'truongkhoi');
    await page.goto(appUrl('/outreach'));
    await page.getByRole('heading', { name: 'Tuyên truyền', level: 1 }).waitFor();
    await page.getByRole('table', { name: /Hoạt động tuyên truyền/ }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the outreach activities');
    const form = page.getByRole('region', { name: 'Ghi hoạt động tuyên truyền' });
    const title = `Họp dân khối Trung Mỹ về lừa đảo ${Date.now()}`;
    await field(form, 'Nội dung').fill(title);
    await field(form, 'Nhân dân').fill('54');
    await field(form, 'Người cao tuổi').fill('16');
    await form.getByText('Tổng số người dự: 70').waitFor();
    await form.locator('input[type=file]').setInputFiles({
      name: 'to-roi-canh-giac-lua-dao.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% To roi\n%%EOF\n'),
    });
    await form.getByRole('button', { name: 'Lưu hoạt động' }).click();
    const table = page.getByRole('table', { name: /Hoạt động tuyên truyền/ });
    await table.getByText(title).waitFor();
    await table.getByRole('link', { name: 'to-roi-canh-giac-lua-dao.pdf' }).first().waitFor();
    const units = (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map((u) => u.trim());
    expect(new Set(units)).toEqual(new Set(['Khối Trung Mỹ']));

    // She corrects it: the audience was larger than first noted.
    await table.getByRole('button', { name: `Sửa hoạt động "${title}"` }).click();
    const edit = page.getByRole('region', { name: `Sửa hoạt động "${title}"` });
    await field(edit, 'Đoàn viên thanh niên').fill('30');
    await expectNoSeriousA11yViolations(page, 'the activity correction');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await edit.waitFor({ state: 'detached' });
    await table.getByRole('row').filter({ hasText: title }).getByRole('cell', { name: '100', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Tải danh sách (Excel)' }).waitFor();
  });

  test('the ward officer reads the broadcast schedule and publishes an alert for a block after confirming', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await page.goto(appUrl('/outreach?tab=schedule'));
    const schedule = page.getByRole('table', { name: /Lịch phát thanh từ/ });
    await schedule.waitFor();
    await expectNoSeriousA11yViolations(page, 'the broadcast schedule');
    await schedule.getByRole('button').filter({ hasText: '(v' }).first().click();
    await schedule.getByText('Kính thưa bà con').first().waitFor();

    await page.getByRole('tab', { name: 'Thông báo, cảnh báo' }).click();
    const form = page.getByRole('region', { name: 'Soạn thông báo hoặc cảnh báo' });
    await form.waitFor();
    await expect.poll(() => form.getByText('Cảnh báo khẩn').count()).toBe(0); // only a chief marks an alert urgent
    await field(form, 'Khối liên quan').click({ force: true });
    await page.getByRole('option', { name: 'Khối Trung Mỹ' }).click();
    await page.keyboard.press('Escape');
    await field(form, 'Tiêu đề').fill(alertTitle);
    await field(form, 'Nội dung').fill(
      'Đối tượng nhắn tin mời "làm việc online" rồi yêu cầu chuyển tiền đặt cọc. Không chuyển tiền; báo Công an phường.',
    );
    await expectNoSeriousA11yViolations(page, 'the announcement form');
    await form.getByRole('button', { name: 'Lưu bản nháp' }).click();
    const list = page.getByRole('table', { name: 'Thông báo và cảnh báo' });
    await list.getByRole('button', { name: alertTitle }).click();
    await list.getByRole('button', { name: 'Đăng và gửi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đăng thông báo' });
    await dialog.waitFor();
    await page.waitForTimeout(500);
    await expectNoSeriousA11yViolations(page, 'the publish confirmation');
    await dialog.getByRole('button', { name: 'Đăng và gửi' }).click();
    await list
      .getByText(/^Đăng lúc/)
      .first()
      .waitFor();

    // A second draft is discarded after a confirmation; the published alert stays.
    const draftTitle = `Bản nháp sẽ hủy ${Date.now()}`;
    await field(form, 'Tiêu đề').fill(draftTitle);
    await field(form, 'Nội dung').fill('Nội dung nháp.');
    await form.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await list.getByRole('button', { name: draftTitle }).click();
    await list.getByRole('button', { name: 'Hủy bản nháp' }).click();
    const confirm = page.getByRole('dialog', { name: 'Hủy bản nháp' });
    await confirm.waitFor();
    // Let the dialog's opening transition end before checking colours.
    await page.waitForTimeout(500);
    await expectNoSeriousA11yViolations(page, 'the discard confirmation');
    await confirm.getByRole('button', { name: 'Hủy bản nháp' }).click();
    await list.getByRole('button', { name: draftTitle }).waitFor({ state: 'detached' });
    await list.getByRole('button', { name: alertTitle }).waitFor();

    // A survey sent on its own after a patrol period names the period.
    const surveyTitle = `Khảo sát sau đợt tuần tra ${Date.now()}`;
    await field(form, 'Loại').click();
    await page.getByRole('option', { name: 'Khảo sát sau đợt tuần tra' }).click();
    await field(form, 'Đợt tuần tra từ ngày').fill('2026-11-01');
    await field(form, 'Đến ngày').fill('2026-11-15');
    await field(form, 'Tiêu đề').fill(surveyTitle);
    await field(form, 'Nội dung').fill('Sau đợt tuần tra, bạn có thấy an toàn hơn?');
    await form.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await list.getByRole('button', { name: surveyTitle }).click();
    await list.getByText('Đợt tuần tra từ 01/11/2026 đến 15/11/2026').waitFor();

    // Subscriber figures: counts only, never a contact.
    await page.getByRole('tab', { name: 'Người đăng ký' }).click();
    const byChannel = page.getByRole('table', { name: 'Người đăng ký theo kênh' });
    await byChannel.waitFor();
    expect((await page.locator('main table').allTextContents()).join(' ')).not.toMatch(/@|\*\*\*/);
    await expectNoSeriousA11yViolations(page, 'the subscriber figures');
  });

  test('a resident reads the alert without JavaScript, finds the feed, and is told what to fix on the subscription form', async () => {
    const { page } = await browser().newPage({ javaScriptEnabled: false });
    await page.goto(`${e2e().baseUrl}/thong-bao?phuong=thanh-vinh`);
    await page.getByRole('heading', { name: 'Thông báo của Phường Thành Vinh', level: 1 }).waitFor();
    await page.getByRole('link', { name: alertTitle }).click();
    await page.getByRole('heading', { name: alertTitle }).waitFor();
    await page.getByText('Khối: Khối Trung Mỹ').waitFor();
    const announcement = page.url();
    const feed = await page.request.get(`${e2e().baseUrl}/thong-bao/feed.xml?phuong=thanh-vinh`);
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    expect(await feed.text()).toContain(alertTitle);

    await page.getByRole('link', { name: 'Đăng ký nhận cảnh báo' }).click();
    await page.getByRole('heading', { name: 'Đăng ký nhận cảnh báo của Phường Thành Vinh', level: 1 }).waitFor();
    await page.getByLabel('Địa chỉ nhận').fill('khong-phai-dia-chi');
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await page.getByRole('link', { name: 'Nhập thư điện tử hoặc số điện thoại đúng định dạng.' }).waitFor();
    await page.getByRole('link', { name: 'Chọn ít nhất một chủ đề.' }).waitFor();
    await page.getByRole('link', { name: 'Cần đồng ý để đăng ký.' }).waitFor();
    expect(await page.title()).toMatch(/^Lỗi: /);
    expect(await page.getByLabel('Địa chỉ nhận').inputValue()).toBe('khong-phai-dia-chi');

    // The same pages pass axe (which needs script in the page to run).
    const { page: checked } = await browser().newPage();
    await checked.goto(announcement);
    await checked.getByRole('heading', { name: alertTitle }).waitFor();
    await expectNoSeriousA11yViolations(checked, 'an announcement');
    await checked.goto(`${e2e().baseUrl}/thong-bao/dang-ky?phuong=thanh-vinh`);
    await expectNoSeriousA11yViolations(checked, 'the subscription form');
    await checked.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await checked.getByRole('link', { name: 'Cần đồng ý để đăng ký.' }).waitFor();
    await expectNoSeriousA11yViolations(checked, 'the subscription form with errors');
    const session = browser();
    const kept = session.problems.consoleErrors.filter((e) => !/status of 400 .*\/thong-bao/.test(e));
    session.problems.consoleErrors.length = 0;
    session.problems.consoleErrors.push(...kept);
  });
});
