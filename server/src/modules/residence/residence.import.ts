import { randomUUID } from 'node:crypto';
import {
  cccdError,
  foldVietnamese,
  type Locale,
  type NotificationView,
  normaliseCccd,
  PLACE_KINDS,
  type PlaceKind,
  RESIDENT_KINDS,
  type ResidentKind,
  type ResidentView,
  residenceEn,
  residenceVi,
  translate,
} from '@binh-an/domain';
import type ExcelJS from 'exceljs';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { keyedHash, seal } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadExcel } from '../../platform/documents.ts';
import { AppError } from '../../platform/errors.ts';
import { vnToday } from '../../platform/time.ts';
import { findWardUnitChoices, type UnitChoice } from '../units/index.ts';
import { findPersonByImportKey, findPlaceByImportKey, insertPerson, insertPlace } from './residence.repository.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
export const PLACES_SHEET = 'Cơ sở lưu trú';
export const RESIDENTS_SHEET = 'Tạm trú, tạm vắng';

const PLACE_COLUMNS = ['block', 'kind', 'name', 'address', 'owner', 'manager', 'phone', 'capacity', 'commitment'] as const;
const RESIDENT_COLUMNS = ['name', 'birthDate', 'idNumber', 'kind', 'block', 'place', 'address', 'fromOn', 'untilOn'] as const;
const HEADERS: Record<string, string> = {
  block: 'Khối',
  kind: 'Loại',
  name: 'Tên',
  address: 'Địa chỉ',
  owner: 'Chủ cơ sở',
  manager: 'Người quản lý',
  phone: 'Điện thoại',
  capacity: 'Sức chứa',
  commitment: 'Ngày ký cam kết',
  birthDate: 'Ngày sinh',
  idNumber: 'Số định danh',
  place: 'Cơ sở lưu trú',
  fromOn: 'Từ ngày',
  untilOn: 'Đến ngày',
};
const RESIDENT_HEADERS: Record<string, string> = { ...HEADERS, name: 'Họ và tên' };
const PLACE_HEADERS: Record<string, string> = { ...HEADERS, name: 'Tên cơ sở', kind: 'Loại hình' };

export type ImportRow = {
  sheet: 'places' | 'residents';
  line: number;
  label: string;
  errors: { column: string; message: string }[];
  duplicate: boolean;
};
export type ImportPreview = { rows: ImportRow[]; totals: { rows: number; ok: number; errors: number; duplicates: number } };

type Cell = ExcelJS.CellValue | undefined;

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as Cell);
    return '';
  }
  return String(v).normalize('NFC').trim();
}

/** A day from a date cell or from text written d/m/yyyy or yyyy-mm-dd; 'invalid' for anything else. */
function cellDay(v: Cell): string | null | 'invalid' {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString().slice(0, 10);
  const t = cellText(v);
  if (!t) return null;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : null;
  if (!parts) return 'invalid';
  const day = `${parts[0]}-${String(parts[1]).padStart(2, '0')}-${String(parts[2]).padStart(2, '0')}`;
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day ? day : 'invalid';
}

function labelIndex<C extends string>(codes: readonly C[], ...catalogues: Record<string, string>[]): Map<string, C> {
  const map = new Map<string, C>();
  for (const code of codes) {
    map.set(foldVietnamese(code), code);
    for (const c of catalogues) if (c[code]) map.set(foldVietnamese(c[code] as string), code);
  }
  return map;
}
const placeKinds = labelIndex(PLACE_KINDS, residenceVi.placeKinds, residenceEn.placeKinds);
const residentKinds = labelIndex(RESIDENT_KINDS, residenceVi.residentKinds, residenceEn.residentKinds);

function headerMap(sheet: ExcelJS.Worksheet, headers: Record<string, string>, columns: readonly string[]) {
  const found = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = foldVietnamese(cellText(cell.value));
    for (const c of columns) if (foldVietnamese(headers[c] as string) === text) found.set(c, col);
  });
  return found;
}

type PlacePlan = { line: number; key: string; values: Parameters<typeof insertPlace>[1] };
type PersonPlan = { line: number; key: string; values: Parameters<typeof insertPerson>[1] };
type Plan = { rows: ImportRow[]; places: PlacePlan[]; people: PersonPlan[] };

async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new AppError('importFile');
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('importFile');
  }
  return workbook;
}

function wardOf(actor: Actor): string {
  if (!actor.wardId) throw new AppError('forbidden');
  return actor.wardId;
}

async function plan(deps: Deps, tx: Tx, actor: Actor, workbook: ExcelJS.Workbook, locale: Locale): Promise<Plan> {
  const wardId = wardOf(actor);
  const today = vnToday(deps.clock());
  const { units: choices } = await findWardUnitChoices(tx, wardId, today);
  // Blocks in force first, so that a name shared with a closed predecessor block means the one in force.
  const units = new Map<string, UnitChoice>();
  for (const u of [...choices].sort((a, b) => Number(b.inForce) - Number(a.inForce)))
    if (!units.has(foldVietnamese(u.name))) units.set(foldVietnamese(u.name), u);
  const unitOf = (text: string) => units.get(foldVietnamese(text)) ?? units.get(foldVietnamese(`Khối ${text}`)) ?? null;
  const msg = (key: string) => translate(locale, key);
  const out: Plan = { rows: [], places: [], people: [] };
  const placesSheet = workbook.getWorksheet(PLACES_SHEET);
  const peopleSheet = workbook.getWorksheet(RESIDENTS_SHEET);
  if (!placesSheet && !peopleSheet) throw new AppError('importHeaders');
  const placeNames = new Map<string, string>();
  const seen = new Set<string>();

  if (placesSheet) {
    const cols = headerMap(placesSheet, PLACE_HEADERS, PLACE_COLUMNS);
    if (!cols.has('name') || !cols.has('address') || !cols.has('owner')) throw new AppError('importHeaders');
    for (let line = 2; line <= Math.min(placesSheet.rowCount, IMPORT_MAX_ROWS + 1); line++) {
      const row = placesSheet.getRow(line);
      const get = (c: string) => (cols.has(c) ? row.getCell(cols.get(c) as number).value : undefined);
      const name = cellText(get('name'));
      const address = cellText(get('address'));
      if (!name && !address && !cellText(get('owner'))) continue;
      const errors: ImportRow['errors'] = [];
      if (!name) errors.push({ column: 'name', message: msg('validation.required') });
      if (!address) errors.push({ column: 'address', message: msg('validation.required') });
      const owner = cellText(get('owner'));
      if (!owner) errors.push({ column: 'owner', message: msg('validation.required') });
      const unit = cellText(get('block')) ? unitOf(cellText(get('block'))) : null;
      if (cellText(get('block')) && !unit) errors.push({ column: 'block', message: msg('validation.invalid') });
      const kindText = cellText(get('kind'));
      const kind = kindText ? placeKinds.get(foldVietnamese(kindText)) : 'boarding_house';
      if (!kind) errors.push({ column: 'kind', message: msg('validation.invalid') });
      const capText = cellText(get('capacity'));
      const capacity = capText ? Number(capText) : null;
      if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0))
        errors.push({ column: 'capacity', message: msg('validation.invalid') });
      const commitment = cellDay(get('commitment'));
      if (commitment === 'invalid') errors.push({ column: 'commitment', message: msg('validation.date') });
      const key = keyedHash(deps.key, `${wardId}|${foldVietnamese(name)}|${foldVietnamese(address)}`, 'residence-import');
      const duplicate = seen.has(key) || (await findPlaceByImportKey(tx, wardId, key)) !== null;
      seen.add(key);
      out.rows.push({ sheet: 'places', line, label: name || address, errors, duplicate });
      placeNames.set(foldVietnamese(name), key);
      if (errors.length || duplicate) continue;
      out.places.push({
        line,
        key,
        values: {
          wardId,
          id: randomUUID(),
          unitId: unit?.id ?? wardId,
          kind: kind as PlaceKind,
          name,
          address,
          ownerName: owner,
          managerName: cellText(get('manager')) || null,
          phone: cellText(get('phone')).replace(/[\s.\-()]/g, '') || null,
          capacity,
          commitmentSignedOn: commitment as string | null,
          conditionsMet: Boolean(commitment),
          importKey: key,
        },
      });
    }
  }

  if (peopleSheet) {
    const cols = headerMap(peopleSheet, RESIDENT_HEADERS, RESIDENT_COLUMNS);
    if (!cols.has('name') || !cols.has('fromOn')) throw new AppError('importHeaders');
    for (let line = 2; line <= Math.min(peopleSheet.rowCount, IMPORT_MAX_ROWS + 1); line++) {
      const row = peopleSheet.getRow(line);
      const get = (c: string) => (cols.has(c) ? row.getCell(cols.get(c) as number).value : undefined);
      const name = cellText(get('name'));
      if (!name && !cellText(get('fromOn')) && !cellText(get('idNumber'))) continue;
      const errors: ImportRow['errors'] = [];
      if (!name) errors.push({ column: 'name', message: msg('validation.required') });
      const birth = cellDay(get('birthDate'));
      if (birth === 'invalid') errors.push({ column: 'birthDate', message: msg('validation.date') });
      const idText = cellText(get('idNumber'));
      const idNumber = idText ? normaliseCccd(idText) : null;
      if (idNumber) {
        const e = cccdError(idNumber, { todayYear: Number(today.slice(0, 4)), birthDate: birth === 'invalid' ? null : birth });
        if (e) errors.push({ column: 'idNumber', message: msg(e) });
      }
      const kindText = cellText(get('kind'));
      const kind = kindText ? residentKinds.get(foldVietnamese(kindText)) : 'temporary_residence';
      if (!kind) errors.push({ column: 'kind', message: msg('validation.invalid') });
      const from = cellDay(get('fromOn'));
      if (!from || from === 'invalid') errors.push({ column: 'fromOn', message: msg(from ? 'validation.date' : 'validation.required') });
      const until = cellDay(get('untilOn'));
      if (until === 'invalid') errors.push({ column: 'untilOn', message: msg('validation.date') });
      if (from && from !== 'invalid' && until && until !== 'invalid' && until < from)
        errors.push({ column: 'untilOn', message: msg('residence.untilBeforeFrom') });
      const unit = cellText(get('block')) ? unitOf(cellText(get('block'))) : null;
      if (cellText(get('block')) && !unit) errors.push({ column: 'block', message: msg('validation.invalid') });
      const key = keyedHash(deps.key, `${wardId}|${foldVietnamese(name)}|${idNumber ?? ''}|${kind}|${from}`, 'residence-import');
      const duplicate = seen.has(key) || (await findPersonByImportKey(tx, wardId, key)) !== null;
      seen.add(key);
      out.rows.push({ sheet: 'residents', line, label: name, errors, duplicate });
      if (errors.length || duplicate) continue;
      const placeKey = placeNames.get(foldVietnamese(cellText(get('place'))));
      const placeId = placeKey
        ? (out.places.find((p) => p.key === placeKey)?.values.id ?? (await findPlaceByImportKey(tx, wardId, placeKey)))
        : null;
      out.people.push({
        line,
        key,
        values: {
          wardId,
          id: randomUUID(),
          unitId: unit?.id ?? wardId,
          placeId: placeId ?? null,
          kind: kind as ResidentKind,
          source: 'import',
          fullName: name,
          birthDate: birth as string | null,
          idNumberEnc: idNumber ? seal(deps.key, idNumber, 'residence-id-number') : null,
          idNumberHash: idNumber ? keyedHash(deps.key, idNumber, 'residence-id-number') : null,
          address: cellText(get('address')) || null,
          fromOn: from as string,
          untilOn: (until as string | null) ?? null,
          importKey: key,
        },
      });
    }
  }
  return out;
}

function totalsOf(rows: ImportRow[]) {
  return {
    rows: rows.length,
    ok: rows.filter((r) => !r.errors.length && !r.duplicate).length,
    errors: rows.filter((r) => r.errors.length).length,
    duplicates: rows.filter((r) => !r.errors.length && r.duplicate).length,
  };
}

/** Each row of the file with its problems, and whether it is already in (it will be skipped); nothing is written. */
export async function previewResidenceImport(deps: Deps, actor: Actor, bytes: Buffer, locale: Locale): Promise<ImportPreview> {
  requirePermission(actor, 'residence.manage');
  const workbook = await openWorkbook(bytes);
  return withActor(deps.database.db, actor, async (tx) => {
    const p = await plan(deps, tx, actor, workbook, locale);
    return { rows: p.rows, totals: totalsOf(p.rows) };
  });
}

export type ImportProgress = { start?: (total: number) => void; progress?: (done: number, total: number) => void };

/**
 * Imports the places and residents of a workbook: every row or none (a row with a problem refuses the whole file, 422
 * importRows); rows already imported (same keyed import key) are skipped, so the same file imported twice adds nothing.
 */
export async function importResidence(deps: Deps, actor: Actor, bytes: Buffer, locale: Locale, report: ImportProgress = {}) {
  requirePermission(actor, 'residence.manage');
  const workbook = await openWorkbook(bytes);
  return withActor(deps.database.db, actor, async (tx) => {
    const p = await plan(deps, tx, actor, workbook, locale);
    const bad = p.rows.filter((r) => r.errors.length);
    if (bad.length)
      throw new AppError(
        'importRows',
        bad.slice(0, 50).flatMap((r) => r.errors.map((e) => ({ path: `${r.sheet}.${r.line}.${e.column}`, message: e.message }))),
      );
    const total = p.places.length + p.people.length;
    report.start?.(total);
    let done = 0;
    for (const place of p.places) {
      await insertPlace(tx, place.values);
      if (++done % 50 === 0) report.progress?.(done, total);
    }
    for (const person of p.people) {
      await insertPerson(tx, person.values);
      if (++done % 50 === 0) report.progress?.(done, total);
    }
    report.progress?.(done, total);
    const skipped = p.rows.filter((r) => r.duplicate).length;
    await recordAudit(tx, {
      action: 'residence.import',
      actor: { userId: actor.userId, username: actor.username },
      wardId: actor.wardId,
      detail: { places: p.places.length, residents: p.people.length, skippedDuplicates: skipped },
    });
    return { places: p.places.length, residents: p.people.length, skippedDuplicates: skipped };
  });
}

/** The template: both sheets with their headers and one example row each. */
export async function residenceImportTemplate(): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const places = workbook.addWorksheet(PLACES_SHEET);
  places.addRow(PLACE_COLUMNS.map((c) => PLACE_HEADERS[c]));
  places.addRow(['Khối Trung Mỹ', 'Nhà trọ', 'Nhà trọ Hoa Mai', '12 ngõ 5 Lê Mao', 'Nguyễn Thị Mai', '', '0912 345 678', 20, '15/01/2026']);
  const people = workbook.addWorksheet(RESIDENTS_SHEET);
  people.addRow(RESIDENT_COLUMNS.map((c) => RESIDENT_HEADERS[c]));
  people.addRow([
    'Trần Văn Nam',
    '20/05/2004',
    '040204012345',
    'Tạm trú',
    'Khối Trung Mỹ',
    'Nhà trọ Hoa Mai',
    '12 ngõ 5 Lê Mao',
    '01/09/2026',
    '31/08/2027',
  ]);
  for (const sheet of [places, people]) {
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c) => {
      c.width = 20;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The places of the actor's scope as .xlsx, in the import template's columns (no people, so no ID numbers); audited. */
export async function exportPlaces(
  deps: Deps,
  actor: Actor,
  rows: {
    unitName: string;
    kind: string;
    name: string;
    address: string;
    ownerName: string;
    managerName: string | null;
    phone: string | null;
    capacity: number | null;
    commitmentSignedOn: string | null;
  }[],
) {
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = deps.clock();
  const sheet = workbook.addWorksheet(PLACES_SHEET);
  sheet.addRow(PLACE_COLUMNS.map((c) => PLACE_HEADERS[c]));
  sheet.getRow(1).font = { bold: true };
  for (const p of rows) {
    const cells = [
      p.unitName,
      residenceVi.placeKinds[p.kind as PlaceKind] ?? p.kind,
      p.name,
      p.address,
      p.ownerName,
      p.managerName ?? '',
      p.phone ?? '',
      p.capacity ?? '',
      p.commitmentSignedOn ? p.commitmentSignedOn.split('-').reverse().join('/') : '',
    ];
    // A cell beginning with = + - @ would be read as a formula by a spreadsheet: it is written as text with a quote.
    sheet.addRow(cells.map((c) => (typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : c)));
  }
  sheet.columns.forEach((c) => {
    c.width = 22;
  });
  await withActor(deps.database.db, actor, (tx) =>
    recordAudit(tx, {
      action: 'residence.export',
      actor: { userId: actor.userId, username: actor.username },
      wardId: actor.wardId,
      detail: { rows: rows.length },
    }),
  );
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `co-so-luu-tru-${vnToday(deps.clock())}.xlsx` };
}

/** The most rows one export writes (ux.md: exports; the list views behind them are already masked per reader). */
export const EXPORT_MAX_ROWS = 10_000;
const DATE_FORMAT = 'dd/mm/yyyy';
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

/** A day (yyyy-mm-dd) as a real Excel date; an instant as a Vietnam wall-clock date and time. */
const excelDay = (day: string | null) => (day ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : null);
const excelInstant = (at: string) => new Date(Date.parse(at) + 7 * 3_600_000);
const safeText = (c: unknown) => (typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : c);

type Column = { header: string; width: number; format?: string };

async function writeSheet(
  deps: Deps,
  actor: Actor,
  o: { sheet: string; columns: Column[]; rows: unknown[][]; what: string; filename: string },
) {
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = deps.clock();
  const sheet = workbook.addWorksheet(o.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = o.columns.map((c) => ({ header: c.header, width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of o.rows) sheet.addRow(row.map((c) => (c === null || c === undefined ? '' : safeText(c))));
  await withActor(deps.database.db, actor, (tx) =>
    recordAudit(tx, {
      action: 'residence.export',
      actor: { userId: actor.userId, username: actor.username },
      wardId: actor.wardId,
      detail: { what: o.what, rows: o.rows.length },
    }),
  );
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `${o.filename}-${vnToday(deps.clock())}.xlsx` };
}

/** Stay notifications as the reader's list shows them (names and ID numbers masked per role): one row per guest. */
export async function exportNotifications(deps: Deps, actor: Actor, rows: NotificationView[]) {
  const v = residenceVi;
  const lines = rows.flatMap((n) =>
    (n.guests.length ? n.guests : [null]).map((g) => [
      n.reference,
      excelInstant(n.arrivalAt),
      excelInstant(n.receivedAt),
      excelInstant(n.dueAt),
      n.onTime ? v.onTime : v.late,
      v.channels[n.channel] ?? n.channel,
      n.unitName,
      n.placeName ?? '',
      n.address,
      n.hostName,
      g?.name ?? '',
      g?.birthDate ? excelDay(g.birthDate) : (g?.birthYear ?? ''),
      g?.idNumberMasked ?? '',
      excelDay(n.departureOn),
    ]),
  );
  return writeSheet(deps, actor, {
    sheet: 'Thông báo lưu trú',
    what: 'notifications',
    filename: 'thong-bao-luu-tru',
    rows: lines,
    columns: [
      { header: 'Mã hồ sơ', width: 14 },
      { header: 'Giờ đến', width: 18, format: DATE_TIME_FORMAT },
      { header: 'Nhận lúc', width: 18, format: DATE_TIME_FORMAT },
      { header: 'Hạn thông báo', width: 18, format: DATE_TIME_FORMAT },
      { header: 'Đúng hạn', width: 10 },
      { header: 'Kênh', width: 18 },
      { header: 'Khối', width: 18 },
      { header: 'Cơ sở lưu trú', width: 22 },
      { header: 'Địa chỉ', width: 28 },
      { header: 'Người thông báo', width: 22 },
      { header: 'Người lưu trú', width: 22 },
      { header: 'Ngày sinh (năm sinh)', width: 14, format: DATE_FORMAT },
      { header: 'Số định danh', width: 16 },
      { header: 'Ngày dự kiến đi', width: 14, format: DATE_FORMAT },
    ],
  });
}

/** Temporary residents and absences as the reader's list shows them (masked per role). */
export async function exportResidents(deps: Deps, actor: Actor, rows: ResidentView[]) {
  const v = residenceVi;
  return writeSheet(deps, actor, {
    sheet: 'Tạm trú, tạm vắng',
    what: 'residents',
    filename: 'tam-tru-tam-vang',
    rows: rows.map((r) => [
      r.name,
      r.birthDate ? excelDay(r.birthDate) : (r.birthYear ?? ''),
      r.idNumberMasked ?? '',
      v.residentKinds[r.kind] ?? r.kind,
      r.unitName,
      r.placeName ?? '',
      r.address ?? '',
      excelDay(r.fromOn),
      excelDay(r.untilOn),
      v.stayStates[r.state] ?? r.state,
      v.residentSources[r.source] ?? r.source,
    ]),
    columns: [
      { header: 'Họ và tên', width: 24 },
      { header: 'Ngày sinh (năm sinh)', width: 14, format: DATE_FORMAT },
      { header: 'Số định danh', width: 16 },
      { header: 'Loại', width: 12 },
      { header: 'Khối', width: 18 },
      { header: 'Cơ sở lưu trú', width: 22 },
      { header: 'Địa chỉ', width: 28 },
      { header: 'Từ ngày', width: 12, format: DATE_FORMAT },
      { header: 'Đến ngày', width: 12, format: DATE_FORMAT },
      { header: 'Tình trạng', width: 14 },
      { header: 'Nguồn', width: 18 },
    ],
  });
}
