import { createHash, randomUUID } from 'node:crypto';
import {
  CASE_STATUSES,
  CASE_SUMMARY_MAX,
  type CaseStatus,
  casesEn,
  casesVi,
  type Locale,
  penalCodeArticleSchema,
  translate,
} from '@binh-an/domain';
import type ExcelJS from 'exceljs';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { DbOrTx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadExcel } from '../../platform/documents.ts';
import { AppError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/pg-errors.ts';
import { vnToday } from '../../platform/time.ts';
import { findWardUnitChoices, type UnitChoice } from '../units/index.ts';
import { findExistingCaseRefs, findExistingImportKeys, insertCase, nextRegisterNumber } from './case.repository.ts';
import type { CaseTypeRow } from './case.table.ts';
import { findCaseTypes } from './case-type.repository.ts';

/**
 * Import of a ward's existing case register (sổ vụ việc) from an Excel workbook: the template, a preview with the
 * problems of each row, then an all-or-nothing import. A row already in the register is skipped, so that importing the
 * same file twice writes nothing the second time: the same import key (the ward's own number, else the case's facts),
 * or — for a file exported from here — the case's system id or register number. The export (case.export.ts) writes
 * the same columns plus the system id.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest workbook accepted for import. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** The most data rows one import takes (and one export gives). */
export const IMPORT_MAX_ROWS = 10_000;
/** What the parts of an accepted workbook may add up to once unzipped: a 5 MB file that unzips to gigabytes is refused. */
const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2_000;
/** How far down the header row is looked for (a register may start with a title). */
const HEADER_SEARCH_ROWS = 10;
const MAX_COLUMNS = 100;

export const REGISTER_SHEET = 'Sổ vụ việc';
export const LISTS_SHEET = 'Danh mục';

type ColumnSpec = {
  key: string;
  /** The header the template and the export write (the file format is Vietnamese whatever the caller's language). */
  header: string;
  /** Whether the column must be present (a cell may still be empty where the column allows it). */
  required: boolean;
  /** Other headers taken for this column, compared without case, diacritics or punctuation. */
  aliases: readonly string[];
  width: number;
  date?: boolean;
  /** Written by the export only (not in the template). */
  exportOnly?: boolean;
};

/** The columns of the register, in the order the template and the export write them. */
export const REGISTER_COLUMNS = [
  { key: 'number', header: 'Số vụ việc', required: false, aliases: ['số', 'số vụ', 'số hiệu vụ việc'], width: 16 },
  { key: 'occurredOn', header: 'Ngày xảy ra', required: true, aliases: ['ngày xảy ra vụ việc'], width: 14, date: true },
  { key: 'discoveredOn', header: 'Ngày phát hiện', required: true, aliases: [], width: 14, date: true },
  {
    key: 'unit',
    header: 'Khối/Tổ dân phố',
    required: true,
    aliases: ['khối', 'tổ dân phố', 'khối, tổ dân phố', 'khối, xóm', 'đơn vị', 'địa bàn'],
    width: 24,
  },
  { key: 'type', header: 'Loại vụ việc', required: true, aliases: ['loại', 'loại vụ'], width: 36 },
  { key: 'status', header: 'Trạng thái', required: true, aliases: ['tình trạng'], width: 26 },
  { key: 'summary', header: 'Tóm tắt', required: true, aliases: ['tóm tắt vụ việc', 'nội dung', 'nội dung vụ việc'], width: 60 },
  { key: 'place', header: 'Địa điểm', required: false, aliases: ['địa điểm xảy ra', 'nơi xảy ra'], width: 30 },
  { key: 'penalCodeArticle', header: 'Điều luật BLHS', required: false, aliases: ['điều luật', 'điều blhs', 'điều'], width: 14 },
  {
    key: 'caseId',
    header: 'Mã hệ thống (không sửa)',
    required: false,
    aliases: ['mã hệ thống'],
    width: 38,
    exportOnly: true,
  },
] as const satisfies readonly ColumnSpec[];

export type ImportColumn = (typeof REGISTER_COLUMNS)[number]['key'];
export const IMPORT_COLUMNS = REGISTER_COLUMNS.map((c) => c.key) as [ImportColumn, ...ImportColumn[]];

export function headerOf(column: ImportColumn): string {
  return REGISTER_COLUMNS.find((c) => c.key === column)?.header ?? column;
}

// ---------------------------------------------------------------------------------------------------------------------
// Text matching

/** Vietnamese text folded for matching: NFC then NFD, combining marks dropped, đ → d, lower case, spaces collapsed. */
export function foldText(text: string): string {
  return text.normalize('NFC').normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A label folded for matching and stripped of punctuation and of a parenthesised hint: "Ngày xảy ra (dd/mm/yyyy)" → "ngay xay ra". */
export function matchKey(text: string): string {
  return foldText(text.replace(/\([^)]*\)/g, ' '))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** One line of text as people mean it: composed characters, runs of spaces as one. */
function oneLine(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Longer text: composed characters, spaces collapsed within lines, line breaks kept. */
function multiLine(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A look-up from labels (Vietnamese, English, or the code) to codes. */
function labelIndex<C extends string>(codes: readonly C[], ...catalogues: Record<string, string>[]): Map<string, C> {
  const index = new Map<string, C>();
  for (const code of codes) {
    index.set(matchKey(code), code);
    for (const catalogue of catalogues) {
      const label = catalogue[code];
      if (label && !index.has(matchKey(label))) index.set(matchKey(label), code);
    }
  }
  return index;
}

const STATUS_INDEX = labelIndex(CASE_STATUSES, casesVi.statuses, casesEn.statuses);

/** A type of the catalogue as the import sees it. */
export type TypeChoice = Pick<CaseTypeRow, 'code' | 'reportGroup' | 'penalCodeArticle' | 'labelVi' | 'labelEn'>;

/**
 * Resolves a case type from its Vietnamese name, its English name or its code in the catalogue, without regard to case
 * or diacritics. Retired types are found too: an old register has the types of its day.
 */
export function caseTypeResolver(types: readonly TypeChoice[]): (text: string) => TypeChoice | null {
  const byCode = new Map(types.map((t) => [t.code, t]));
  const index = labelIndex(
    types.map((t) => t.code),
    Object.fromEntries(types.map((t) => [t.code, t.labelVi])),
    Object.fromEntries(types.map((t) => [t.code, t.labelEn])),
  );
  return (text) => {
    const code = index.get(matchKey(text));
    return code ? (byCode.get(code) ?? null) : null;
  };
}

/** A case status from its label or code, without regard to case or diacritics. */
export function caseStatusFromLabel(text: string): CaseStatus | null {
  return STATUS_INDEX.get(matchKey(text)) ?? null;
}

/** A unit a row may name: the ward itself or one of its units (blocks first), in force or not. */

/** Words that open a unit's name and that people often leave out ("Khối Trung Mỹ" written "Trung Mỹ"). */
const UNIT_PREFIX = /^(khoi|to dan pho|to|xom|thon|ban|ap|khu pho|khu|phuong|xa|dac khu)\s+/;

export type UnitMatch = { unit: UnitChoice } | { unknown: true } | { ambiguous: true };

/**
 * Resolves what a row says in the unit column among the ward's units, by name or code, without regard to case,
 * diacritics or punctuation, with or without the leading word (Khối, Tổ dân phố, Phường). Units in force are preferred
 * to historic ones and blocks to other units; two equally good different units are ambiguous.
 */
export function unitResolver(choices: readonly UnitChoice[]): (text: string) => UnitMatch {
  const full = new Map<string, UnitChoice[]>();
  const short = new Map<string, UnitChoice[]>();
  const add = (map: Map<string, UnitChoice[]>, key: string, u: UnitChoice) => {
    if (!key) return;
    const list = map.get(key) ?? [];
    if (!list.some((x) => x.id === u.id)) list.push(u);
    map.set(key, list);
  };
  for (const u of choices) {
    for (const k of [matchKey(u.name), matchKey(u.code)]) {
      add(full, k, u);
      add(short, k.replace(UNIT_PREFIX, ''), u);
    }
  }
  const rank = (u: UnitChoice) => (u.inForce ? 0 : 2) + (u.type === 'block' ? 0 : 1);
  const pick = (list: UnitChoice[] | undefined): UnitMatch | null => {
    if (!list?.length) return null;
    const sorted = [...list].sort((a, b) => rank(a) - rank(b));
    const [first, second] = sorted as [UnitChoice, UnitChoice | undefined];
    if (second && rank(second) === rank(first)) return { ambiguous: true };
    return { unit: first };
  };
  return (text) => {
    const k = matchKey(text);
    return pick(full.get(k)) ?? pick(short.get(k)) ?? pick(short.get(k.replace(UNIT_PREFIX, ''))) ?? { unknown: true };
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Cells

type Plain = string | number | boolean | Date | null;

/** The value a cell shows: rich text joined, a formula's result, a link's text; errors as empty. */
function plainOf(value: ExcelJS.CellValue | undefined): Plain {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return plainOf(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return plainOf(value.result as ExcelJS.CellValue);
  return null;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/** The day a Date cell holds (Excel dates carry no zone: the workbook's day is the UTC day). */
function dayOfDate(d: Date): string | null {
  return Number.isNaN(d.getTime()) ? null : isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A day from a cell: a real Excel date, a date serial number, or text dd/mm/yyyy (also with - or . between, and the
 * ISO yyyy-mm-dd). Answers null for an empty cell and 'invalid' for anything else.
 */
export function cellDay(value: ExcelJS.CellValue | undefined): string | null | 'invalid' {
  const v = plainOf(value);
  if (v === null || v === '') return null;
  if (v instanceof Date) return dayOfDate(v) ?? 'invalid';
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v >= 2_958_466) return 'invalid';
    return dayOfDate(new Date(EXCEL_EPOCH_MS + Math.floor(v) * DAY_MS)) ?? 'invalid';
  }
  if (typeof v !== 'string') return 'invalid';
  const text = v.trim();
  if (text === '') return null;
  const vn = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  if (vn) return isoDay(Number(vn[3]), Number(vn[2]), Number(vn[1])) ?? 'invalid';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? 'invalid';
  return 'invalid';
}

/** The text of a cell: numbers written plainly, dates as dd/mm/yyyy, empty cells as ''. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  const v = plainOf(value);
  if (v === null) return '';
  if (v instanceof Date) {
    const day = dayOfDate(v);
    return day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '';
  }
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  return String(v);
}

/** A yyyy-mm-dd day as the Date Excel shows as that day. */
export function excelDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Workbooks

/**
 * Whether the bytes are an Office Open XML workbook within bounds: a zip archive holding `xl/workbook.xml`, whose parts
 * unzip to at most 100 MB (the sizes the central directory declares, which the unzipper holds each part to).
 */
export function inspectXlsx(bytes: Buffer): 'ok' | 'notXlsx' | 'tooLarge' {
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== 0x04034b50) return 'notXlsx';
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'notXlsx';
  const entries = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) return 'tooLarge';
  if (entries > MAX_ZIP_ENTRIES) return 'tooLarge';
  if (directoryOffset + directorySize > end) return 'notXlsx';
  let at = directoryOffset;
  let unzipped = 0;
  let workbook = false;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) return 'notXlsx';
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, Math.min(end, at + 46 + nameLength));
    if (size === 0xffffffff) return 'tooLarge';
    unzipped += size;
    if (name === 'xl/workbook.xml') workbook = true;
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  if (unzipped > MAX_UNZIPPED_BYTES) return 'tooLarge';
  return workbook ? 'ok' : 'notXlsx';
}

/** Opens an uploaded workbook; anything that is not a readable .xlsx is refused as a file of the wrong type (415). */
export async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  if (bytes.length > IMPORT_MAX_BYTES) throw new AppError('payloadTooLarge');
  const shape = inspectXlsx(bytes);
  if (shape === 'tooLarge') throw new AppError('payloadTooLarge');
  if (shape !== 'ok') throw new AppError('importFile');
  const workbook = new (await loadExcel()).Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('importFile');
  }
  if (workbook.worksheets.length === 0) throw new AppError('importFile');
  return workbook;
}

/** Adds the register sheet with its Vietnamese headers, column widths and date formats (template and export). */
export function addRegisterSheet(workbook: ExcelJS.Workbook, use: 'template' | 'export'): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(REGISTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: readonly ColumnSpec[] = REGISTER_COLUMNS;
  sheet.columns = columns
    .filter((c) => use === 'export' || !c.exportOnly)
    .map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style:
        'date' in c
          ? { numFmt: 'dd/mm/yyyy', alignment: { horizontal: 'center' as const, vertical: 'top' as const } }
          : { alignment: { wrapText: c.key === 'summary' || c.key === 'place', vertical: 'top' } },
    }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  return sheet;
}

export type RegisterRowValues = {
  number: string | null;
  occurredOn: string;
  discoveredOn: string;
  unit: string;
  /** The type's Vietnamese name in the catalogue. */
  typeLabel: string;
  status: CaseStatus;
  summary: string;
  place: string | null;
  penalCodeArticle: string | null;
  /** The case's id here (export only): a later import of the file recognises the case by it. */
  caseId?: string;
};

/** Writes one case as a register row: labels in Vietnamese, dates as real dates. */
export function addRegisterRow(sheet: ExcelJS.Worksheet, v: RegisterRowValues): ExcelJS.Row {
  return sheet.addRow({
    number: v.number ?? '',
    occurredOn: excelDate(v.occurredOn),
    discoveredOn: excelDate(v.discoveredOn),
    unit: v.unit,
    type: v.typeLabel,
    status: casesVi.statuses[v.status],
    summary: v.summary,
    place: v.place ?? '',
    penalCodeArticle: v.penalCodeArticle ?? '',
    ...(v.caseId ? { caseId: v.caseId } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Reading the register

export type RowProblem = { column: ImportColumn; key: string; vars?: Record<string, string> };

export type ParsedRow = {
  /** The row's number in the sheet, as Excel shows it. */
  line: number;
  value: {
    number: string | null;
    occurredOn: string | null;
    discoveredOn: string | null;
    unitId: string | null;
    unitName: string | null;
    type: string | null;
    status: CaseStatus | null;
    summary: string | null;
    place: string | null;
    penalCodeArticle: string | null;
    /** The system id written by an export from here, when the file has one. */
    caseId: string | null;
  };
  problems: RowProblem[];
  /** What makes the row the same case on a second import; null when the row is too broken to tell. */
  importKey: string | null;
};

export type RegisterReading = { ok: true; rows: ParsedRow[] } | { ok: false; missing: ImportColumn[] };

const ALIASES = REGISTER_COLUMNS.map((c) => ({ key: c.key as ImportColumn, names: new Set([c.header, ...c.aliases].map(matchKey)) }));
const REQUIRED = REGISTER_COLUMNS.filter((c) => c.required).map((c) => c.key as ImportColumn);
/** The template's example row says this in its number cell and is never imported. */
export const EXAMPLE_MARK = 'Ví dụ';

/** Which column of a row holds which field, by its header. */
function headerMap(sheet: ExcelJS.Worksheet, line: number): Map<ImportColumn, number> {
  const found = new Map<ImportColumn, number>();
  const row = sheet.findRow(line);
  if (!row) return found;
  const last = Math.min(MAX_COLUMNS, row.cellCount);
  for (let col = 1; col <= last; col++) {
    const k = matchKey(cellText(row.getCell(col).value));
    if (!k) continue;
    const match = ALIASES.find((a) => a.names.has(k));
    if (match && !found.has(match.key)) found.set(match.key, col);
  }
  return found;
}

/** The sheet and row holding the register's headers: the sheet "Sổ vụ việc" first, then the others in order. */
function findHeaders(
  workbook: ExcelJS.Workbook,
): { sheet: ExcelJS.Worksheet; line: number; columns: Map<ImportColumn, number> } | { missing: ImportColumn[] } {
  const named = workbook.worksheets.filter((s) => matchKey(s.name) === matchKey(REGISTER_SHEET));
  const others = workbook.worksheets.filter((s) => !named.includes(s) && matchKey(s.name) !== matchKey(LISTS_SHEET));
  let best: ImportColumn[] | null = null;
  for (const sheet of [...named, ...others]) {
    for (let line = 1; line <= Math.min(HEADER_SEARCH_ROWS, Math.max(1, sheet.rowCount)); line++) {
      const columns = headerMap(sheet, line);
      const missing = REQUIRED.filter((k) => !columns.has(k));
      if (missing.length === 0) return { sheet, line, columns };
      if (best === null || missing.length < best.length) best = missing;
    }
  }
  return { missing: best ?? REQUIRED };
}

/** The key that recognises a row on a later import: the ward's own number if given, else the case's facts. */
export function importKeyOf(
  wardId: string,
  v: { number: string | null; occurredOn: string | null; type: string | null; unitId: string | null; summary: string | null },
): string | null {
  const digest = (parts: unknown[]) =>
    createHash('sha256')
      .update(JSON.stringify(['case-import/1', wardId, ...parts]))
      .digest('hex');
  if (v.number) return digest(['number', foldText(v.number).replace(/\s+/g, '')]);
  if (v.occurredOn && v.type && v.unitId && v.summary) {
    return digest(['facts', v.occurredOn, v.type, v.unitId, v.summary.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()]);
  }
  return null;
}

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

/**
 * Reads the register sheet of a workbook into rows, each with its problems as message keys. Blank rows and the
 * template's example row are skipped. Answers the missing columns when the headers are not those of the register.
 */
export function readRegister(
  workbook: ExcelJS.Workbook,
  ctx: { wardId: string; ward: UnitChoice; units: readonly UnitChoice[]; types: readonly TypeChoice[]; today: string },
): RegisterReading {
  const headers = findHeaders(workbook);
  if ('missing' in headers) return { ok: false, missing: headers.missing };
  const { sheet, line: headerLine, columns } = headers;
  const resolveUnit = unitResolver([ctx.ward, ...ctx.units]);
  const resolveType = caseTypeResolver(ctx.types);
  const dataRows: ExcelJS.Row[] = [];
  sheet.eachRow((row, line) => {
    if (line > headerLine) dataRows.push(row);
  });
  const rows: ParsedRow[] = [];
  for (const row of dataRows) {
    const line = row.number;
    const raw = (column: ImportColumn) => {
      const col = columns.get(column);
      return col === undefined ? undefined : row.getCell(col).value;
    };
    const text = (column: ImportColumn) => oneLine(cellText(raw(column)));
    if (REGISTER_COLUMNS.every((c) => text(c.key) === '')) continue;
    const number = text('number');
    if (matchKey(number) === matchKey(EXAMPLE_MARK)) continue;
    if (rows.length >= IMPORT_MAX_ROWS) throw new AppError('importRows', [{ path: 'file', message: 'caseImport.tooManyRows' }]);

    const problems: RowProblem[] = [];
    const problem = (column: ImportColumn, key: string, vars?: Record<string, string>) => problems.push({ column, key, vars });
    const tooLong = (column: ImportColumn, max: number) => problem(column, 'caseImport.tooLong', { max: max.toLocaleString('vi-VN') });

    if (number.length > 50) tooLong('number', 50);

    const day = (column: 'occurredOn' | 'discoveredOn') => {
      const d = cellDay(raw(column));
      if (d === null) problem(column, 'caseImport.required');
      else if (d === 'invalid') problem(column, 'caseImport.badDate');
      else if (d > ctx.today) problem(column, 'caseImport.futureDate');
      else return d;
      return null;
    };
    const occurredOn = day('occurredOn');
    const discoveredOn = day('discoveredOn');
    if (occurredOn && discoveredOn && discoveredOn < occurredOn) problem('discoveredOn', 'cases.discoveredBeforeOccurred');

    let unit: UnitChoice | null = null;
    const unitText = text('unit');
    if (unitText === '') unit = ctx.ward;
    else {
      const match = resolveUnit(unitText);
      if ('unit' in match) unit = match.unit;
      else problem('unit', 'ambiguous' in match ? 'caseImport.ambiguousUnit' : 'caseImport.unknownUnit', { value: shown(unitText) });
    }

    const typeText = text('type');
    const type = typeText ? resolveType(typeText) : null;
    if (!typeText) problem('type', 'caseImport.required');
    else if (!type) problem('type', 'caseImport.unknownType', { value: shown(typeText) });

    const statusText = text('status');
    const status = statusText ? caseStatusFromLabel(statusText) : null;
    if (!statusText) problem('status', 'caseImport.required');
    else if (!status) problem('status', 'caseImport.unknownStatus', { value: shown(statusText) });

    const summary = multiLine(cellText(raw('summary')));
    if (!summary) problem('summary', 'caseImport.required');
    else if (summary.length > CASE_SUMMARY_MAX) tooLong('summary', CASE_SUMMARY_MAX);

    const place = text('place');
    if (place.length > 500) tooLong('place', 500);

    let penalCodeArticle: string | null = null;
    const articleText = text('penalCodeArticle');
    if (articleText) {
      const parsed = penalCodeArticleSchema.safeParse(foldText(articleText).replace(/^(dieu|d\.)\s*/, ''));
      if (parsed.success) penalCodeArticle = parsed.data;
      else problem('penalCodeArticle', 'cases.penalCodeArticleFormat');
    } else if (type) penalCodeArticle = type.penalCodeArticle;

    const idText = text('caseId');
    const caseId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idText) ? idText.toLowerCase() : null;
    if (idText && !caseId) problem('caseId', 'caseImport.badCaseId');

    const value = {
      number: number || null,
      occurredOn,
      discoveredOn,
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? (unitText || null),
      type: type?.code ?? null,
      status,
      summary: summary || null,
      place: place || null,
      penalCodeArticle,
      caseId,
    };
    rows.push({ line, value, problems, importKey: importKeyOf(ctx.wardId, value) });
  }
  return { ok: true, rows };
}

/** A number of this register as the export writes it (VV-2020-0012): its year and number. */
export function ownCaseNumber(text: string | null): { year: number; seq: number } | null {
  const m = text ? /^vv-(\d{4})-(\d{1,6})$/.exec(foldText(text).replace(/\s+/g, '')) : null;
  return m ? { year: Number(m[1]), seq: Number(m[2]) } : null;
}

/** What of a file is already in the ward's register: import keys, system ids, register numbers ("2020-12"). */
export type ExistingCases = { keys: ReadonlySet<string>; ids: ReadonlySet<string>; numbers: ReadonlySet<string> };

/** Marks the rows already in the register (by import key, system id or register number), or earlier in the same file. */
export function markDuplicates(rows: readonly ParsedRow[], existing: ExistingCases): Map<number, boolean> {
  const seen = new Set<string>();
  const duplicate = new Map<number, boolean>();
  for (const r of rows) {
    const key = r.importKey;
    const own = ownCaseNumber(r.value.number);
    const known =
      (key !== null && (existing.keys.has(key) || seen.has(key))) ||
      (r.value.caseId !== null && existing.ids.has(r.value.caseId)) ||
      (own !== null && existing.numbers.has(`${own.year}-${own.seq}`));
    duplicate.set(r.line, known);
    if (key) seen.add(key);
  }
  return duplicate;
}

// ---------------------------------------------------------------------------------------------------------------------
// Services

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });

/** The ward an import writes to: the actor's own (chief and officer accounts are bound to a ward). */
function wardOf(actor: Actor): string {
  if (!actor.wardId) throw new AppError('forbidden');
  return actor.wardId;
}

export type ImportPreview = {
  rows: {
    line: number;
    ok: boolean;
    duplicate: boolean;
    errors: { column: ImportColumn; header: string; message: string }[];
    value: {
      number: string | null;
      occurredOn: string | null;
      discoveredOn: string | null;
      unitId: string | null;
      unitName: string | null;
      type: string | null;
      status: CaseStatus | null;
      summary: string | null;
      place: string | null;
      penalCodeArticle: string | null;
      caseId: string | null;
    };
  }[];
  totals: { rows: number; ok: number; errors: number; duplicates: number };
};

type Plan = { wardId: string; rows: ParsedRow[]; duplicate: Map<number, boolean>; types: Map<string, TypeChoice> };

/** Reads the workbook against the ward's units and register; wrong headers are refused with the missing columns. */
async function planImport(deps: Deps, tx: DbOrTx, actor: Actor, workbook: ExcelJS.Workbook, locale: Locale): Promise<Plan> {
  const wardId = wardOf(actor);
  const today = vnToday(deps.clock());
  const { ward, units: wardUnits } = await findWardUnitChoices(tx, wardId, today);
  if (!ward) throw new AppError('forbidden');
  const types = await findCaseTypes(tx);
  const reading = readRegister(workbook, { wardId, ward, units: wardUnits, types, today });
  if (!reading.ok) {
    throw new AppError(
      'importHeaders',
      reading.missing.map((column) => ({
        path: column,
        message: translate(locale, 'caseImport.missingColumn', { column: headerOf(column) }),
      })),
    );
  }
  const keys = [...new Set(reading.rows.flatMap((r) => (r.importKey ? [r.importKey] : [])))];
  const ids = [...new Set(reading.rows.flatMap((r) => (r.value.caseId ? [r.value.caseId] : [])))];
  const numbers = reading.rows.flatMap((r) => {
    const own = ownCaseNumber(r.value.number);
    return own ? [own] : [];
  });
  const existing = {
    keys: await findExistingImportKeys(tx, wardId, keys),
    ...(await findExistingCaseRefs(tx, wardId, actor.wardIds, ids, numbers)),
  };
  return {
    wardId,
    rows: reading.rows,
    duplicate: markDuplicates(reading.rows, existing),
    types: new Map(types.map((t) => [t.code, t])),
  };
}

function previewOf(plan: Plan, locale: Locale): ImportPreview {
  const rows = plan.rows.map((r) => ({
    line: r.line,
    ok: r.problems.length === 0,
    duplicate: plan.duplicate.get(r.line) ?? false,
    errors: r.problems.map((p) => ({ column: p.column, header: headerOf(p.column), message: translate(locale, p.key, p.vars) })),
    value: r.value,
  }));
  return {
    rows,
    totals: {
      rows: rows.length,
      ok: rows.filter((r) => r.ok && !r.duplicate).length,
      errors: rows.filter((r) => !r.ok).length,
      duplicates: rows.filter((r) => r.ok && r.duplicate).length,
    },
  };
}

/** Checks an uploaded register and says, row by row, what would be imported, what is wrong and what is already there. */
export async function previewCaseImport(deps: Deps, actor: Actor, bytes: Buffer, locale: Locale): Promise<ImportPreview> {
  requirePermission(actor, 'case.manage');
  wardOf(actor);
  const workbook = await openWorkbook(bytes);
  return withActor(deps.database.db, actor, async (tx) => previewOf(await planImport(deps, tx, actor, workbook, locale), locale));
}

/** How many problems a refused import lists (the preview lists them all). */
const MAX_LISTED_PROBLEMS = 200;

/** How an import reports its way: once the file is accepted (`start`), then every so many rows written. */
export type ImportProgress = { start?: (total: number) => void; progress?: (done: number, total: number) => void };
/** How many rows pass between two progress reports. */
const PROGRESS_EVERY = 100;

/**
 * Imports an uploaded register, all or nothing: any row with a problem refuses the whole file (422, nothing written);
 * otherwise every row not already imported becomes a case with the next number of the ward's register (the file's own
 * number kept as `ward_ref`), in one transaction, with one audit entry.
 */
export async function importCases(
  deps: Deps,
  actor: Actor,
  bytes: Buffer,
  locale: Locale,
  report: ImportProgress = {},
): Promise<{ imported: number; skippedDuplicates: number }> {
  requirePermission(actor, 'case.manage');
  wardOf(actor);
  const workbook = await openWorkbook(bytes);
  try {
    return await withActor(deps.database.db, actor, async (tx) => {
      const plan = await planImport(deps, tx, actor, workbook, locale);
      const problems = plan.rows.flatMap((r) =>
        r.problems.map((p) => ({
          path: `${r.line}.${p.column}`,
          message: translate(locale, 'caseImport.rowError', {
            line: String(r.line),
            column: headerOf(p.column),
            message: translate(locale, p.key, p.vars),
          }),
        })),
      );
      if (problems.length > 0) {
        const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
        if (problems.length > listed.length) {
          listed.push({
            path: 'file',
            message: translate(locale, 'caseImport.moreErrors', { count: String(problems.length - listed.length) }),
          });
        }
        throw new AppError('importRows', listed);
      }
      const fresh = plan.rows
        .filter((r) => !plan.duplicate.get(r.line))
        .sort((a, b) => (a.value.discoveredOn ?? '').localeCompare(b.value.discoveredOn ?? '') || a.line - b.line);
      report.start?.(fresh.length);
      let done = 0;
      for (const r of fresh) {
        const v = r.value;
        const type = v.type ? plan.types.get(v.type) : undefined;
        if (!v.occurredOn || !v.discoveredOn || !v.unitId || !type || !v.status || !v.summary)
          throw new Error('a checked row lacks a field');
        const year = Number(v.discoveredOn.slice(0, 4));
        await insertCase(tx, {
          wardId: plan.wardId,
          id: randomUUID(),
          unitId: v.unitId,
          year,
          seq: await nextRegisterNumber(tx, plan.wardId, 'case', year),
          type: type.code,
          reportGroup: type.reportGroup,
          penalCodeArticle: v.penalCodeArticle,
          status: v.status,
          occurredOn: v.occurredOn,
          discoveredOn: v.discoveredOn,
          place: v.place,
          summary: v.summary,
          officerIds: [],
          importKey: r.importKey,
          wardRef: v.number,
        });
        done += 1;
        if (done % PROGRESS_EVERY === 0 && done < fresh.length) report.progress?.(done, fresh.length);
      }
      report.progress?.(fresh.length, fresh.length);
      const result = { imported: fresh.length, skippedDuplicates: plan.rows.length - fresh.length };
      await recordAudit(tx, {
        action: 'case.import',
        actor: by(actor),
        wardId: plan.wardId,
        entityType: 'unit',
        entityId: plan.wardId,
        detail: { rows: plan.rows.length, ...result },
      });
      return result;
    });
  } catch (err) {
    // The same file imported twice at the same moment: the second finds the first's keys taken.
    if (isUniqueViolation(err)) throw new AppError('conflict');
    throw err;
  }
}

/** The lists the template offers: every case type with its group and usual article, every status, the ward's units. */
function addListsSheet(
  workbook: ExcelJS.Workbook,
  types: readonly TypeChoice[],
  wardUnits: readonly UnitChoice[],
  locale: Locale,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(LISTS_SHEET);
  sheet.columns = [
    { header: 'Loại vụ việc', key: 'type', width: 44 },
    { header: 'Nhóm', key: 'group', width: 40 },
    { header: 'Điều luật BLHS thường áp dụng', key: 'article', width: 16 },
    { header: '', key: 'gap1', width: 3 },
    { header: 'Trạng thái', key: 'status', width: 30 },
    { header: '', key: 'gap2', width: 3 },
    { header: 'Khối/Tổ dân phố', key: 'unit', width: 28 },
    { header: '', key: 'gap3', width: 3 },
    { header: translate(locale, 'caseImport.guideTitle'), key: 'guide', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  types.forEach((type, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell('type').value = type.labelVi;
    row.getCell('group').value = casesVi.groups[type.reportGroup as keyof typeof casesVi.groups];
    row.getCell('article').value = type.penalCodeArticle ?? '';
  });
  CASE_STATUSES.forEach((status, i) => {
    sheet.getRow(i + 2).getCell('status').value = casesVi.statuses[status];
  });
  wardUnits.forEach((u, i) => {
    sheet.getRow(i + 2).getCell('unit').value = u.name;
  });
  const guide = ['guide1', 'guide2', 'guide3', 'guide4', 'guide5', 'guide6', 'guide7'] as const;
  guide.forEach((key, i) => {
    const cell = sheet.getRow(i + 2).getCell('guide');
    cell.value = translate(locale, `caseImport.${key}`, { max: IMPORT_MAX_ROWS.toLocaleString('vi-VN'), example: EXAMPLE_MARK });
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  return sheet;
}

type Validations = { add(address: string, validation: ExcelJS.DataValidation): void };

/** The import template: the register sheet with its headers and an example row, and the sheet of accepted values. */
export async function caseImportTemplate(deps: Deps, actor: Actor, locale: Locale): Promise<Buffer> {
  requirePermission(actor, 'case.manage');
  const wardId = wardOf(actor);
  const today = vnToday(deps.clock());
  const {
    ward,
    units: all,
    types,
  } = await withActor(deps.database.db, actor, async (tx) => ({
    ...(await findWardUnitChoices(tx, wardId, today)),
    types: (await findCaseTypes(tx)).filter((t) => t.active),
  }));
  if (!ward) throw new AppError('forbidden');
  const example = types.find((t) => t.code === 'theft') ?? types[0];
  const blocks = all.filter((u) => u.type === 'block' && u.inForce).sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));

  const workbook = new (await loadExcel()).Workbook();
  workbook.created = deps.clock();
  const sheet = addRegisterSheet(workbook, 'template');
  const exampleRow = addRegisterRow(sheet, {
    number: EXAMPLE_MARK,
    occurredOn: '2025-01-06',
    discoveredOn: '2025-01-07',
    unit: blocks[0]?.name ?? ward.name,
    typeLabel: example?.labelVi ?? '',
    status: 'cleared',
    summary: translate(locale, 'caseImport.exampleSummary'),
    place: translate(locale, 'caseImport.examplePlace'),
    penalCodeArticle: example?.penalCodeArticle ?? null,
  });
  exampleRow.font = { italic: true, color: { argb: 'FF6B7280' } };
  sheet.getCell('B1').note = translate(locale, 'caseImport.noteDate');
  sheet.getCell('C1').note = translate(locale, 'caseImport.noteDate');
  sheet.getCell('D1').note = translate(locale, 'caseImport.noteUnit');

  addListsSheet(workbook, types, [ward, ...blocks], locale);
  const lists = `'${LISTS_SHEET}'`;
  const validations = (sheet as unknown as { dataValidations: Validations }).dataValidations;
  const last = IMPORT_MAX_ROWS + 1;
  validations.add(`E2:E${last}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`${lists}!$A$2:$A$${types.length + 1}`],
    showErrorMessage: true,
    errorStyle: 'warning',
  });
  validations.add(`F2:F${last}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`${lists}!$E$2:$E$${CASE_STATUSES.length + 1}`],
    showErrorMessage: true,
    errorStyle: 'warning',
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
