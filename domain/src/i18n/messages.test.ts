import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { translate } from './messages.ts';
import { vi } from './vi.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('messages', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });
  it('translates with fallback and variables', () => {
    expect(translate('vi', 'errors.notFound')).toBe('Không tìm thấy.');
    expect(translate('en', 'validation.unknownField', { field: 'x' })).toBe('Field not accepted: x.');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
