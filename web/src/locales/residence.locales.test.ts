import { describe, expect, it } from 'vitest';
import { residencePageEn } from './residence.en.ts';
import { residencePageVi } from './residence.vi.ts';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
const lookup = (tree: object, key: string) => key.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], tree) as string;
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('residence screen strings', () => {
  it('have the same keys, placeholders and no empty string in Vietnamese and English', () => {
    expect(keysOf(residencePageEn).sort()).toEqual(keysOf(residencePageVi).sort());
    for (const key of keysOf(residencePageVi)) {
      expect(placeholders(lookup(residencePageEn, key)), key).toEqual(placeholders(lookup(residencePageVi, key)));
      expect(lookup(residencePageVi, key).trim(), key).not.toBe('');
    }
  });
});
