import { type exportCamerasQuerySchema, type Locale, translate } from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { buildCsv, CSV_MIME } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadExcel } from '../../platform/documents.ts';
import { vnToday } from '../../platform/time.ts';
import { findCamerasInScope } from './camera.repository.ts';

/** The most cameras one export holds; `truncated` says when more matched. */
export const CAMERA_EXPORT_MAX_ROWS = 10_000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type CameraExportFormat = 'csv' | 'xlsx';
export type CameraExportFile = { bytes: Buffer; filename: string; mime: string; rows: number; truncated: boolean };

type Cell = string | number | Date | null;

/** A Vietnamese wall-clock day as a spreadsheet date (which has no zone). */
const vnDay = (d: Date | null) => (d ? new Date(`${vnToday(d)}T00:00:00Z`) : null);
/** A Vietnamese day written dd/mm/yyyy (for the CSV). */
const dayText = (d: Date | null) => (d ? vnToday(d).split('-').reverse().join('/') : null);

/**
 * The registry as .xlsx or .csv, with the list's filters: every camera in the reader's reach, its place, field of view,
 * what it covers, retention, state and the consent version; never the owner's name or contact. Audited with the format
 * and the number of rows.
 */
export async function exportCameras(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof exportCamerasQuerySchema>,
  format: CameraExportFormat,
  locale: Locale,
): Promise<CameraExportFile> {
  requirePermission(actor, 'camera.read');
  const t = (key: string) => translate(locale, `cameras.${key}`);
  const found = await withActor(deps.database.db, actor, async (tx) => {
    const { items } = await findCamerasInScope(tx, actor, q, undefined, CAMERA_EXPORT_MAX_ROWS + 1);
    const rows = items.slice(0, CAMERA_EXPORT_MAX_ROWS);
    await recordAudit(tx, {
      action: 'camera.export',
      actor: { userId: actor.userId, username: actor.username },
      wardId: actor.wardId,
      detail: { format, rows: rows.length, search: q.q ? true : undefined, status: q.status, unitId: q.unitId },
    });
    return { rows, truncated: items.length > CAMERA_EXPORT_MAX_ROWS };
  });
  const columns: { key: string; width: number; date?: boolean }[] = [
    { key: 'label', width: 32 },
    { key: 'address', width: 36 },
    { key: 'block', width: 20 },
    { key: 'kind', width: 18 },
    { key: 'lat', width: 11 },
    { key: 'lng', width: 11 },
    { key: 'direction', width: 10 },
    { key: 'angle', width: 10 },
    { key: 'range', width: 10 },
    { key: 'covers', width: 30 },
    { key: 'retentionDays', width: 10 },
    { key: 'working', width: 10 },
    { key: 'status', width: 14 },
    { key: 'consent', width: 12 },
    { key: 'registeredAt', width: 12, date: true },
    { key: 'withdrawnAt', width: 12, date: true },
  ];
  const rows: Cell[][] = found.rows.map((c) => [
    c.label,
    c.address,
    c.unitName ?? '',
    t(`kinds.${c.kind}`),
    c.lat,
    c.lng,
    c.direction,
    c.angle,
    c.rangeM,
    c.covers.map((k) => t(`covers.${k}`)).join('; '),
    c.retentionDays,
    c.working ? t('export.yes') : t('export.no'),
    t(`statuses.${c.status}`),
    c.consentVersion,
    format === 'xlsx' ? vnDay(c.createdAt) : dayText(c.createdAt),
    format === 'xlsx' ? vnDay(c.withdrawnAt) : dayText(c.withdrawnAt),
  ]);
  const header = columns.map((c) => t(`export.${c.key}`));
  const stamp = vnToday(deps.clock());
  const base = { rows: rows.length, truncated: found.truncated };
  if (format === 'csv')
    return {
      ...base,
      bytes: buildCsv(
        header,
        rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v))),
      ),
      filename: `camera-cong-dong-${stamp}.csv`,
      mime: CSV_MIME,
    };
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = deps.clock();
  const sheet = workbook.addWorksheet(t('export.sheet'));
  sheet.columns = columns.map((c, i) => ({ header: header[i], width: c.width, style: c.date ? { numFmt: 'dd/mm/yyyy' } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return { ...base, bytes: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `camera-cong-dong-${stamp}.xlsx`, mime: XLSX_MIME };
}
