import { MESSAGES } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { calendarEn } from './calendar.en.ts';
import { calendarVi } from './calendar.vi.ts';
import { casesPageEn } from './cases.en.ts';
import { casesPageVi } from './cases.vi.ts';
import { en } from './en.ts';
import { rehabEn } from './rehab.en.ts';
import { rehabVi } from './rehab.vi.ts';
import { tipsVi } from './tips.vi.ts';
import { vi } from './vi.ts';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('web UI strings', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(vi).sort());
  });

  it('use the same placeholders in both languages', () => {
    const lookup = (tree: object, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of keysOf(vi)) {
      expect(placeholdersOf(lookup(en, key)), key).toEqual(placeholdersOf(lookup(vi, key)));
    }
  });

  it('leave no string empty', () => {
    const lookup = (tree: object, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of keysOf(vi)) {
      expect(lookup(vi, key).trim(), key).not.toBe('');
      expect(lookup(en, key).trim(), key).not.toBe('');
    }
  });
});

describe('working-day calendar UI strings', () => {
  const lookup = (tree: object, key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;

  it('have the same keys, placeholders and no empty string in both languages', () => {
    expect(keysOf(calendarEn).sort()).toEqual(keysOf(calendarVi).sort());
    for (const key of keysOf(calendarVi)) {
      expect(placeholdersOf(lookup(calendarEn, key)), key).toEqual(placeholdersOf(lookup(calendarVi, key)));
      expect(lookup(calendarVi, key).trim(), key).not.toBe('');
      expect(lookup(calendarEn, key).trim(), key).not.toBe('');
    }
  });

  it('add keys without replacing any of the main file', () => {
    const main = new Set(keysOf(vi));
    expect(keysOf(calendarVi).filter((key) => main.has(key))).toEqual([]);
  });
});

describe('case register and figures UI strings', () => {
  const lookup = (tree: object, key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;

  it('have the same keys, placeholders and no empty string in both languages', () => {
    expect(keysOf(casesPageEn).sort()).toEqual(keysOf(casesPageVi).sort());
    for (const key of keysOf(casesPageVi)) {
      expect(placeholdersOf(lookup(casesPageEn, key)), key).toEqual(placeholdersOf(lookup(casesPageVi, key)));
      expect(lookup(casesPageVi, key).trim(), key).not.toBe('');
      expect(lookup(casesPageEn, key).trim(), key).not.toBe('');
    }
  });

  it('add keys without replacing any of the other files or the shared case messages', () => {
    const taken = new Set([...keysOf(vi), ...keysOf(tipsVi), ...keysOf(calendarVi), ...keysOf({ cases: MESSAGES.vi.cases })]);
    expect(keysOf(casesPageVi).filter((key) => taken.has(key))).toEqual([]);
  });
});

describe('compulsory-rehab dossier UI strings', () => {
  const lookup = (tree: object, key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;

  it('have the same keys, placeholders and no empty string in both languages', () => {
    expect(keysOf(rehabEn).sort()).toEqual(keysOf(rehabVi).sort());
    for (const key of keysOf(rehabVi)) {
      expect(placeholdersOf(lookup(rehabEn, key)), key).toEqual(placeholdersOf(lookup(rehabVi, key)));
      expect(lookup(rehabVi, key).trim(), key).not.toBe('');
      expect(lookup(rehabEn, key).trim(), key).not.toBe('');
    }
  });

  it('add keys without replacing any of the other files or the shared case messages', () => {
    const taken = new Set([
      ...keysOf(vi),
      ...keysOf(tipsVi),
      ...keysOf(calendarVi),
      ...keysOf(casesPageVi),
      ...keysOf({ cases: MESSAGES.vi.cases }),
    ]);
    expect(keysOf(rehabVi).filter((key) => taken.has(key))).toEqual([]);
  });
});
