import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en, vi } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { certificationPageEn } from './certification.en.ts';
import { certificationPageVi } from './certification.vi.ts';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
const lookup = (tree: object, key: string) =>
  key.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], tree);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('"An toàn về ANTT" screen strings', () => {
  it('have the same keys, placeholders and no empty string in Vietnamese and English', () => {
    expect(keysOf(certificationPageEn).sort()).toEqual(keysOf(certificationPageVi).sort());
    for (const key of keysOf(certificationPageVi)) {
      expect(placeholders(lookup(certificationPageEn, key) as string), key).toEqual(
        placeholders(lookup(certificationPageVi, key) as string),
      );
      expect((lookup(certificationPageVi, key) as string).trim(), key).not.toBe('');
    }
  });

  it('name every key the screens use with a literal, in both languages', () => {
    const dir = fileURLToPath(new URL('../modules/certification', import.meta.url));
    const used = readdirSync(dir)
      .filter((f) => f.endsWith('.tsx'))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/t\('((?:certificationPage|nav)\.[\w.]+)'/g)].map((m) => m[1] as string),
      );
    expect(used.length).toBeGreaterThan(50);
    for (const key of used) {
      expect(typeof lookup(certificationPageVi, key), key).toBe('string');
      expect(typeof lookup(certificationPageEn, key), key).toBe('string');
    }
    for (const key of keysOf(vi.certification)) expect(typeof lookup(en.certification, key), key).toBe('string');
  });
});
