import { CASE_TYPES, casesEn, casesVi } from '@binh-an/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { UnitChoice } from '../units/index.ts';
import {
  caseStatusFromLabel,
  caseTypeResolver,
  cellDay,
  cellText,
  EXAMPLE_MARK,
  foldText,
  importKeyOf,
  inspectXlsx,
  markDuplicates,
  matchKey,
  ownCaseNumber,
  type ParsedRow,
  readRegister,
  type TypeChoice,
  unitResolver,
} from './case.import.ts';

/** The catalogue as shipped, plus a type an administrator added. */
const TYPES: TypeChoice[] = [
  ...CASE_TYPES.map((t) => ({
    code: t.code,
    reportGroup: t.group,
    penalCodeArticle: t.penalCodeArticle,
    labelVi: casesVi.types[t.code],
    labelEn: casesEn.types[t.code],
  })),
  { code: 'snatching', reportGroup: 'theft_fraud', penalCodeArticle: '171', labelVi: 'Cướp giật tài sản', labelEn: 'Snatching' },
];

const WARD: UnitChoice = { id: 'w', name: 'Phường Thành Vinh', code: 'thanh-vinh', type: 'ward', inForce: true };
const UNITS: UnitChoice[] = [
  { id: 'b1', name: 'Khối Trung Mỹ', code: 'trung-my', type: 'block', inForce: true },
  { id: 'b1-old', name: 'Khối Trung Mỹ', code: 'trung-my-cu', type: 'block', inForce: false },
  { id: 'b2', name: 'Khối Tân Quang', code: 'tan-quang', type: 'block', inForce: true },
  { id: 'b3', name: 'Khối 1', code: 'khoi-1', type: 'block', inForce: true },
  { id: 'b4', name: 'Tổ 1', code: 'to-1', type: 'block', inForce: true },
];

describe('matching Vietnamese text', () => {
  it('folds case, diacritics, đ and spaces, in composed or decomposed form', () => {
    expect(foldText('  Đã   KHỞI tố ')).toBe('da khoi to');
    expect(foldText('Trộm cắp'.normalize('NFD'))).toBe('trom cap');
    expect(matchKey('Khối/Tổ dân phố')).toBe('khoi to dan pho');
    expect(matchKey('Ngày xảy ra (dd/mm/yyyy) *')).toBe('ngay xay ra');
  });

  it('reads case types of the catalogue and statuses from their labels, in any case, with or without marks, or from the code', () => {
    const resolve = caseTypeResolver(TYPES);
    const typeOf = (text: string) => resolve(text)?.code ?? null;
    expect(typeOf('Trộm cắp tài sản')).toBe('theft');
    expect(typeOf('TROM CAP TAI SAN')).toBe('theft');
    expect(typeOf('Tàng trữ, vận chuyển pháo nổ'.normalize('NFD'))).toBe('firecracker_storing');
    expect(typeOf('drug_trading')).toBe('drug_trading');
    expect(typeOf('Fraud')).toBe('fraud');
    expect(typeOf('cuop giat tai san')).toBe('snatching');
    expect(typeOf('Buôn lậu')).toBeNull();
    expect(caseStatusFromLabel('đã khởi tố')).toBe('prosecuted');
    expect(caseStatusFromLabel('Kết thúc, không có tội phạm')).toBe('closed_no_crime');
    expect(caseStatusFromLabel('xong')).toBeNull();
  });

  it('resolves a unit by name or code, with or without its leading word, preferring units in force', () => {
    const resolve = unitResolver([WARD, ...UNITS]);
    expect(resolve('Khối Trung Mỹ')).toEqual({ unit: UNITS[0] });
    expect(resolve('khoi trung my')).toEqual({ unit: UNITS[0] });
    expect(resolve('Trung Mỹ')).toEqual({ unit: UNITS[0] });
    expect(resolve('trung-my-cu')).toEqual({ unit: UNITS[1] });
    expect(resolve('tan quang')).toEqual({ unit: UNITS[2] });
    expect(resolve('Phường Thành Vinh')).toEqual({ unit: WARD });
    expect(resolve('Khối 1')).toEqual({ unit: UNITS[3] });
    expect(resolve('1')).toEqual({ ambiguous: true });
    expect(resolve('Khối 9')).toEqual({ unknown: true });
  });
});

describe('cells', () => {
  it('reads days from real dates, serial numbers and text dd/mm/yyyy', () => {
    expect(cellDay(new Date(Date.UTC(2020, 0, 6)))).toBe('2020-01-06');
    expect(cellDay(43836)).toBe('2020-01-06');
    expect(cellDay('06/01/2020')).toBe('2020-01-06');
    expect(cellDay(' 6-1-2020 ')).toBe('2020-01-06');
    expect(cellDay('6.1.2020')).toBe('2020-01-06');
    expect(cellDay('2020-01-06')).toBe('2020-01-06');
    expect(cellDay({ richText: [{ text: '06/01/' }, { text: '2020' }] })).toBe('2020-01-06');
    expect(cellDay({ formula: 'DATE(2020,1,6)', result: new Date(Date.UTC(2020, 0, 6)) })).toBe('2020-01-06');
    expect(cellDay('31/02/2020')).toBe('invalid');
    expect(cellDay('01/13/2020')).toBe('invalid');
    expect(cellDay('06/01/20')).toBe('invalid');
    expect(cellDay('hôm qua')).toBe('invalid');
    expect(cellDay(true)).toBe('invalid');
    expect(cellDay(null)).toBeNull();
    expect(cellDay('  ')).toBeNull();
  });

  it('reads text from numbers, dates, rich text, links and formulas', () => {
    expect(cellText(249)).toBe('249');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(new Date(Date.UTC(2020, 0, 6)))).toBe('06/01/2020');
    expect(cellText({ text: 'Khối 1', hyperlink: 'https://example.vn' })).toBe('Khối 1');
    expect(cellText({ formula: 'A1', result: 'x' })).toBe('x');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(undefined)).toBe('');
  });
});

describe('import keys', () => {
  const facts = { number: null, occurredOn: '2024-03-05', type: 'theft', unitId: 'b1', summary: 'Mất trộm  xe máy' };
  it('are the same for the same case written differently, and differ between wards', () => {
    expect(importKeyOf('w', facts)).toBe(importKeyOf('w', { ...facts, summary: ' mất TRỘM xe máy '.normalize('NFD').normalize('NFC') }));
    expect(importKeyOf('w', facts)).not.toBe(importKeyOf('w2', facts));
    expect(importKeyOf('w', facts)).not.toBe(importKeyOf('w', { ...facts, occurredOn: '2024-03-06' }));
    expect(importKeyOf('w', { ...facts, number: '01/2024' })).toBe(importKeyOf('w', { ...facts, number: ' 01/ 2024', summary: 'khác' }));
    expect(importKeyOf('w', { ...facts, number: '01/2024' })).not.toBe(importKeyOf('w', { ...facts, number: '0120/24' }));
    expect(importKeyOf('w', { ...facts, summary: null })).toBeNull();
  });

  it('mark rows already in the register and rows repeated in the file', () => {
    const row = (line: number, importKey: string | null, number: string | null = null, caseId: string | null = null) =>
      ({ line, importKey, value: { number, caseId } }) as ParsedRow;
    const marks = markDuplicates(
      [
        row(2, 'a'),
        row(3, 'b'),
        row(4, 'a'),
        row(5, null),
        row(6, 'c'),
        // An export of this register read back: known by its system id, or by our number when the id column was lost.
        row(7, 'd', 'VV-2020-0012', '2d4f3c1e-0000-4000-8000-000000000001'),
        row(8, 'e', 'vv-2020-12'),
        row(9, 'f', 'VV-2020-0013'),
      ],
      { keys: new Set(['c']), ids: new Set(['2d4f3c1e-0000-4000-8000-000000000001']), numbers: new Set(['2020-12']) },
    );
    expect([...marks.entries()]).toEqual([
      [2, false],
      [3, false],
      [4, true],
      [5, false],
      [6, true],
      [7, true],
      [8, true],
      [9, false],
    ]);
  });

  it('recognise the register numbers this register writes', () => {
    expect(ownCaseNumber('VV-2020-0012')).toEqual({ year: 2020, seq: 12 });
    expect(ownCaseNumber(' vv - 2020 - 7 ')).toEqual({ year: 2020, seq: 7 });
    expect(ownCaseNumber('12/2020')).toBeNull();
    expect(ownCaseNumber(null)).toBeNull();
  });
});

const HEADERS = [
  'Số vụ việc',
  'Ngày xảy ra',
  'Ngày phát hiện',
  'Khối/Tổ dân phố',
  'Loại vụ việc',
  'Trạng thái',
  'Tóm tắt',
  'Địa điểm',
  'Điều luật BLHS',
];

function sheetOf(rows: unknown[][], name = 'Sổ vụ việc'): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  for (const r of rows) sheet.addRow(r);
  return workbook;
}

const ctx = { wardId: 'w', ward: WARD, units: UNITS, types: TYPES, today: '2026-01-01' };

describe('reading a register sheet', () => {
  it('finds the headers below a title, skips blank and example rows, and lists each problem with its column', () => {
    const reading = readRegister(
      sheetOf([
        ['SỔ THEO DÕI VỤ VIỆC NĂM 2024'],
        ['STT', 'Ngày xảy ra', 'ngay phat hien', 'KHỐI', 'Loại vụ việc', 'Trạng thái', 'Tóm tắt', 'Ghi chú', 'Điều luật'],
        [1, new Date(Date.UTC(2024, 2, 5)), '06/03/2024', 'Trung Mỹ', 'Trộm cắp tài sản', 'Đã làm rõ', 'Mất trộm xe máy', 'x', 'Điều 173'],
        [],
        [2, '31/02/2024', '01/03/2024', 'Khối 9', 'Buôn lậu', 'Xong', '', '', '12345'],
        [3, '05/03/2024', '04/03/2024', '', 'Đánh bạc', 'Mới tiếp nhận', 'Đánh bạc tại quán nước', '', ''],
        [4, '05/03/2030', '05/03/2030', 'Tân Quang', 'Đánh bạc', 'Mới tiếp nhận', 'x'.repeat(5001), '', ''],
      ]),
      ctx,
    );
    if (!reading.ok) throw new Error('headers not found');
    const [good, bad, inverted, future] = reading.rows;
    expect(reading.rows.map((r) => r.line)).toEqual([3, 5, 6, 7]);
    expect(good?.problems).toEqual([]);
    expect(good?.value).toEqual({
      number: null,
      occurredOn: '2024-03-05',
      discoveredOn: '2024-03-06',
      unitId: 'b1',
      unitName: 'Khối Trung Mỹ',
      type: 'theft',
      status: 'cleared',
      summary: 'Mất trộm xe máy',
      place: null,
      penalCodeArticle: '173',
      caseId: null,
    });
    expect(bad?.problems.map((p) => [p.column, p.key])).toEqual([
      ['occurredOn', 'caseImport.badDate'],
      ['unit', 'caseImport.unknownUnit'],
      ['type', 'caseImport.unknownType'],
      ['status', 'caseImport.unknownStatus'],
      ['summary', 'caseImport.required'],
      ['penalCodeArticle', 'cases.penalCodeArticleFormat'],
    ]);
    expect(bad?.importKey).toBeNull();
    expect(inverted?.problems.map((p) => [p.column, p.key])).toEqual([['discoveredOn', 'cases.discoveredBeforeOccurred']]);
    expect(inverted?.value.unitId).toBe('w');
    expect(inverted?.value.penalCodeArticle).toBe('321');
    expect(future?.problems.map((p) => [p.column, p.key])).toEqual([
      ['occurredOn', 'caseImport.futureDate'],
      ['discoveredOn', 'caseImport.futureDate'],
      ['summary', 'caseImport.tooLong'],
    ]);
  });

  it('skips the example row of the template', () => {
    const reading = readRegister(
      sheetOf([HEADERS, [EXAMPLE_MARK, '06/01/2025', '07/01/2025', 'Khối 1', 'Trộm cắp tài sản', 'Đã làm rõ', 'Ví dụ', '', '173']]),
      ctx,
    );
    expect(reading).toEqual({ ok: true, rows: [] });
  });

  it('names the missing columns when the headers are not those of the register', () => {
    const reading = readRegister(sheetOf([['Số vụ việc', 'Ngày', 'Khối', 'Loại vụ việc', 'Nội dung']], 'Sheet1'), ctx);
    expect(reading).toEqual({ ok: false, missing: ['occurredOn', 'discoveredOn', 'status'] });
  });
});

describe('recognising an .xlsx upload', () => {
  it('accepts a workbook and refuses other files and archives that unzip too large', async () => {
    const workbook = sheetOf([HEADERS]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(inspectXlsx(bytes)).toBe('ok');
    expect(inspectXlsx(Buffer.from('Số vụ việc;Ngày xảy ra\n'))).toBe('notXlsx');
    expect(inspectXlsx(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(40).fill(0)]))).toBe('notXlsx');
    expect(inspectXlsx(bytes.subarray(0, bytes.length - 30))).toBe('notXlsx');

    // The same archive, its central directory claiming that one part unzips to 200 MB.
    const bomb = Buffer.from(bytes);
    const directory = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(200 * 1024 * 1024, directory + 24);
    expect(inspectXlsx(bomb)).toBe('tooLarge');
  });
});
