import { describe, expect, it } from 'vitest';
import { casesEn, casesVi } from './cases.messages.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('cases messages', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(keys(casesEn).sort()).toEqual(keys(casesVi).sort());
  });
  it('leaves no message empty', () => {
    for (const messages of [casesVi, casesEn]) {
      for (const key of keys(messages)) {
        const value = key.split('.').reduce<unknown>((cur, part) => (cur as Record<string, unknown>)[part], messages);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });
});
