import { outreachEn, outreachVi } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { outreachPageEn } from '../../locales/outreach.en.ts';
import { outreachPageVi } from '../../locales/outreach.vi.ts';

function entries(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? entries(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)] as [string, string]],
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('outreach strings', () => {
  for (const [name, vi, en] of [
    ['screens', outreachPageVi, outreachPageEn],
    ['domain', outreachVi, outreachEn],
  ] as const) {
    it(`${name}: the same keys and placeholders in Vietnamese and English, none empty`, () => {
      const v = new Map(entries(vi));
      const e = new Map(entries(en));
      expect([...e.keys()].sort()).toEqual([...v.keys()].sort());
      for (const [key, text] of v) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(e.get(key) ?? ''), key).toEqual(placeholders(text));
      }
    });
  }
});
