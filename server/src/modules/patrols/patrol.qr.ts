import { checkpointQrPayload, type Locale, translate } from '@binh-an/domain';
import QRCode from 'qrcode';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { renderPdf } from '../../platform/documents.ts';
import { AppError } from '../../platform/errors.ts';
import { vnToday } from '../../platform/time.ts';
import { patrolContext } from './patrol.policy.ts';
import { type CheckpointRecord, findCheckpoints, findRouteInScope, type RouteRecord } from './patrol.repository.ts';
import { by } from './patrol.service.ts';

/** The route and its active checkpoints, for those who print the codes (patrol.manage); audited as a print. */
async function loadForPrint(deps: Deps, actor: Actor, routeId: string, detail: Record<string, unknown>) {
  requirePermission(actor, 'patrol.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const { scope } = await patrolContext(tx, actor);
    const route = await findRouteInScope(tx, scope, routeId);
    if (!route) throw new AppError('notFound');
    const checkpoints = await findCheckpoints(tx, route.wardId, [route.id]);
    await recordAudit(tx, {
      action: 'patrol.qr_sheet',
      actor: by(actor),
      wardId: route.wardId,
      entityType: 'patrol_route',
      entityId: route.id,
      detail,
    });
    return { route, checkpoints };
  });
}

/** One checkpoint's QR code as SVG or PNG (the text is `checkpointQrPayload`). */
export async function checkpointQr(
  deps: Deps,
  actor: Actor,
  routeId: string,
  checkpointId: string,
  format: 'svg' | 'png',
): Promise<{ bytes: Buffer; mime: string }> {
  const { checkpoints } = await loadForPrint(deps, actor, routeId, { checkpointId, format });
  const cp = checkpoints.find((c) => c.id === checkpointId);
  if (!cp) throw new AppError('notFound');
  const text = checkpointQrPayload(cp.id, cp.code);
  if (format === 'svg') {
    return {
      bytes: Buffer.from(await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })),
      mime: 'image/svg+xml',
    };
  }
  return { bytes: await QRCode.toBuffer(text, { type: 'png', margin: 2, width: 512, errorCorrectionLevel: 'M' }), mime: 'image/png' };
}

// pdfmake's bundled Roboto covers Vietnamese; read from node_modules at run time (as the tip reception record does).
function sheetDocument(route: RouteRecord, checkpoints: CheckpointRecord[], locale: Locale, day: string): object {
  const t = (key: string, vars: Record<string, string> = {}) => translate(locale, `patrols.qrSheet.${key}`, vars);
  const cells = checkpoints.map((c) => ({
    unbreakable: true,
    stack: [
      { qr: checkpointQrPayload(c.id, c.code), fit: 150, eccLevel: 'M', alignment: 'center', margin: [0, 6, 0, 6] },
      { text: t('checkpoint', { ordinal: String(c.ordinal), name: c.name.normalize('NFC') }), bold: true, alignment: 'center' },
      { text: [c.street, c.unitName].filter(Boolean).join(' · '), fontSize: 9, alignment: 'center', color: '#444444' },
    ],
    margin: [0, 0, 0, 18],
  }));
  const rows: object[][] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([cells[i] as object, (cells[i + 1] as object | undefined) ?? { text: '' }]);
  const [y, m, d] = day.split('-');
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    language: locale === 'vi' ? 'vi-VN' : 'en',
    info: { title: `${t('title')} — ${route.name}`, creator: 'Bình An', producer: 'Bình An' },
    defaultStyle: { font: 'Roboto', fontSize: 11 },
    content: [
      { text: t('title'), fontSize: 16, bold: true },
      { text: t('subtitle', { route: route.name.normalize('NFC') }), fontSize: 13, margin: [0, 4, 0, 0] },
      route.teamName ? { text: t('team', { team: route.teamName }), margin: [0, 2, 0, 0] } : { text: '' },
      { text: t('instruction'), italics: true, fontSize: 10, margin: [0, 8, 0, 14] },
      { table: { widths: ['*', '*'], body: rows.length ? rows : [[{ text: '' }, { text: '' }]] }, layout: 'noBorders' },
      { text: t('printed', { date: `${d}/${m}/${y}` }), fontSize: 8, color: '#666666', margin: [0, 10, 0, 0] },
    ],
  };
}

/** A printable A4 sheet of a route's checkpoint QR codes, two to a row, each named. */
export async function qrSheetPdf(deps: Deps, actor: Actor, routeId: string, locale: Locale): Promise<{ bytes: Buffer; filename: string }> {
  const { route, checkpoints } = await loadForPrint(deps, actor, routeId, { sheet: true, checkpoints: undefined });
  const bytes: Buffer = await renderPdf(sheetDocument(route, checkpoints, locale, vnToday(deps.clock())));
  return { bytes, filename: `ma-qr-tuyen-${route.id.slice(0, 8)}.pdf` };
}
