import { addDays, isWeekend } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { holidaysOf, seedDaysOf } from './calendar.seed.ts';

const restDays = (year: number) => seedDaysOf(year).map((h) => h.day);

describe('the seeded holidays', () => {
  it('gives the 2026 holidays, with the compensatory day for Giỗ Tổ on a Sunday', () => {
    expect(holidaysOf(2026).map((h) => [h.day, h.kind])).toEqual([
      ['2026-01-01', 'holiday'],
      ['2026-02-16', 'tet'],
      ['2026-02-17', 'tet'],
      ['2026-02-18', 'tet'],
      ['2026-02-19', 'tet'],
      ['2026-02-20', 'tet'],
      ['2026-04-26', 'holiday'],
      ['2026-04-27', 'compensatory'],
      ['2026-04-30', 'holiday'],
      ['2026-05-01', 'holiday'],
      ['2026-09-01', 'holiday'],
      ['2026-09-02', 'holiday'],
    ]);
    expect(holidaysOf(2026).find((h) => h.day === '2026-04-26')?.name).toBe('Giỗ Tổ Hùng Vương');
    expect(holidaysOf(2026).find((h) => h.day === '2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/04)');
    expect(holidaysOf(2026).find((h) => h.day === '2026-02-17')?.name).toBe('Tết Nguyên Đán – mùng 1');
    // Only weekdays are stored: Sunday 26/4 is a rest day anyway.
    expect(restDays(2026)).not.toContain('2026-04-26');
    expect(restDays(2026)).toHaveLength(11);
  });

  it('matches the days off announced for 2021–2025 (swapped days aside)', () => {
    // 2021: Quốc khánh Thursday 2/9 and Friday 3/9.
    expect(restDays(2021)).toEqual(expect.arrayContaining(['2021-09-02', '2021-09-03']));
    expect(restDays(2021)).not.toContain('2021-09-01');
    // 2022: 1/1 Saturday → 3/1; Giỗ Tổ Sunday 10/4 → 11/4; 30/4–1/5 on the weekend → 2/5 and 3/5; 1–2/9.
    expect(restDays(2022)).toEqual(
      expect.arrayContaining(['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03', '2022-09-01', '2022-09-02']),
    );
    // 2023: 1/1 Sunday → 2/1; Giỗ Tổ Saturday 29/4 and Sunday 30/4 → 2/5 and 3/5 after Monday 1/5; 2/9 Saturday → 4/9.
    expect(restDays(2023)).toEqual(
      expect.arrayContaining(['2023-01-02', '2023-05-01', '2023-05-02', '2023-05-03', '2023-09-01', '2023-09-04']),
    );
    // 2024: 2/9 Monday; the adjacent day off lands on Tuesday 3/9.
    expect(restDays(2024)).toEqual(expect.arrayContaining(['2024-09-02', '2024-09-03']));
    // 2025: Monday 1/9 and Tuesday 2/9.
    expect(restDays(2025)).toEqual(expect.arrayContaining(['2025-09-01', '2025-09-02']));
  });

  it('gives the compensatory days when Tết meets a weekend (2027: mùng 1–2 on Saturday and Sunday)', () => {
    const tet = holidaysOf(2027).filter((h) => h.kind === 'tet');
    expect(tet.map((h) => h.day)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    expect(
      holidaysOf(2027)
        .filter((h) => h.kind === 'compensatory' && h.day < '2027-03-01')
        .map((h) => h.day),
    ).toEqual(['2027-02-10', '2027-02-11']);
  });

  it('gives every year from 2000 to 2100 five Tết days, the fixed holidays and one weekday off per weekend holiday', () => {
    for (let year = 2000; year <= 2100; year += 1) {
      const all = holidaysOf(year);
      const tet = all.filter((h) => h.kind === 'tet').map((h) => h.day);
      expect(tet, String(year)).toHaveLength(5);
      expect(tet).toEqual(tet.map((_, i) => addDays(tet[0] as string, i)));
      for (const md of ['01-01', '04-30', '05-01', '09-02']) expect(all.some((h) => h.day === `${year}-${md}`)).toBe(true);
      const legal = all.filter((h) => h.kind !== 'compensatory');
      expect(legal, String(year)).toHaveLength(year >= 2021 ? 11 : 10);
      const compensatory = all.filter((h) => h.kind === 'compensatory');
      expect(compensatory).toHaveLength(legal.filter((h) => isWeekend(h.day)).length);
      for (const h of compensatory) expect(isWeekend(h.day) || legal.some((l) => l.day === h.day)).toBe(false);
      expect(new Set(all.map((h) => h.day)).size).toBe(all.length);
      expect(all.every((h) => h.day.startsWith(`${year}-`))).toBe(true);
    }
  });
});
