import { addDays, type Day, isWeekend } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { tipsEn } from '../../locales/tips.en.ts';
import { tipsVi } from '../../locales/tips.vi.ts';
import { parseTimeInput, readMomentInput } from './date-time.ts';
import { describeDeadline, formatTimeThenDate } from './deadline.ts';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function lookup(tree: object, key: string): string | undefined {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  return typeof value === 'string' ? value : undefined;
}

/** A small stand-in for i18next: plural suffix by count (one/other), then {{placeholders}}. */
function translator(tree: Tree, locale: 'vi' | 'en') {
  const rules = new Intl.PluralRules(locale);
  return (key: string, options: Record<string, unknown> = {}) => {
    const count = options.count;
    const text = (typeof count === 'number' ? lookup(tree, `${key}_${rules.select(count)}`) : undefined) ?? lookup(tree, key);
    if (text === undefined) throw new Error(`missing ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''));
  };
}

const vi = translator(tipsVi as unknown as Tree, 'vi');
const en = translator(tipsEn as unknown as Tree, 'en');

describe('tip strings', () => {
  it('have the same keys and placeholders in Vietnamese and English, none empty', () => {
    expect(keysOf(tipsEn).sort()).toEqual(keysOf(tipsVi).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keysOf(tipsVi)) {
      const viText = lookup(tipsVi, key) ?? '';
      const enText = lookup(tipsEn, key) ?? '';
      expect(viText.trim(), key).not.toBe('');
      expect(enText.trim(), key).not.toBe('');
      expect(placeholders(enText), key).toEqual(placeholders(viText));
    }
  });

  it('are in NFC, so that Vietnamese letters compare and search as typed', () => {
    for (const key of keysOf(tipsVi)) {
      const text = lookup(tipsVi, key) ?? '';
      expect(text, key).toBe(text.normalize('NFC'));
    }
  });
});

describe('legal deadlines in words', () => {
  const now = new Date('2026-11-27T02:00:00Z'); // 09:00 on 27/11/2026 in Vietnam

  it('counts hours for a limit within two days, with the time and date of the limit', () => {
    const d = describeDeadline({ kind: 'transfer', dueAt: '2026-11-27T07:00:00Z', isOverdue: false, doneAt: null }, vi, now);
    expect(d.full).toBe('Còn 5 giờ (hạn 14:00 27/11/2026)');
    expect(d.state).toBe('soon');
  });

  it('counts days for a longer limit and never rounds the time left up', () => {
    const d = describeDeadline({ kind: 'transfer', dueAt: '2026-12-04T01:59:00Z', isOverdue: false, doneAt: null }, vi, now);
    expect(d.full).toBe('Còn 6 ngày (hạn 08:59 04/12/2026)');
    expect(d.state).toBe('running');
  });

  it('says how late an overdue limit is, in words', () => {
    const d = describeDeadline({ kind: 'transfer', dueAt: '2026-11-26T01:00:00Z', isOverdue: true, doneAt: null }, vi, now);
    expect(d.remaining).toBe('Quá hạn 1 ngày');
    expect(d.state).toBe('overdue');
    const hours = describeDeadline({ kind: 'transfer', dueAt: '2026-11-26T23:00:00Z', isOverdue: true, doneAt: null }, vi, now);
    expect(hours.remaining).toBe('Quá hạn 3 giờ');
  });

  it('runs a calendar-day limit to the end of that day in Vietnam', () => {
    const today = describeDeadline({ kind: 'agency', dueAt: '2026-11-27', isOverdue: false, doneAt: null }, vi, now);
    expect(today.full).toBe('Hết hạn trong hôm nay (hạn 27/11/2026)');
    const late = describeDeadline({ kind: 'agency', dueAt: '2026-11-26', isOverdue: true, doneAt: null }, vi, now);
    expect(late.full).toBe('Quá hạn 1 ngày (hạn 26/11/2026)');
  });

  it('counts working days only when the working-day calendar is known', () => {
    // Friday 27/11/2026 → Wednesday 02/12/2026: 5 calendar days, 3 working days.
    const clock = { kind: 'receiptNotice' as const, dueAt: '2026-12-02', isOverdue: false, doneAt: null };
    expect(describeDeadline(clock, vi, now).full).toBe('Còn 5 ngày (hạn 02/12/2026)');
    const isWorkingDay = (day: Day) => !isWeekend(day);
    expect(describeDeadline(clock, vi, now, isWorkingDay).full).toBe('Còn 3 ngày làm việc (hạn 02/12/2026)');
    expect(addDays('2026-11-27', 5)).toBe('2026-12-02');
  });

  it('reads a limit sent as the last instant of a day in Vietnam as a whole day', () => {
    const clock = { kind: 'receiptNotice' as const, dueAt: '2026-12-02T16:59:59.999Z', isOverdue: false, doneAt: null };
    expect(describeDeadline(clock, vi, now).full).toBe('Còn 5 ngày (hạn 02/12/2026)');
    expect(describeDeadline(clock, vi, now, (day) => !isWeekend(day)).full).toBe('Còn 3 ngày làm việc (hạn 02/12/2026)');
    const intake = { kind: 'intake' as const, dueAt: '2026-11-27T16:59:59.999Z', isOverdue: false, doneAt: null };
    expect(describeDeadline(intake, vi, now).full).toBe('Hết hạn trong hôm nay (hạn 27/11/2026)');
    const agency = { kind: 'agency' as const, dueAt: '2026-11-25T16:59:59.999Z', isOverdue: true, doneAt: null };
    expect(describeDeadline(agency, vi, now).full).toBe('Quá hạn 2 ngày (hạn 25/11/2026)');
  });

  it('trusts the server when it already counts a limit as missed', () => {
    const d = describeDeadline({ kind: 'transfer', dueAt: '2026-11-27T02:00:30Z', isOverdue: true, doneAt: null }, vi, now);
    expect(d.remaining).toBe('Đã quá hạn');
  });

  it('shows a finished limit as done, with when', () => {
    const d = describeDeadline(
      { kind: 'transfer', dueAt: '2026-11-28T02:00:00Z', isOverdue: false, doneAt: '2026-11-27T01:30:00Z' },
      vi,
      now,
    );
    expect(d.state).toBe('done');
    expect(d.remaining).toBe('Đã xong lúc 08:30 27/11/2026');
    const wholeDay = describeDeadline(
      { kind: 'agency', dueAt: '2026-12-10T16:59:59.999Z', isOverdue: false, doneAt: '2026-11-26T16:59:59.999Z' },
      vi,
      now,
    );
    expect(wholeDay.full).toBe('Đã xong ngày 26/11/2026 (hạn 10/12/2026)');
  });

  it('uses English plurals', () => {
    const one = describeDeadline({ kind: 'agency', dueAt: '2026-11-26', isOverdue: true, doneAt: null }, en, now);
    expect(one.full).toBe('Overdue by 1 day (due 26/11/2026)');
    const many = describeDeadline({ kind: 'transfer', dueAt: '2026-11-27T07:00:00Z', isOverdue: false, doneAt: null }, en, now);
    expect(many.remaining).toBe('5 hours left');
  });

  it('reads a moment as time then date in Vietnam time', () => {
    expect(formatTimeThenDate('2026-11-26T17:05:00Z')).toBe('00:05 27/11/2026');
  });
});

describe('typed dates and times', () => {
  it('reads common ways of writing a time', () => {
    expect(parseTimeInput('14:05')).toBe('14:05');
    expect(parseTimeInput('9h30')).toBe('09:30');
    expect(parseTimeInput('7')).toBe('07:00');
    expect(parseTimeInput('24:00')).toBeNull();
    expect(parseTimeInput('')).toBe('');
  });

  it('turns a Vietnam date and time into an ISO moment with the +07:00 offset', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    expect(readMomentInput('27/11/2026', '14:05', now)).toEqual({ ok: true, value: '2026-11-27T14:05:00+07:00' });
    expect(readMomentInput('', '', now)).toEqual({ ok: true, value: undefined });
    expect(readMomentInput('27/11/2026', '', now)).toEqual({ ok: false, field: 'time', reason: 'format' });
    expect(readMomentInput('31/02/2026', '10:00', now)).toEqual({ ok: false, field: 'date', reason: 'format' });
    expect(readMomentInput('28/11/2026', '08:00', now)).toEqual({ ok: false, field: 'both', reason: 'future' });
  });
});
