import { type exportRoundsQuerySchema, type exportTeamsQuerySchema, type Locale, roundMinutes, translate, vnDayOf } from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadExcel } from '../../platform/documents.ts';
import { VN_OFFSET_MS, vnToday } from '../../platform/time.ts';
import { patrolContext } from './patrol.policy.ts';
import { findRoundsInScope, findTeamsInScope } from './patrol.repository.ts';
import { by } from './patrol.service.ts';

/** The most rows one export holds (the newest); `truncated` says when more matched. */
export const EXPORT_MAX_ROWS = 10_000;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv; charset=utf-8';
export type ExportFormat = 'xlsx' | 'csv';
export type ExportFile = { bytes: Buffer; filename: string; mime: string; rows: number; truncated: boolean };

type Cell = string | number | Date | null;
type Column = { header: string; width: number; date?: boolean; time?: boolean };

/** A CSV cell: quoted, and a text that a spreadsheet would run as a formula (= + - @) made plain text (security.md G24). */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A Vietnamese wall-clock time as a spreadsheet date (which has no zone). */
const vnClock = (d: Date) => new Date(d.getTime() + VN_OFFSET_MS);

async function render(format: ExportFormat, sheetName: string, columns: Column[], rows: Cell[][], created: Date): Promise<Buffer> {
  if (format === 'csv') {
    const lines = [columns.map((c) => csvCell(c.header)), ...rows.map((r) => r.map(csvCell))].map((l) => l.join(','));
    // A byte-order mark so that Excel reads the Vietnamese letters as UTF-8.
    return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = created;
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.date ? { numFmt: 'dd/mm/yyyy' } : c.time ? { numFmt: 'dd/mm/yyyy hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const asDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

/** The teams in reach as .xlsx or .csv (no contacts: names of leaders only), with the list's filters; audited. */
export async function exportTeams(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof exportTeamsQuerySchema>,
  format: ExportFormat,
  locale: Locale,
): Promise<ExportFile> {
  requirePermission(actor, 'patrol.read');
  const t = (key: string) => translate(locale, `patrols.exportTeams.${key}`);
  const today = vnToday(deps.clock());
  const found = await withActor(deps.database.db, actor, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const rows = await findTeamsInScope(
      tx,
      scope,
      { q: q.q, kind: q.kind, unitId: q.unitId, status: q.status, today },
      EXPORT_MAX_ROWS + 1,
    );
    await recordAudit(tx, {
      action: 'patrol.team_export',
      actor: by(actor),
      wardId: actor.wardId,
      detail: { rows: Math.min(rows.length, EXPORT_MAX_ROWS), format, filter: { kind: q.kind, unitId: q.unitId, status: q.status } },
    });
    return rows;
  });
  const teams = found.slice(0, EXPORT_MAX_ROWS);
  const columns: Column[] = [
    { header: t('name'), width: 40 },
    { header: t('kind'), width: 30 },
    { header: t('unit'), width: 24 },
    { header: t('area'), width: 36 },
    { header: t('establishedOn'), width: 14, date: true },
    { header: t('closedOn'), width: 14, date: true },
    { header: t('decisionRef'), width: 18 },
    { header: t('members'), width: 12 },
    { header: t('leader'), width: 24 },
  ];
  const rows = teams.map((x): Cell[] => [
    x.name,
    translate(locale, `patrols.teamKinds.${x.kind}`),
    x.unitName,
    x.area.map((a) => a.name).join(', '),
    format === 'csv' ? x.establishedOn : asDate(x.establishedOn),
    format === 'csv' ? x.closedOn : asDate(x.closedOn),
    x.decisionRef,
    x.memberCount,
    x.leader?.fullName ?? null,
  ]);
  return {
    bytes: await render(format, t('sheet'), columns, rows, deps.clock()),
    filename: `to-tuan-tra-${today}.${format}`,
    mime: format === 'csv' ? CSV_MIME : XLSX_MIME,
    rows: rows.length,
    truncated: found.length > EXPORT_MAX_ROWS,
  };
}

/** The patrol log in reach as .xlsx or .csv, oldest first, with the list's filters; counts only, no names; audited. */
export async function exportRounds(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof exportRoundsQuerySchema>,
  format: ExportFormat,
  locale: Locale,
): Promise<ExportFile> {
  requirePermission(actor, 'patrol.read');
  const t = (key: string) => translate(locale, `patrols.exportRounds.${key}`);
  const found = await withActor(deps.database.db, actor, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const rows = await findRoundsInScope(
      tx,
      scope,
      {
        teamId: q.teamId,
        routeId: q.routeId,
        from: q.from,
        to: q.to,
        hasIncidents: q.hasIncidents === undefined ? undefined : q.hasIncidents === 'true',
      },
      EXPORT_MAX_ROWS + 1,
    );
    await recordAudit(tx, {
      action: 'patrol.round_export',
      actor: by(actor),
      wardId: actor.wardId,
      detail: { rows: Math.min(rows.length, EXPORT_MAX_ROWS), format, filter: { teamId: q.teamId, from: q.from, to: q.to } },
    });
    return rows;
  });
  const rounds = found.slice(0, EXPORT_MAX_ROWS).reverse();
  const csv = format === 'csv';
  const columns: Column[] = [
    { header: t('day'), width: 12, date: true },
    { header: t('team'), width: 36 },
    { header: t('route'), width: 30 },
    { header: t('startedAt'), width: 18, time: true },
    { header: t('endedAt'), width: 18, time: true },
    { header: t('minutes'), width: 10 },
    { header: t('turns'), width: 10 },
    { header: t('officers'), width: 12 },
    { header: t('civilians'), width: 12 },
    { header: t('checkpoints'), width: 12 },
    { header: t('residenceChecks'), width: 12 },
    { header: t('incidents'), width: 10 },
    { header: t('handedToPolice'), width: 12 },
  ];
  const rows = rounds.map((r): Cell[] => [
    csv ? vnDayOf(r.startedAt) : asDate(vnDayOf(r.startedAt)),
    r.teamName,
    r.routeName,
    csv ? r.startedAt.toISOString() : vnClock(r.startedAt),
    csv ? r.endedAt.toISOString() : vnClock(r.endedAt),
    roundMinutes(r.startedAt, r.endedAt),
    r.officers + r.civilians,
    r.officers,
    r.civilians,
    r.checkpointsReached,
    r.residenceChecks,
    r.incidents,
    r.handedToPolice,
  ]);
  return {
    bytes: await render(format, t('sheet'), columns, rows, deps.clock()),
    filename: `nhat-ky-tuan-tra-${vnToday(deps.clock())}.${format}`,
    mime: csv ? CSV_MIME : XLSX_MIME,
    rows: rows.length,
    truncated: found.length > EXPORT_MAX_ROWS,
  };
}
