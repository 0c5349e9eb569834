import { describe, expect, it } from 'vitest';
import { buildCsv } from './csv.ts';
import { formatDate, formatDateTime, formatNumber, groupInFours, parseDateInput, todayInVietnam } from './format.ts';
import { foldText, matchesFolded } from './text.ts';

describe('formatting for Vietnamese staff', () => {
  it('shows moments in Vietnam time as dd/mm/yyyy HH:mm, whatever the machine zone', () => {
    expect(formatDateTime('2026-11-26T17:05:09Z')).toBe('27/11/2026 00:05');
    expect(formatDateTime('2026-11-26T17:05:09Z', { seconds: true })).toBe('27/11/2026 00:05:09');
    expect(todayInVietnam(new Date('2026-06-30T18:00:00Z'))).toBe('2026-07-01');
  });

  it('shows calendar dates with leading zeros and reads typed ones', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    expect(parseDateInput('1/7/2025')).toBe('2025-07-01');
    expect(parseDateInput('01.07.2025')).toBe('2025-07-01');
    expect(parseDateInput('31/02/2025')).toBeNull();
    expect(parseDateInput('')).toBe('');
  });

  it('groups numbers with dots and uses a decimal comma', () => {
    expect(formatNumber(1234.5, 1)).toBe('1.234,5');
    expect(formatNumber(1234567)).toBe('1.234.567');
  });

  it('groups secrets in fours', () => {
    expect(groupInFours('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});

describe('CSV export', () => {
  it('starts with a BOM and neutralises formula cells', () => {
    const csv = buildCsv(
      ['a', 'b'],
      [
        ['=SUM(A1)', 'x,y'],
        ['@x', '-1'],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`'=SUM(A1),"x,y"`);
    expect(csv).toContain(`'@x,'-1`);
  });
});

describe('matching without diacritics', () => {
  it('folds Vietnamese marks and đ', () => {
    expect(foldText('Đường Tân Quang')).toBe('duong tan quang');
    expect(matchesFolded('Khối Tân Quang — Phường Thành Vinh', 'tan quang')).toBe(true);
    expect(matchesFolded('Khối Trung Mỹ', 'tan')).toBe(false);
  });
});
