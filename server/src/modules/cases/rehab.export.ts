import {
  addDays,
  type ExportRehabDossiersQuery,
  isRehabCompileOverdue,
  missingRehabAttachments,
  type RehabAttachmentKind,
  type RehabDossierStatus,
  rehabCompileDeadline,
  translate,
} from '@binh-an/domain';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { buildCsv, CSV_MIME } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadExcel } from '../../platform/documents.ts';
import { vnToday } from '../../platform/time.ts';
import { loadWorkingDayPredicate } from '../calendar/index.ts';
import { findRehabAttachmentKinds, findRehabDossiersInScope } from './rehab.repository.ts';
import { auditedRehabFilter, rehabListFilter, rehabNumber } from './rehab.service.ts';

/** The most dossiers one export holds (as the case register's export). */
export const REHAB_EXPORT_MAX_ROWS = 10_000;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type RehabExportFormat = 'csv' | 'xlsx';
export type RehabExport = { bytes: Buffer; mime: string; filename: string; rows: number; truncated: boolean };

/** One dossier as a row of the file: text, numbers, and days as yyyy-mm-dd (written as real dates in Excel). */
type RowValues = {
  number: string;
  name: string;
  birthYear: number | null;
  address: string;
  unit: string;
  ground: string;
  foundOn: string;
  compileDueOn: string;
  overdue: string;
  status: string;
  compiledOn: string | null;
  sentToCourtOn: string | null;
  court: string;
  decisionNumber: string;
  decisionOn: string | null;
  outcome: string;
  carriedOutOn: string | null;
  missing: number;
};

/**
 * The columns of the file, in Vietnamese whatever the caller's language (like the case register's export: a ward's
 * file). No ID number, sealed or masked, and no note: the file leaves the protected register.
 */
const COLUMNS: readonly { key: keyof RowValues; header: string; width: number; kind?: 'date' | 'number' }[] = [
  { key: 'number', header: 'Số hồ sơ', width: 16 },
  { key: 'name', header: 'Họ và tên', width: 26 },
  { key: 'birthYear', header: 'Năm sinh', width: 10, kind: 'number' },
  { key: 'address', header: 'Nơi cư trú', width: 36 },
  { key: 'unit', header: 'Khối, phường', width: 24 },
  { key: 'ground', header: 'Căn cứ đề nghị', width: 48 },
  { key: 'foundOn', header: 'Ngày phát hiện', width: 14, kind: 'date' },
  { key: 'compileDueOn', header: 'Hạn lập hồ sơ', width: 14, kind: 'date' },
  { key: 'overdue', header: 'Quá hạn lập hồ sơ', width: 12 },
  { key: 'status', header: 'Trạng thái', width: 28 },
  { key: 'compiledOn', header: 'Ngày hoàn thiện', width: 14, kind: 'date' },
  { key: 'sentToCourtOn', header: 'Ngày gửi Tòa án', width: 14, kind: 'date' },
  { key: 'court', header: 'Tòa án', width: 32 },
  { key: 'decisionNumber', header: 'Số quyết định', width: 18 },
  { key: 'decisionOn', header: 'Ngày quyết định', width: 14, kind: 'date' },
  { key: 'outcome', header: 'Kết quả', width: 36 },
  { key: 'carriedOutOn', header: 'Ngày đưa vào cơ sở', width: 14, kind: 'date' },
  { key: 'missing', header: 'Tài liệu còn thiếu', width: 12, kind: 'number' },
];

const vi = (key: string) => translate('vi', key);

/** dd/mm/yyyy, as the ward reads a day (docs/ux §6). */
function dayText(day: string | null): string {
  return day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '';
}

function toCsv(values: readonly RowValues[]): Buffer {
  return buildCsv(
    COLUMNS.map((c) => c.header),
    values.map((v) =>
      COLUMNS.map((c) => {
        const value = v[c.key];
        return c.kind === 'date' ? dayText(value as string | null) : value;
      }),
    ),
  );
}

async function toXlsx(values: readonly RowValues[], created: Date): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = created;
  const sheet = workbook.addWorksheet('Hồ sơ cai nghiện', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style:
      c.kind === 'date'
        ? { numFmt: 'dd/mm/yyyy', alignment: { horizontal: 'center' as const, vertical: 'top' as const } }
        : c.kind === 'number'
          ? { numFmt: '0', alignment: { horizontal: 'right' as const, vertical: 'top' as const } }
          : { alignment: { vertical: 'top' as const, wrapText: true } },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const v of values) {
    sheet.addRow(
      Object.fromEntries(
        COLUMNS.map((c) => {
          const value = v[c.key];
          // Days are real dates (midnight UTC, the day itself whatever the reader's zone); empty cells stay empty.
          if (c.kind === 'date') return [c.key, value ? new Date(`${value}T00:00:00.000Z`) : null];
          return [c.key, value ?? null];
        }),
      ),
    );
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  // exceljs declares its own Buffer type; what it writes is a Node Buffer.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The rehab dossiers of the actor's scope matching the list's filters, in the list's order, as CSV or .xlsx: at most
 * 10 000, `truncated` saying when more matched. Needs the right to read the register, and the export is audited with
 * its filters (never the words searched) and its size, in the same transaction as the read.
 */
export async function exportRehabDossiers(
  deps: Deps,
  actor: Actor,
  q: ExportRehabDossiersQuery,
  format: RehabExportFormat,
): Promise<RehabExport> {
  requirePermission(actor, 'case.read');
  const today = vnToday(deps.clock());
  const { values, truncated } = await withActor(deps.database.db, actor, async (tx) => {
    const found = await findRehabDossiersInScope(tx, actor, rehabListFilter(q), REHAB_EXPORT_MAX_ROWS + 1);
    const dossiers = found.slice(0, REHAB_EXPORT_MAX_ROWS);
    const kinds = await findRehabAttachmentKinds(tx, dossiers);
    // One calendar read for the whole file: the compile limit of a dossier recorded without one is computed from it.
    const days = dossiers.map((d) => d.foundOn).sort();
    const isWorkingDay =
      days.length > 0 ? await loadWorkingDayPredicate(tx, days[0] as string, addDays(days[days.length - 1] as string, 40)) : () => true;
    await recordAudit(tx, {
      action: 'rehab.export',
      actor: { userId: actor.userId, username: actor.username },
      wardId: actor.wardId,
      entityType: 'rehab_dossier',
      detail: { format, rows: dossiers.length, truncated: found.length > REHAB_EXPORT_MAX_ROWS, filter: auditedRehabFilter(q) },
    });
    return {
      truncated: found.length > REHAB_EXPORT_MAX_ROWS,
      values: dossiers.map((d): RowValues => {
        const status = d.status as RehabDossierStatus;
        const dueOn = d.compileDueOn ?? rehabCompileDeadline(d.foundOn, isWorkingDay).dueOn;
        const filed = (kinds.get(d.id) ?? []) as RehabAttachmentKind[];
        const owesDocuments = status === 'opened' || status === 'documents_gathered';
        return {
          number: rehabNumber(d),
          name: d.fullName,
          birthYear: d.birthYear,
          address: d.address ?? '',
          unit: d.unitName,
          ground: d.ground ? vi(`cases.rehab.grounds.${d.ground}`) : '',
          foundOn: d.foundOn,
          compileDueOn: dueOn,
          overdue: isRehabCompileOverdue(status, dueOn, today) ? 'Quá hạn' : '',
          status: vi(`cases.rehab.statuses.${status}`),
          compiledOn: d.compiledOn,
          sentToCourtOn: d.sentOn,
          court: d.court ?? '',
          decisionNumber: d.decisionNumber ?? '',
          decisionOn: d.decisionOn,
          outcome: d.decision ? vi(`cases.rehab.outcomes.${d.decision}`) : '',
          carriedOutOn: d.carriedOutOn,
          missing: owesDocuments ? missingRehabAttachments(d.foundOn, filed).length : 0,
        };
      }),
    };
  });
  const stem = `ho-so-cai-nghien-${today}`;
  if (format === 'csv') return { bytes: toCsv(values), mime: CSV_MIME, filename: `${stem}.csv`, rows: values.length, truncated };
  return { bytes: await toXlsx(values, deps.clock()), mime: XLSX_MIME, filename: `${stem}.xlsx`, rows: values.length, truncated };
}
