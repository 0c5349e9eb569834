import { readFileSync } from 'node:fs';
import { vi as domainVi } from '@binh-an/domain/i18n/vi.ts';
import { describe, expect, it } from 'vitest';
import { catalogue as en } from './catalogue.en.ts';
import { catalogue as vi } from './catalogue.vi.ts';
import { catalogue as firstScreenEn } from './first-screen.en.ts';
import { FIRST_SCREEN_GROUPS } from './first-screen.ts';
import { catalogue as firstScreenVi } from './first-screen.vi.ts';
import { mediationPageVi } from './mediation.vi.ts';
import { mergeCatalogue } from './merge.ts';
import { tipsVi } from './tips.vi.ts';
import { vi as webVi } from './vi.ts';

/** Every leaf's path, its parts joined by a tab (some message keys contain dots, e.g. `actions['unit.read']`). */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value, `${prefix}${key}\t`) : [`${prefix}${key}`],
  );
}

const at = (tree: object, parts: string[]): unknown =>
  parts.reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
const lookup = (tree: object, key: string): unknown => at(tree, key.split('\t'));
/** A key as the screens write it (`login.title`). */
const byDots = (tree: object, key: string): unknown => at(tree, key.split('.'));

describe('the catalogue each language fetches on demand', () => {
  it('has the same keys in Vietnamese and English, none of them empty', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(vi).sort());
    for (const key of keysOf(vi)) expect(String(lookup(vi, key)).trim(), key).not.toBe('');
  });

  it("holds the domain's messages, the app's strings and each module's screens", () => {
    for (const part of [domainVi, webVi, tipsVi, mediationPageVi]) {
      for (const key of keysOf(part)) expect(lookup(vi, key), key).toBeTypeOf('string');
    }
    expect(byDots(vi, 'login.title')).toBe(byDots(webVi, 'login.title'));
    expect(byDots(vi, 'mediationPage.book.title')).toBe(byDots(mediationPageVi, 'mediationPage.book.title'));
  });
});

describe('merging the parts of a catalogue', () => {
  it('lets a part replace earlier keys, and a `keep` part only add keys the tree does not have', () => {
    const merged = mergeCatalogue([
      { tree: { nav: { home: 'Trang chủ', tips: 'Tin' }, common: { save: 'Lưu' } } },
      { tree: { nav: { tips: 'Tin báo' } } },
      { tree: { nav: { tips: 'Khác', mediation: 'Hòa giải' }, extra: { a: 'A' } }, keep: true },
    ]);
    expect(merged).toEqual({
      nav: { home: 'Trang chủ', tips: 'Tin báo', mediation: 'Hòa giải' },
      common: { save: 'Lưu' },
      extra: { a: 'A' },
    });
  });
});

describe('the first screens’ strings', () => {
  it('are the first-screen groups of each language, the same values as the whole catalogue', () => {
    expect(Object.keys(firstScreenVi).sort()).toEqual([...FIRST_SCREEN_GROUPS].sort());
    expect(keysOf(firstScreenEn).sort()).toEqual(keysOf(firstScreenVi).sort());
    for (const key of keysOf(firstScreenVi)) expect(lookup(firstScreenVi, key), key).toBe(lookup(vi, key));
  });

  it('cover every key the sign-in, loading, error and not-found screens use', () => {
    const files = [
      '../modules/auth/login-page.tsx',
      '../modules/auth/login-steps/password-step.tsx',
      '../modules/auth/login-steps/code-step.tsx',
      '../modules/auth/login-steps/enrol-step.tsx',
      '../modules/auth/login-steps/recovery-codes-step.tsx',
      '../ui/language-switch.tsx',
      '../ui/password-field.tsx',
      '../ui/loading-state.tsx',
      '../ui/error-alert.tsx',
      '../modules/shell/error-page.tsx',
      '../modules/shell/not-found-page.tsx',
      '../lib/api.ts',
    ];
    const used = new Set<string>();
    for (const file of files) {
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      for (const match of source.matchAll(/['`]([a-z][A-Za-z]+(?:\.[A-Za-z0-9]+)+)['`]/g)) {
        const key = match[1] ?? '';
        if (typeof byDots(vi, key) === 'string') used.add(key);
      }
    }
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(byDots(firstScreenVi, key), key).toBeTypeOf('string');
  });
});
