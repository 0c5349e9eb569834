import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWorkingDays, isWeekend, workingDaysBetween } from './calendar.rules.ts';

describe('calendar arithmetic', () => {
  it('adds days and months across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
  });

  it('counts working days, skipping weekends and any holiday the calendar marks', () => {
    const holidays = new Set(['2026-04-30', '2026-05-01']);
    const working = (d: string) => !isWeekend(d) && !holidays.has(d);
    expect(addWorkingDays('2026-04-29', 3, working)).toBe('2026-05-06');
    expect(workingDaysBetween('2026-04-29', '2026-05-06', working)).toBe(3);
    expect(workingDaysBetween('2026-05-06', '2026-04-29', working)).toBe(-3);
    expect(addWorkingDays('2026-04-29', 0, working)).toBe('2026-04-29');
  });
});
