import { MESSAGES } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { calendarVi } from './calendar.vi.ts';
import { casesPageVi } from './cases.vi.ts';
import { patrolsPageEn } from './patrols.en.ts';
import { patrolsPageVi } from './patrols.vi.ts';
import { rehabVi } from './rehab.vi.ts';
import { reportsPageVi } from './reports.vi.ts';
import { tipsVi } from './tips.vi.ts';
import { vi } from './vi.ts';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

const placeholdersOf = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
const lookup = (tree: object, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;

describe('patrol screens UI strings', () => {
  it('have the same keys, placeholders and no empty string in both languages', () => {
    expect(keysOf(patrolsPageEn).sort()).toEqual(keysOf(patrolsPageVi).sort());
    for (const key of keysOf(patrolsPageVi)) {
      expect(placeholdersOf(lookup(patrolsPageEn, key)), key).toEqual(placeholdersOf(lookup(patrolsPageVi, key)));
      expect(lookup(patrolsPageVi, key).trim(), key).not.toBe('');
      expect(lookup(patrolsPageEn, key).trim(), key).not.toBe('');
    }
  });

  it('add keys without replacing any of the other files or the shared patrol messages', () => {
    const taken = new Set([
      ...keysOf(vi),
      ...keysOf(tipsVi),
      ...keysOf(calendarVi),
      ...keysOf(casesPageVi),
      ...keysOf(rehabVi),
      ...keysOf(reportsPageVi),
      ...keysOf({ patrols: MESSAGES.vi.patrols }),
    ]);
    expect(keysOf(patrolsPageVi).filter((key) => taken.has(key))).toEqual([]);
  });

  it('write Vietnamese in NFC, with its letters', () => {
    for (const key of keysOf(patrolsPageVi)) expect(lookup(patrolsPageVi, key), key).toBe(lookup(patrolsPageVi, key).normalize('NFC'));
    expect(patrolsPageVi.patrolsPage.outbox.pending).toBe('{{count}} lượt chờ gửi');
  });
});
