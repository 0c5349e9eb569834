import { createRequire } from 'node:module';
import { addDays, type Day, isWeekend } from '@binh-an/domain';
import type Holidays from 'date-holidays';

/** A legal day off computed for a year, before any administrator's edit. */
export type SeedHoliday = { day: Day; name: string; kind: 'holiday' | 'tet' | 'compensatory' };

const MS_PER_DAY = 86_400_000;

// date-holidays weighs about 25 MB once loaded and is needed only to seed a year that has no calendar yet: it is
// required the first time, not at start.
const require = createRequire(import.meta.url);
let vietnam: Holidays | null = null;

/** date-holidays' Vietnamese public holidays of a year, each expanded to its days (the Tết entry spans five). */
function publicHolidaysOf(year: number): { day: Day; rule: string; name: string }[] {
  if (!vietnam) {
    const HolidaysClass: typeof Holidays = require('date-holidays');
    vietnam = new HolidaysClass('VN', { languages: ['vi'], types: ['public'] });
  }
  return vietnam
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .flatMap((h) => {
      const first = h.date.slice(0, 10);
      const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / MS_PER_DAY));
      return Array.from({ length }, (_, i) => ({ day: addDays(first, i), rule: h.rule, name: h.name }));
    });
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (year: number, month: number, date: number): Day => `${year}-${pad(month)}-${pad(date)}`;
const weekdayOf = (day: Day) => new Date(`${day}T00:00:00Z`).getUTCDay();
const shortDate = (day: Day) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/**
 * The legal days off of a year, from date-holidays (which computes the lunar dates) and the rules of the
 * Labour Code 2019 (Bộ luật Lao động 2019, in force since 1/1/2021), with the compensatory days they cause. Days on a
 * Saturday or Sunday are included (the calendar stores only the weekday ones, the exceptions to Monday–Friday work).
 *
 * What the seed cannot know is announced each year by the Prime Minister or the Ministry of Home Affairs and entered
 * by an administrator: a longer Tết break, swapped days (a weekday off, a Saturday worked), and which day beside 2/9
 * is the second Quốc khánh day when the announcement differs from the default chosen here.
 */
export function holidaysOf(year: number): SeedHoliday[] {
  const fromLibrary = publicHolidaysOf(year);
  const holidays = new Map<Day, SeedHoliday>();
  const add = (day: Day, name: string, kind: SeedHoliday['kind']) => {
    if (day.startsWith(`${year}-`) && !holidays.has(day)) holidays.set(day, { day, name, kind });
  };

  // Art. 112.1.a — Tết Dương lịch: 1 day, 1 January.
  add(dayOf(year, 1, 1), 'Tết Dương lịch', 'holiday');

  // Art. 112.1.b — Tết Âm lịch: 5 days; the Prime Minister fixes which (Art. 112.3). The usual choice, and what
  // date-holidays gives ("1 day before vietnamese 1-0-1 P5D"), is the last day of the lunar year through the 4th day
  // of the first lunar month. The announced break is often longer (2026: 14/2–22/2, i.e. these five days, Monday 16/2
  // to Friday 20/2, between two weekends); an administrator adds any extra day.
  const tet = fromLibrary.filter((h) => h.rule.includes('before vietnamese 1-0-1'));
  if (tet.length === 0) throw new Error(`date-holidays gives no Tết Nguyên Đán for ${year}`);
  tet.forEach((h, i) => {
    add(h.day, i === 0 ? 'Tết Nguyên Đán – ngày cuối năm Âm lịch' : `Tết Nguyên Đán – mùng ${i}`, 'tet');
  });

  // Art. 112.1.c — Ngày Chiến thắng: 1 day, 30 April.
  add(dayOf(year, 4, 30), 'Ngày Giải phóng miền Nam, thống nhất đất nước', 'holiday');

  // Art. 112.1.d — Ngày Quốc tế Lao động: 1 day, 1 May.
  add(dayOf(year, 5, 1), 'Ngày Quốc tế Lao động', 'holiday');

  // Art. 112.1.đ — Quốc khánh: 2 days, 2 September and one day next to it, before or after, fixed each year by the
  // Prime Minister (Art. 112.3). date-holidays gives 2 September only. Default: 1 September, except when 2 September
  // is a Thursday, then Friday 3 September so that the break joins the weekend. That reproduces every announcement
  // since the rule began (2021: 2–3/9; 2022, 2023, 2025: 1–2/9; 2024: 2–3/9, where the default 1/9 is a Sunday and
  // its compensatory day is 3/9 anyway). Before 2021 (Labour Code 2012) Quốc khánh was 1 day.
  const nationalDay = dayOf(year, 9, 2);
  add(nationalDay, 'Quốc khánh', 'holiday');
  if (year >= 2021) add(weekdayOf(nationalDay) === 4 ? dayOf(year, 9, 3) : dayOf(year, 9, 1), 'Quốc khánh – ngày nghỉ liền kề', 'holiday');

  // Art. 112.1.e — Giỗ Tổ Hùng Vương: 1 day, 10th day of the 3rd lunar month (date-holidays "vietnamese 3-0-10").
  const hungKings = fromLibrary.find((h) => h.rule === 'vietnamese 3-0-10');
  if (!hungKings) throw new Error(`date-holidays gives no Giỗ Tổ Hùng Vương for ${year}`);
  add(hungKings.day, 'Giỗ Tổ Hùng Vương', 'holiday');

  // Any other public holiday date-holidays knows (none today) is kept under its own name, so that a holiday added
  // to the law and to the library reaches the calendar with the next library update.
  for (const h of fromLibrary) add(h.day, h.name, 'holiday');

  // Art. 111.3 — when a weekly rest day (Saturday or Sunday for state bodies, Decision 188/1999/QĐ-TTg) coincides
  // with a holiday of Art. 112.1, the day off is taken on the next working day: the next weekday that is neither a
  // holiday nor already a compensatory day, in the order of the holidays.
  const legal = [...holidays.values()].sort((a, b) => a.day.localeCompare(b.day));
  const taken = new Set(legal.map((h) => h.day));
  const compensatory: SeedHoliday[] = [];
  for (const h of legal) {
    if (!isWeekend(h.day)) continue;
    let day = addDays(h.day, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    const weekday = weekdayOf(h.day) === 6 ? 'thứ Bảy' : 'Chủ nhật';
    compensatory.push({ day, name: `Nghỉ bù ${h.name} (${weekday} ${shortDate(h.day)})`, kind: 'compensatory' });
  }
  return [...legal, ...compensatory].sort((a, b) => a.day.localeCompare(b.day));
}

/** The seeded exceptions of a year: the legal days off that fall on a weekday (a weekend day is a rest day anyway). */
export function seedDaysOf(year: number): SeedHoliday[] {
  return holidaysOf(year).filter((h) => !isWeekend(h.day));
}
