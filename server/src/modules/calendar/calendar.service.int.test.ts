import { addWorkingDays, type CalendarDay, workingDaysBetween } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';
import { seedDaysOf } from './calendar.seed.ts';
import { ensureYearSeeded, loadWorkingDayPredicate, reseedYear } from './calendar.service.ts';

let t: TestApp;
const auth: Record<string, string> = {};
const STAFF = ['quantri', 'truongcongan', 'canbo', 'theodoi', 'tobaove', 'truongkhoi', 'hoagiai', 'nhatruong'];

beforeAll(async () => {
  t = await createTestApp();
  for (const u of STAFF) auth[u] = `Bearer ${await t.tokenFor(u)}`;
});
afterAll(() => t.close());

const db = () => t.deps.database.db;
const get = (who: string, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/calendar${query}`, headers: { authorization: auth[who] as string } });
const daysOf = async (year: number) => (await get('canbo', `?year=${year}`)).json().days as CalendarDay[];
const put = (who: string, day: string, payload: object) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/calendar/days/${day}`, headers: { ...CSRF, authorization: auth[who] as string }, payload });
const reset = (who: string, day: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/v1/calendar/days/${day}`, headers: { ...CSRF, authorization: auth[who] as string } });
const auditOf = (day: string) =>
  queryRows<{ action: string; actor_name: string; ward_id: string | null; detail: Record<string, unknown> }>(
    db(),
    sql`SELECT action, actor_name, ward_id, detail FROM audit_log WHERE entity_type = 'calendar_day' AND entity_id = ${day} ORDER BY seq`,
  );

describe('the working-day calendar', () => {
  it('seeds 2026 on first read with the legal holidays on weekdays and the compensatory day for Giỗ Tổ', async () => {
    const res = await get('canbo', '?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { year: number; days: CalendarDay[] };
    expect(body.year).toBe(2026);
    expect(body.days.map((d) => [d.day, d.kind])).toEqual([
      ['2026-01-01', 'holiday'],
      ['2026-02-16', 'tet'],
      ['2026-02-17', 'tet'],
      ['2026-02-18', 'tet'],
      ['2026-02-19', 'tet'],
      ['2026-02-20', 'tet'],
      ['2026-04-27', 'compensatory'],
      ['2026-04-30', 'holiday'],
      ['2026-05-01', 'holiday'],
      ['2026-09-01', 'holiday'],
      ['2026-09-02', 'holiday'],
    ]);
    expect(body.days.every((d) => !d.isWorking && d.source === 'seed')).toBe(true);
    expect(body.days.find((d) => d.day === '2026-04-27')?.name).toContain('Giỗ Tổ Hùng Vương');
    expect(body.days.find((d) => d.day === '2026-09-02')?.name).toBe('Quốc khánh');
  });

  it('lets every staff role read, and defaults to the current year', async () => {
    for (const who of STAFF) expect((await get(who, '?year=2026')).statusCode, who).toBe(200);
    const current = await get('theodoi');
    expect(current.statusCode).toBe(200);
    expect(current.json().year).toBe(Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4)));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=2026' })).statusCode).toBe(401);
  });

  it('counts working days across 30/4–1/5, Giỗ Tổ and the weekends', async () => {
    const isWorking = await loadWorkingDayPredicate(db(), '2026-04-20', '2026-05-31');
    expect(addWorkingDays('2026-04-29', 3, isWorking)).toBe('2026-05-06');
    expect(workingDaysBetween('2026-04-29', '2026-05-06', isWorking)).toBe(3);
    expect(addWorkingDays('2026-04-24', 1, isWorking)).toBe('2026-04-28');
    expect(isWorking('2026-04-27')).toBe(false);
    expect(isWorking('2026-05-02')).toBe(false);
    expect(isWorking('2026-05-04')).toBe(true);
    expect(() => isWorking('2026-06-01')).toThrow(RangeError);
  });

  it('seeds a year once, even when asked concurrently, and across a year end', async () => {
    await Promise.all([ensureYearSeeded(db(), 2030), ensureYearSeeded(db(), 2030), ensureYearSeeded(db(), 2030)]);
    const [row] = await queryRows<{ n: number }>(
      db(),
      sql`SELECT count(*)::int AS n FROM calendar_days WHERE day BETWEEN '2030-01-01' AND '2030-12-31'`,
    );
    expect(row?.n).toBe(seedDaysOf(2030).length);
    const isWorking = await loadWorkingDayPredicate(db(), '2027-12-30', '2028-01-10');
    // Friday 31/12/2027 is the first; 1/1/2028 is a Saturday, so Monday 3/1 is its compensatory day off.
    expect(addWorkingDays('2027-12-30', 2, isWorking)).toBe('2028-01-04');
  });

  it('lets the administrator mark days, keeps the edits through re-seeding, and records them', async () => {
    // Quốc khánh announced as 2–3/9 instead of the default 1–2/9.
    const working = await put('quantri', '2026-09-01', { isWorking: true, name: '  Làm việc (Quốc khánh nghỉ 3/9)  ' });
    expect(working.statusCode).toBe(200);
    expect(working.json()).toEqual({
      day: '2026-09-01',
      isWorking: true,
      kind: 'custom',
      name: 'Làm việc (Quốc khánh nghỉ 3/9)',
      source: 'admin',
    });
    expect((await put('quantri', '2026-09-03', { isWorking: false, name: 'Quốc khánh – ngày nghỉ liền kề' })).json()).toMatchObject({
      kind: 'custom',
      isWorking: false,
    });
    // Tết Dương lịch 2026 extended: Friday 2/1 off, made up on Saturday 10/1.
    expect((await put('quantri', '2026-01-10', { isWorking: true, name: 'Làm bù cho ngày 02/01' })).json()).toMatchObject({
      kind: 'working_weekend',
      isWorking: true,
    });
    expect((await put('quantri', '2026-01-02', { isWorking: false, name: 'Nghỉ Tết Dương lịch (hoán đổi)' })).json()).toMatchObject({
      kind: 'custom',
    });
    // The announced Tết break starts on Saturday 14/2; a renamed Tết day keeps its kind.
    expect((await put('quantri', '2026-02-14', { isWorking: false, name: 'Nghỉ Tết Bính Ngọ' })).json()).toMatchObject({ kind: 'weekend' });
    expect((await put('quantri', '2026-02-16', { isWorking: false, name: 'Nghỉ Tết Bính Ngọ (29 Tết)' })).json()).toMatchObject({
      kind: 'tet',
      source: 'admin',
    });

    await ensureYearSeeded(db(), 2026);
    await reseedYear(db(), 2026);
    const days = new Map((await daysOf(2026)).map((d) => [d.day, d]));
    expect(days.get('2026-09-01')).toMatchObject({ isWorking: true, source: 'admin' });
    expect(days.get('2026-09-03')).toMatchObject({ isWorking: false, source: 'admin' });
    expect(days.get('2026-01-10')).toMatchObject({ isWorking: true, kind: 'working_weekend' });
    expect(days.get('2026-02-16')).toMatchObject({ name: 'Nghỉ Tết Bính Ngọ (29 Tết)', source: 'admin' });
    expect(days.get('2026-09-02')).toMatchObject({ source: 'seed' });

    const isWorking = await loadWorkingDayPredicate(db(), '2026-01-01', '2026-12-31');
    expect(addWorkingDays('2026-01-01', 1, isWorking)).toBe('2026-01-05');
    expect(isWorking('2026-01-10')).toBe(true);
    expect(addWorkingDays('2026-08-31', 1, isWorking)).toBe('2026-09-01');
    expect(addWorkingDays('2026-09-01', 1, isWorking)).toBe('2026-09-04');

    const [entry] = await auditOf('2026-09-01');
    expect(entry).toMatchObject({
      action: 'calendar.update',
      actor_name: 'quantri',
      ward_id: null,
      detail: {
        before: { isWorking: false, kind: 'holiday', name: 'Quốc khánh – ngày nghỉ liền kề', source: 'seed' },
        after: { isWorking: true, kind: 'custom', name: 'Làm việc (Quốc khánh nghỉ 3/9)', source: 'admin' },
      },
    });
  });

  it('puts a day back to its seeded value on reset, and records it', async () => {
    expect((await reset('quantri', '2026-09-01')).statusCode).toBe(204);
    expect((await reset('quantri', '2026-09-03')).statusCode).toBe(204);
    expect((await reset('quantri', '2026-01-10')).statusCode).toBe(204);
    expect((await reset('quantri', '2026-02-16')).statusCode).toBe(204);
    const days = new Map((await daysOf(2026)).map((d) => [d.day, d]));
    expect(days.get('2026-09-01')).toMatchObject({
      isWorking: false,
      kind: 'holiday',
      source: 'seed',
      name: 'Quốc khánh – ngày nghỉ liền kề',
    });
    expect(days.has('2026-09-03')).toBe(false);
    expect(days.has('2026-01-10')).toBe(false);
    expect(days.get('2026-02-16')).toMatchObject({ kind: 'tet', source: 'seed', name: 'Tết Nguyên Đán – ngày cuối năm Âm lịch' });
    expect((await auditOf('2026-09-01')).map((e) => e.action)).toEqual(['calendar.update', 'calendar.reset']);
    expect((await auditOf('2026-01-10')).at(-1)).toMatchObject({
      action: 'calendar.reset',
      detail: { before: { isWorking: true, kind: 'working_weekend', source: 'admin' }, after: null },
    });
    // Resetting a day nobody changed changes nothing and records nothing.
    expect((await reset('quantri', '2026-03-10')).statusCode).toBe(204);
    expect((await reset('quantri', '2026-04-30')).statusCode).toBe(204);
    expect(await auditOf('2026-03-10')).toHaveLength(0);
    expect(await auditOf('2026-04-30')).toHaveLength(0);
  });

  it('refuses edits to everyone but the administrator, and records the refusal', async () => {
    for (const who of STAFF.filter((u) => u !== 'quantri')) {
      expect((await put(who, '2026-03-10', { isWorking: false, name: 'Nghỉ' })).statusCode, who).toBe(403);
      expect((await reset(who, '2026-04-30')).statusCode, who).toBe(403);
    }
    const [refusal] = await queryRows<{ actor_name: string; detail: { route: string } }>(
      db(),
      sql`SELECT actor_name, detail FROM audit_log WHERE action = 'access.denied' AND actor_name = 'truongcongan' ORDER BY seq LIMIT 1`,
    );
    expect(refusal).toMatchObject({ detail: { route: '/api/v1/calendar/days/:day' } });
    expect((await daysOf(2026)).some((d) => d.day === '2026-03-10')).toBe(false);
  });

  it('answers a bad day or year with 400', async () => {
    for (const query of ['?year=1999', '?year=2101', '?year=abc', '?year=20266', '?year=2026&x=1']) {
      const res = await get('canbo', query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code, query).toBe('validation');
    }
    for (const day of ['2026-02-30', '2026-13-01', '26-01-01', 'today', '1999-12-31', '2101-01-01']) {
      const res = await put('quantri', day, { isWorking: false, name: 'Nghỉ' });
      expect(res.statusCode, day).toBe(400);
      expect(res.json().code, day).toBe('validation');
      expect((await reset('quantri', day)).statusCode, day).toBe(400);
    }
    for (const payload of [
      { isWorking: false },
      { isWorking: 'no', name: 'Nghỉ' },
      { isWorking: false, name: '   ' },
      { isWorking: true, name: 'x', kind: 'tet' },
    ]) {
      expect((await put('quantri', '2026-03-10', payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});
