import { describe, expect, it } from 'vitest';
import { buildCsv } from './csv.ts';

describe('buildCsv', () => {
  it('writes UTF-8 with a byte-order mark and CRLF line ends, quoting only where needed', () => {
    const text = buildCsv(
      ['Số', 'Họ và tên'],
      [
        [1, 'Nguyễn Văn "Ba"'],
        [2, 'Lê, Thị'],
      ],
    ).toString('utf8');
    expect(text).toBe('\uFEFFSố,Họ và tên\r\n1,"Nguyễn Văn ""Ba"""\r\n2,"Lê, Thị"\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, but not numbers', () => {
    const text = buildCsv(['a', 'b', 'c'], [['=HYPERLINK("x")', '-1', -1]]).toString('utf8');
    expect(text.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",'-1,-1`);
  });

  it('leaves empty cells for missing values', () => {
    expect(buildCsv(['a', 'b'], [[null, undefined]]).toString('utf8')).toBe('\uFEFFa,b\r\n,\r\n');
  });
});
