import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { appUrl, e2e, expectNoSeriousA11yViolations, logIn, mainNavigation, useBrowser } from './support/app.ts';

/** The teams of the demo ward the journeys use (server/src/modules/patrols/patrol.demo.ts). */
const SECURITY_TEAM = 'Tổ bảo vệ an ninh, trật tự khối Trung Mỹ – Tân Quang';
const PEOPLE_PATROL = 'Tổ tuần tra nhân dân khối Trung Mỹ';
const POLICE_TEAM = 'Công an phường Thành Vinh';
/** A round of the ward police, found by the officer's journey for the member's. */
let policeRoundId: string | null = null;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, serviceWorkers: 'allow' } as const;

type RoundSummary = { id: string; teamId: string; teamName: string };

/** Every round of a team the account may read, through the API with the page's session. */
async function roundsOf(request: APIRequestContext, teamId: string): Promise<RoundSummary[]> {
  const out: RoundSummary[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `teamId=${teamId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await request.get(`${e2e().baseUrl}/api/v1/patrols/rounds?${query}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { items: RoundSummary[]; nextCursor: string | null };
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function teamIdOf(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.get(`${e2e().baseUrl}/api/v1/patrols/me`);
  const me = (await res.json()) as { memberships: { teamId: string; teamName: string }[] };
  const team = me.memberships.find((m) => m.teamName === name);
  if (!team) throw new Error(`not a member of ${name}`);
  return team.teamId;
}

/** Everything the patrol store holds, as text: buffers read as UTF-8 and Latin-1, so that no plaintext can hide. */
function dumpPatrolStore(page: Page): Promise<{ text: string; outbox: number; ivLengths: number[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('binh-an-patrol');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const parts: string[] = [];
    const add = (value: unknown): void => {
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer);
        parts.push(new TextDecoder().decode(bytes), new TextDecoder('latin1').decode(bytes));
      } else if (value instanceof CryptoKey) {
        parts.push(`CryptoKey extractable=${value.extractable}`);
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          parts.push(k);
          add(v);
        }
      } else parts.push(String(value));
    };
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const outbox = (await all('outbox')) as { round: { iv: Uint8Array } }[];
    const keys = (store: string) =>
      new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    for (const store of ['meta', 'outbox', 'vault']) {
      add(await all(store));
      parts.push(...(await keys(store)).map(String));
    }
    db.close();
    return { text: parts.join('\n'), outbox: outbox.length, ivLengths: outbox.map((r) => r.round.iv.byteLength) };
  });
}

async function openRecordScreen(page: Page): Promise<void> {
  await page.goto(appUrl('/patrols/record'));
  await page.getByRole('heading', { name: 'Ghi lượt tuần tra', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Lượt tuần tra mới' }).waitFor();
}

/** Forgets the console errors a journey causes on purpose (requests failing while offline or cut on purpose, a 404). */
function acceptNetworkErrors(session: ReturnType<ReturnType<typeof useBrowser>>, extra?: RegExp): void {
  const errors = session.problems.consoleErrors;
  const kept = errors.filter((e) => !/net::ERR_(INTERNET_DISCONNECTED|CONNECTION_RESET|FAILED)/.test(e) && !extra?.test(e));
  errors.length = 0;
  errors.push(...kept);
}

describe('patrols', () => {
  const browser = useBrowser();

  test('offline, a member records 20 rounds, closes the page, reopens it offline, and online exactly 20 reach the server', async () => {
    const { context, page } = await browser().newPage(PHONE);
    await logIn(page, 'tobaove');
    const teamId = await teamIdOf(page.request, SECURITY_TEAM);
    const before = await roundsOf(page.request, teamId);

    // One visit online: the service worker keeps the app shell, the device keeps the sealed field kit.
    await openRecordScreen(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await page.getByLabel('Tổ', { exact: true }).selectOption({ label: SECURITY_TEAM });
    await page.getByRole('checkbox', { name: /^Lê Văn Bình — Tổ trưởng/ }).waitFor();
    await page.getByRole('checkbox', { name: /^Phạm Đình Lực — Tổ phó/ }).check();
    await expectNoSeriousA11yViolations(page, 'the record screen');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    const marker = `E2E-${Date.now().toString(36)}`;
    const guest = `Khách ${marker}`;
    for (let i = 1; i <= 20; i++) {
      if (i === 1) {
        await page.getByLabel('Người khác tham gia: họ và tên').fill(guest);
        await page.getByRole('button', { name: 'Thêm', exact: true }).click();
        await page.getByRole('button', { name: /^Đã đến Nhà văn hóa khối Trung Mỹ/ }).click();
        await page.getByText(/Đã đến lúc \d\d:\d\d \(Bấm xác nhận\)/).waitFor();
      }
      if (i === 2) {
        // Without a camera that reads codes, the code is typed or pasted; anything else is refused in words.
        await page.getByRole('button', { name: /^Quét mã QR tại Ngõ 5 đường Lê Mao/ }).click();
        const scan = page.getByRole('dialog', { name: /^Quét mã tại điểm: Ngõ 5 đường Lê Mao/ });
        await scan.getByLabel(/^Nội dung mã/).fill('không phải mã');
        await scan.getByRole('button', { name: 'Xác nhận' }).click();
        await scan.getByText('Đây không phải mã điểm kiểm tra của Bình An.').waitFor();
        await scan.getByLabel(/^Nội dung mã/).fill('A1b2C3d4');
        await scan.getByRole('button', { name: 'Xác nhận' }).click();
        await page.getByText(/Đã đến lúc \d\d:\d\d \(Quét mã QR\)/).waitFor();
      }
      await page.getByLabel('Ghi chú của lượt tuần tra').fill(`${marker} lượt ${i}`);
      await page.getByRole('button', { name: 'Lưu lượt tuần tra' }).click();
      // Saved on the device, and the form is empty again for the next round.
      await page
        .getByRole('status')
        .filter({ hasText: /^Đã lưu trên máy lúc \d\d:\d\d, chưa gửi\.$/ })
        .waitFor();
      await page.getByText(`${i} lượt chờ gửi`, { exact: true }).waitFor();
    }

    // What the device keeps is sealed: no note, no name in clear; the key cannot be exported.
    const stored = await dumpPatrolStore(page);
    expect(stored.outbox).toBe(20);
    expect(stored.ivLengths.every((n) => n === 12)).toBe(true);
    for (const secret of [marker, guest, 'Lê Văn Bình', 'Phạm Đình Lực', 'Nhà văn hóa']) expect(stored.text).not.toContain(secret);
    expect(stored.text).toContain('CryptoKey extractable=false');

    // Closed and opened again, still offline: the service worker serves the screen, the queue is still there.
    await page.close();
    const again = await context.newPage();
    await openRecordScreen(again);
    await again.getByText('20 lượt chờ gửi', { exact: true }).waitFor();
    await again.getByText(/^Đang dùng danh sách tổ, tuyến lưu trên máy lúc/).waitFor();

    // Online again; the answer to the first attempt is lost on the way back, so that round is sent twice.
    let cut = 0;
    const replayed: string[] = [];
    await context.route('**/api/v1/patrols/rounds', async (route) => {
      if (route.request().method() === 'POST' && cut === 0) {
        cut += 1;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.fallback();
    });
    again.on('response', (response) => {
      if (response.request().method() === 'POST' && response.headers()['idempotent-replayed'] === 'true') replayed.push(response.url());
    });
    await context.setOffline(false);
    await expect.poll(() => cut).toBe(1);
    await again.getByRole('button', { name: 'Gửi ngay' }).first().click();
    await again.getByText('0 lượt chờ gửi', { exact: true }).waitFor();
    await context.unroute('**/api/v1/patrols/rounds');
    acceptNetworkErrors(browser());

    const after = await roundsOf(again.request, teamId);
    expect(after.length).toBe(before.length + 20);
    expect(replayed.length).toBe(1);
    const known = new Set(before.map((r) => r.id));
    const added = after.filter((r) => !known.has(r.id));
    const notes: string[] = [];
    for (const r of added) {
      const res = await again.request.get(`${e2e().baseUrl}/api/v1/patrols/rounds/${r.id}`);
      const round = (await res.json()) as { note: string | null; participants: { name: string; kind: string }[] };
      notes.push(round.note ?? '');
      if (round.note === `${marker} lượt 1`) expect(round.participants.map((p) => p.name)).toContain(guest);
    }
    expect(notes.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `${marker} lượt ${i + 1}`).sort());
  });

  test('logout wipes the unsent rounds, the drafts and the key from the device, after saying how many will be lost', async () => {
    const { context, page } = await browser().newPage(PHONE);
    await logIn(page, 'truongkhoi');
    const teamId = await teamIdOf(page.request, PEOPLE_PATROL);
    const before = await roundsOf(page.request, teamId);
    await openRecordScreen(page);
    await page
      .getByRole('checkbox', { name: /— Tổ trưởng/ })
      .first()
      .waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);

    await context.setOffline(true);
    await page.getByLabel('Ghi chú của lượt tuần tra').fill('Lượt sẽ bị xoá khi đăng xuất');
    await page.getByRole('button', { name: 'Lưu lượt tuần tra' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Đã lưu trên máy lúc/ })
      .waitFor();
    await page.getByText('1 lượt chờ gửi', { exact: true }).waitFor();
    // Something typed and not yet saved stays too, sealed, until the logout.
    await page.getByLabel('Ghi chú của lượt tuần tra').fill('Bản nháp chưa lưu');
    // The unfinished form survives closing the page, sealed like the outbox.
    await expect.poll(async () => (await dumpPatrolStore(page)).text.includes('draft:')).toBe(true);
    await page.waitForTimeout(500);
    await openRecordScreen(page);
    expect(await page.getByLabel('Ghi chú của lượt tuần tra').inputValue()).toBe('Bản nháp chưa lưu');
    expect((await dumpPatrolStore(page)).text).not.toContain('Bản nháp');
    expect((await page.evaluate(() => indexedDB.databases())).map((d) => d.name)).toContain('binh-an-patrol');

    await page.getByRole('button', { name: /^Tài khoản của tôi/ }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    const dialog = page.getByRole('dialog', { name: 'Còn 1 lượt tuần tra chưa gửi' });
    await dialog.getByText(/Đăng xuất sẽ xoá 1 lượt tuần tra chưa gửi khỏi máy này/).waitFor();
    await dialog.getByRole('button', { name: 'Xoá và đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    expect((await page.evaluate(() => indexedDB.databases())).map((d) => d.name)).not.toContain('binh-an-patrol');

    await context.setOffline(false);
    acceptNetworkErrors(browser());
    // Signed in again (online), the record screen starts empty: nothing was sent, nothing is left.
    await logIn(page, 'truongkhoi');
    await openRecordScreen(page);
    await page.getByText('0 lượt chờ gửi', { exact: true }).waitFor();
    expect(await page.getByLabel('Ghi chú của lượt tuần tra').inputValue()).toBe('');
    expect((await roundsOf(page.request, teamId)).length).toBe(before.length);
  });

  test('an officer opens the teams, a team, the patrol log and a round; the screens pass axe', async () => {
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await mainNavigation(page).getByRole('link', { name: 'Tổ tuần tra, bảo vệ', exact: true }).click();
    await page.getByRole('heading', { name: 'Tổ tuần tra, bảo vệ', level: 1 }).waitFor();
    await page.getByRole('link', { name: SECURITY_TEAM, exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the teams list');

    await page.getByRole('link', { name: SECURITY_TEAM, exact: true }).click();
    await page.getByRole('heading', { name: SECURITY_TEAM, level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'Lê Văn Bình' }).first().waitFor();
    await page
      .getByRole('link', { name: /^In mã QR các điểm của/ })
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(page, 'a team');

    // A Tổ bảo vệ ANTT takes members from 18 to 70 years old (Luật 2023, Điều 13): the form says why it refuses.
    await page.getByRole('button', { name: 'Thêm thành viên' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel(/^Họ và tên/).fill('Nguyễn Văn Nhỏ');
    await form.getByLabel(/^Ngày sinh/).fill('01/01/2015');
    await form.getByRole('button', { name: 'Thêm thành viên' }).click();
    await form.getByText(/^Chưa đủ 18 tuổi vào ngày tham gia/).waitFor();
    await form.getByRole('button', { name: 'Huỷ' }).click();

    // The article's figures: Lê Mao, first half of 2020, 120 rounds and 380 turns.
    await page.goto(appUrl('/patrols/figures?unit=le-mao&from=2020-01-01&to=2020-06-30'));
    await page.getByRole('heading', { name: 'Phường Lê Mao, 01/01/2020 – 30/06/2020', exact: true }).waitFor();
    const tile = (name: string) =>
      page
        .getByRole('term')
        .filter({ hasText: new RegExp(`^${name}$`) })
        .locator('xpath=following-sibling::dd');
    expect(await tile('Đợt tuần tra').textContent()).toBe('120');
    expect(await tile('Lượt tham gia').textContent()).toBe('380');
    await expectNoSeriousA11yViolations(page, 'the patrol figures');

    await mainNavigation(page).getByRole('link', { name: 'Nhật ký tuần tra', exact: true }).click();
    await page.getByRole('heading', { name: 'Nhật ký tuần tra', level: 1 }).waitFor();
    await page
      .getByRole('link', { name: /^Mở lượt tuần tra của/ })
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(page, 'the patrol log');

    await page
      .getByRole('link', { name: /^Mở lượt tuần tra của/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Thông tin lượt tuần tra' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'a round');

    // A round of the ward police, for the next journey.
    const teams = (await (await page.request.get(`${e2e().baseUrl}/api/v1/patrols/teams?kind=ward_police&status=all`)).json()) as {
      items: { id: string; name: string }[];
    };
    const police = teams.items.find((team) => team.name === POLICE_TEAM);
    if (!police) throw new Error('no ward police team');
    const rounds = await roundsOf(page.request, police.id);
    policeRoundId = rounds[0]?.id ?? null;
    expect(policeRoundId).not.toBeNull();
  });

  test("an officer corrects a round (the server's message on the field, the typing kept) and a team's name", async () => {
    if (!policeRoundId) throw new Error('the previous journey found no round');
    const { page } = await browser().newPage();
    await logIn(page, 'canbo');
    await page.goto(appUrl(`/patrols/rounds/${policeRoundId}`));
    await page.getByRole('heading', { name: 'Thông tin lượt tuần tra' }).waitFor();
    await page.getByRole('button', { name: 'Sửa lượt tuần tra' }).click();
    const form = page.getByRole('dialog', { name: 'Sửa lượt tuần tra' });
    const note = 'Đã đối chiếu sổ trực ban';
    await form.getByLabel('Ghi chú của lượt tuần tra').fill(note);
    // An end no later than the start: refused, the message beside "Kết thúc", the note as typed.
    const end = form.getByLabel(/^Kết thúc/);
    const endedAt = await end.inputValue();
    await end.fill(await form.getByLabel(/^Bắt đầu/).inputValue());
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await form.getByText('Giờ kết thúc phải sau giờ bắt đầu.').first().waitFor();
    expect(await form.getByLabel('Ghi chú của lượt tuần tra').inputValue()).toBe(note);
    acceptNetworkErrors(browser(), /status of 422/);
    await end.fill(endedAt);
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText(note, { exact: true }).waitFor();

    await page.goto(appUrl('/patrols/teams'));
    await page.getByRole('link', { name: SECURITY_TEAM, exact: true }).click();
    await page.getByRole('heading', { name: SECURITY_TEAM, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sửa thông tin tổ' }).click();
    const team = page.getByRole('dialog', { name: `Sửa thông tin: ${SECURITY_TEAM}` });
    await team.getByLabel(/^Tên tổ/).fill(`${SECURITY_TEAM} (khối 3)`);
    await team.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('heading', { name: `${SECURITY_TEAM} (khối 3)`, level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page, 'a corrected team');
  });

  test("a member sees and changes only their own teams' rounds (another team's round is not found) and puts their shifts in the phone calendar", async () => {
    if (!policeRoundId) throw new Error('the previous journey found no round');
    const { page } = await browser().newPage();
    await logIn(page, 'truongkhoi');
    const res = await page.request.get(`${e2e().baseUrl}/api/v1/patrols/rounds/${policeRoundId}`);
    expect(res.status()).toBe(404);
    // Nor can it be changed; a round of the member's own team can.
    const csrf = { 'X-Binh-An-Csrf': '1' };
    const other = await page.request.patch(`${e2e().baseUrl}/api/v1/patrols/rounds/${policeRoundId}`, {
      headers: csrf,
      data: { note: 'x' },
    });
    expect(other.status()).toBe(404);
    const own = (await roundsOf(page.request, await teamIdOf(page.request, PEOPLE_PATROL)))[0];
    if (!own) throw new Error('no round of the member’s team');
    const edited = await page.request.patch(`${e2e().baseUrl}/api/v1/patrols/rounds/${own.id}`, {
      headers: csrf,
      data: { note: 'Đã bổ sung ghi chú' },
    });
    expect(edited.status()).toBe(200);

    await page.goto(appUrl(`/patrols/rounds/${policeRoundId}`));
    await page.getByRole('heading', { name: 'Không mở được lượt tuần tra', level: 1 }).waitFor();
    await page.getByRole('alert').waitFor();
    acceptNetworkErrors(browser(), /status of 404/);

    // The phone calendar: the address is shown once, then the feed can be stopped.
    await page.goto(appUrl('/patrols'));
    const card = page.getByRole('article', { name: PEOPLE_PATROL });
    await card.getByRole('button', { name: 'Thêm vào lịch điện thoại' }).click();
    const feed = page.getByRole('dialog', { name: 'Thêm lịch ca trực vào điện thoại' });
    await feed.getByText('Địa chỉ chỉ hiện một lần').waitFor();
    expect(await feed.getByRole('link', { name: 'Mở bằng ứng dụng lịch' }).getAttribute('href')).toMatch(/^webcal:\/\/.+\/ical\/.+\.ics$/);
    const url = await feed.getByLabel('Địa chỉ lịch (đăng ký theo URL)').inputValue();
    const ics = await page.request.get(url);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    await feed.getByRole('button', { name: 'Đóng' }).click();
    await card.getByText('Lịch ca trực đang được gửi tới lịch điện thoại của bạn.').waitFor();
    await card.getByRole('button', { name: 'Ngừng gửi lịch' }).click();
    await page.getByRole('dialog', { name: 'Ngừng gửi lịch ca trực?' }).getByRole('button', { name: 'Ngừng gửi lịch' }).click();
    await card.getByText('Lịch ca trực chưa được thêm vào điện thoại.').waitFor();
    expect((await page.request.get(url)).status()).toBe(404);

    await page.goto(appUrl('/patrols/rounds'));
    await page.getByRole('heading', { name: 'Nhật ký tuần tra', level: 1 }).waitFor();
    await page
      .getByRole('link', { name: /^Mở lượt tuần tra của/ })
      .first()
      .waitFor();
    const names = await page.getByRole('table').getByRole('cell', { name: POLICE_TEAM, exact: true }).count();
    expect(names).toBe(0);
    const mine = await page.getByRole('link', { name: new RegExp(`^Mở lượt tuần tra của ${PEOPLE_PATROL}`) }).count();
    expect(mine).toBeGreaterThan(0);
  });
});
