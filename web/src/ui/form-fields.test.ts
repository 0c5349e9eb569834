import type { Unit } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { hasFilters } from './filter-bar.tsx';
import { blockOptions } from './form-fields.tsx';

const unit = (id: string, name: string, type: Unit['type'], isActive = true) => ({ id, name, type, isActive }) as Unit;

describe('the block picker of a form or a filter', () => {
  it('offers the ward first, then the blocks in force in Vietnamese order, and nothing else', () => {
    const units = [
      unit('b2', 'Khối Trung Mỹ', 'block'),
      unit('b1', 'Khối Đông Thịnh', 'block'),
      unit('b0', 'Khối Cầu Đá', 'block'),
      unit('old', 'Khối Cũ', 'block', false),
      unit('w', 'Phường Thành Vinh', 'ward'),
      unit('p', 'Tỉnh Nghệ An', 'province'),
      unit('s', 'Trường Tiểu học Lê Mao', 'school'),
    ];
    expect(blockOptions(units)).toEqual([
      { value: 'w', label: 'Phường Thành Vinh' },
      { value: 'b0', label: 'Khối Cầu Đá' },
      { value: 'b1', label: 'Khối Đông Thịnh' },
      { value: 'b2', label: 'Khối Trung Mỹ' },
    ]);
  });
});

describe('a list with its filters in the address', () => {
  it('counts as filtered when any filter of its address is set, and not for empty ones', () => {
    expect(hasFilters({ q: undefined, unitId: undefined, kind: undefined })).toBe(false);
    expect(hasFilters({ q: '', unitId: undefined })).toBe(false);
    expect(hasFilters({ q: undefined, state: 'expiring' })).toBe(true);
  });
});
