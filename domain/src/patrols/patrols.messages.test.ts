import { describe, expect, it } from 'vitest';
import { patrolsEn, patrolsVi } from './patrols.messages.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('patrols messages', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(keys(patrolsEn).sort()).toEqual(keys(patrolsVi).sort());
  });
  it('leaves no message empty', () => {
    for (const messages of [patrolsVi, patrolsEn]) {
      for (const key of keys(messages)) {
        const value = key.split('.').reduce<unknown>((cur, part) => (cur as Record<string, unknown>)[part], messages);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });
  it('names the law in the eligibility messages', () => {
    expect(patrolsVi.eligibility.tooYoung).toContain('Điều 13');
    expect(patrolsVi.kind.legacyAfterLaw).toContain('01/07/2024');
  });
});
