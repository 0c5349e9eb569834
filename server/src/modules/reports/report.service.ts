import { randomUUID } from 'node:crypto';
import {
  buildPeriodicReport,
  isBackgroundReport,
  type Locale,
  type PeriodicReport,
  type PeriodicReportQuery,
  periodDays,
  placeOf,
  previousYearPeriod,
  type ReportDocumentFormat,
  type ReportFigures,
  type ReportJob,
  reportLinks,
} from '@binh-an/domain';
import { type Actor, can, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { vnToday } from '../../platform/time.ts';
import { buildActor } from '../auth/index.ts';
import { listCases, listRehabDossiers, summaryFigures } from '../cases/index.ts';
import { countTipFigures } from '../figures/index.ts';
import { findTipsForReport } from '../tips/index.ts';
import { findSubtreeIds, findUnitByCodeInScope, type UnitRecord } from '../units/index.ts';
import { findCredentialsById } from '../users/index.ts';
import { renderReportDocx } from './report.docx.ts';
import { MIME, reportFileName } from './report.layout.ts';
import { renderReportPdf } from './report.pdf.ts';
import {
  claimReportJob,
  countWards,
  findAncestors,
  findOwnReportJob,
  findReportJobForWorker,
  findUnitNames,
  finishReportJob,
  insertReportJob,
  setReportJobProgress,
} from './report.repository.ts';
import type { ReportJobRow } from './report.table.ts';
import { type ReportLists, renderReportXlsx } from './report.xlsx.ts';

/** The name of the queue the documents are written in. */
export const RENDER_REPORT_JOB = 'reports.render';
/** How long a document written in the background waits for its download. */
const JOB_KEEP_MS = 24 * 3_600_000;
/** The most rows a list of the workbook holds. */
export const REPORT_LIST_MAX_ROWS = 10_000;
const POLICE_TYPES = ['province', 'district', 'ward', 'commune', 'special_zone'];
const WARD_TYPES = ['ward', 'commune', 'special_zone'];

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });

export type ReportFile = { bytes: Buffer; mime: string; name: string };
export type PeriodicReportResult =
  | { kind: 'report'; report: PeriodicReport }
  | { kind: 'file'; file: ReportFile }
  | { kind: 'job'; job: ReportJob };

type Scope = {
  unit: UnitRecord;
  unitIds: string[];
  wards: number;
  wardName: string | null;
  parentName: string | null;
  place: string;
};

/** The unit a report is about, within the actor's reach (404 otherwise, as for a missing one), and its surroundings. */
async function resolveScope(deps: Deps, actor: Actor, unitKey: string): Promise<Scope> {
  const today = vnToday(deps.clock());
  const found = await withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitByCodeInScope(tx, actor, unitKey, today);
    if (!unit) return null;
    const unitIds = await findSubtreeIds(tx, unit.id);
    return { unit, unitIds, wards: await countWards(tx, unitIds) };
  });
  if (!found) throw new AppError('notFound');
  const ancestors = await findAncestors(deps.database.db, found.unit.id);
  const ward = WARD_TYPES.includes(found.unit.type) ? null : (ancestors.find((a) => WARD_TYPES.includes(a.type)) ?? null);
  // The heading names the police above the one that reports: above the unit itself, or above its ward.
  const reporting = POLICE_TYPES.includes(found.unit.type) ? found.unit.id : ward?.id;
  const above = reporting === found.unit.id ? ancestors[0] : ancestors[ancestors.findIndex((a) => a.id === reporting) + 1];
  const city = [found.unit, ...ancestors].find((a) => a.type === 'district' || a.type === 'province');
  return {
    ...found,
    wardName: ward?.name ?? null,
    parentName: above && POLICE_TYPES.includes(above.type) ? above.name : null,
    place: placeOf(city?.name ?? found.unit.name),
  };
}

function asFigures(summary: Figures, details: { byChannel: Record<string, number>; byOutcome: Record<string, number> }): ReportFigures {
  return {
    cases: summary.cases,
    seizures: summary.seizures,
    rehab: summary.rehab,
    tips: { ...summary.tips, byChannel: details.byChannel, byOutcome: details.byOutcome },
    patrols: summary.patrols,
    residence: summary.residence,
    mediation: summary.mediation,
    certification: summary.certification,
    cameras: summary.cameras,
    outreach: summary.outreach,
  };
}

type Composed = { report: PeriodicReport; scope: Scope };
type Figures = Awaited<ReturnType<typeof summaryFigures>>;

/**
 * The figures of a unit over a period and over the same period a year before, in the reader's transaction: the summary's
 * figures with the tips' channels and outcomes, each counted in the database. Unaudited: the caller audits its read.
 */
export async function periodFigures(
  deps: Deps,
  actor: Actor,
  tx: Tx,
  unitId: string,
  unitIds: readonly string[],
  period: { from: string; to: string },
  withTipDetails = true,
): Promise<{ current: ReportFigures; before: ReportFigures }> {
  const previous = previousYearPeriod(period);
  const figuresOf = async (p: { from: string; to: string }) => {
    const summary = await summaryFigures(deps, actor, unitId, p.from, p.to, tx);
    // The tips' channels and outcomes, for the report's table (the dashboard's headline shows none).
    const tips = withTipDetails ? await countTipFigures(tx, unitIds, p.from, p.to) : { byChannel: {}, byOutcome: {} };
    return asFigures(summary, tips);
  };
  return { current: await figuresOf(period), before: await figuresOf(previous) };
}

/** The report's wording of some figures: the sections, sentences and links a reader gets, for the unit and period. */
export function writeReport(
  actor: Actor,
  scope: Pick<Scope, 'unit' | 'wardName' | 'parentName' | 'place'>,
  q: { from: string; to: string; lang: Locale },
  compiledOn: string,
  figures: { current: ReportFigures; before: ReportFigures },
): PeriodicReport {
  const period = { from: q.from, to: q.to };
  const isBelowWard = !POLICE_TYPES.includes(scope.unit.type);
  return buildPeriodicReport(
    {
      lang: q.lang,
      unit: { id: scope.unit.id, code: scope.unit.code, name: scope.unit.name, type: scope.unit.type },
      wardName: scope.wardName,
      parentName: scope.parentName,
      place: scope.place,
      compiledOn,
      period,
      // Readers who may not open the records (viewers, administrators) get small counts about people hidden.
      suppress: !can(actor, 'case.read'),
      links: reportLinks(
        period,
        {
          cases: can(actor, 'case.read'),
          tips: can(actor, 'tip.read'),
          patrols: can(actor, 'patrol.read'),
          residence: can(actor, 'residence.read'),
          mediation: can(actor, 'mediation.read'),
          certification: can(actor, 'certification.read'),
          cameras: can(actor, 'camera.request'),
          outreach: can(actor, 'outreach.read'),
        },
        isBelowWard ? scope.unit.id : undefined,
        '/app/patrols/rounds',
      ),
    },
    figures.current,
    figures.before,
  );
}

/**
 * Writes the report of a unit over a period from the summary figures of the period and of the same period a year
 * before, with the tips' channels and outcomes; read in one transaction and audited as one read of figures.
 */
async function composeReport(
  deps: Deps,
  actor: Actor,
  scope: Scope,
  q: { from: string; to: string; lang: Locale; format: string; jobId?: string },
  progress: (p: number) => Promise<void> = async () => undefined,
): Promise<Composed> {
  const period = { from: q.from, to: q.to };
  const figures = await withActor(deps.database.db, actor, async (tx) => {
    const read = await periodFigures(deps, actor, tx, scope.unit.id, scope.unitIds, period);
    await recordAudit(tx, {
      action: 'report.periodic',
      actor: by(actor),
      wardId: scope.unit.wardId,
      entityType: 'unit',
      entityId: scope.unit.id,
      detail: { from: period.from, to: period.to, format: q.format, lang: q.lang, ...(q.jobId ? { jobId: q.jobId } : {}) },
    });
    return read;
  });
  await progress(55);
  return { report: writeReport(actor, scope, q, vnToday(deps.clock()), figures), scope };
}

/** Every page of a paged list, up to the workbook's limit. */
async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const res = await page(cursor);
    out.push(...res.items);
    cursor = res.nextCursor ?? undefined;
  } while (cursor && out.length < REPORT_LIST_MAX_ROWS);
  return out.slice(0, REPORT_LIST_MAX_ROWS);
}

/** The lists behind the figures, as far as the actor may read them: numbers, days, areas and states, never names. */
async function collectLists(deps: Deps, actor: Actor, composed: Composed): Promise<ReportLists> {
  const { scope, report } = composed;
  const { from, to } = report.period;
  const inUnit = new Set(scope.unitIds);
  const names = await withActor(deps.database.db, actor, (tx) => findUnitNames(tx, scope.unitIds));
  const lists: ReportLists = {};
  if (can(actor, 'case.read')) {
    const cases = await allPages((cursor) => listCases(deps, actor, { from, to, sort: 'discovered', dir: 'asc', limit: 200, cursor }));
    lists.cases = cases
      .filter((c) => inUnit.has(c.unitId))
      .map((c) => ({
        number: c.number,
        discoveredOn: c.discoveredOn,
        unitName: c.unitName,
        group: c.group,
        type: c.type,
        status: c.status,
        clearedOn: c.clearedOn,
        href: `/app/cases/${c.id}`,
      }));
    const dossiers = await allPages((cursor) =>
      listRehabDossiers(deps, actor, { from, to, sort: 'found', dir: 'asc', limit: 200, cursor }),
    );
    lists.rehab = dossiers
      .filter((d) => inUnit.has(d.unitId))
      .map((d) => ({
        number: d.number,
        foundOn: d.foundOn,
        unitName: names.get(d.unitId) ?? '',
        status: d.status,
        href: `/app/rehab/${d.id}`,
      }));
  }
  if (can(actor, 'tip.read')) {
    const tips = await withActor(deps.database.db, actor, (tx) => findTipsForReport(tx, scope.unitIds, from, to, REPORT_LIST_MAX_ROWS));
    lists.tips = tips.map((t) => ({ ...t, unitName: names.get(t.unitId) ?? '', href: `/app/tips/${t.id}` }));
  }
  return lists;
}

async function renderDocument(
  deps: Deps,
  actor: Actor,
  composed: Composed,
  format: ReportDocumentFormat,
  origin: string,
  progress: (p: number) => Promise<void> = async () => undefined,
): Promise<ReportFile> {
  const { report } = composed;
  let bytes: Buffer;
  if (format === 'pdf') bytes = await renderReportPdf(report, origin);
  else if (format === 'docx') bytes = await renderReportDocx(report, origin);
  else {
    const lists = await collectLists(deps, actor, composed);
    await progress(80);
    bytes = await renderReportXlsx(report, lists, origin, deps.clock());
  }
  return { bytes, mime: MIME[format], name: reportFileName(report, format) };
}

/**
 * `GET /api/v1/reports/periodic`: the periodic report of a unit over a period — on screen (JSON), or as a PDF, Word or
 * Excel document. A document over many wards and days is written by a background job: the answer is then the job,
 * to follow at `GET /api/v1/reports/jobs/:id` and download when done.
 */
export async function periodicReport(deps: Deps, actor: Actor, q: PeriodicReportQuery, origin: string): Promise<PeriodicReportResult> {
  requirePermission(actor, 'report.read');
  const format = q.format ?? 'json';
  const lang = q.lang ?? actor.locale;
  const scope = await resolveScope(deps, actor, q.unit);
  if (format !== 'json' && isBackgroundReport(scope.wards, periodDays(q))) {
    return { kind: 'job', job: await startReportJob(deps, actor, scope, { unit: q.unit, from: q.from, to: q.to, format, lang, origin }) };
  }
  const composed = await composeReport(deps, actor, scope, { from: q.from, to: q.to, lang, format });
  if (format === 'json') return { kind: 'report', report: composed.report };
  return { kind: 'file', file: await renderDocument(deps, actor, composed, format, origin) };
}

function jobView(
  row: Pick<
    ReportJobRow,
    'id' | 'status' | 'progress' | 'format' | 'unitKey' | 'periodFrom' | 'periodTo' | 'fileName' | 'createdAt' | 'finishedAt'
  >,
): ReportJob {
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    format: row.format,
    unit: row.unitKey,
    from: row.periodFrom,
    to: row.periodTo,
    fileName: row.fileName,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    downloadUrl: row.status === 'done' ? `/api/v1/reports/jobs/${row.id}/download` : null,
  };
}

async function startReportJob(
  deps: Deps,
  actor: Actor,
  scope: Scope,
  q: { unit: string; from: string; to: string; format: ReportDocumentFormat; lang: Locale; origin: string },
): Promise<ReportJob> {
  const now = deps.clock();
  const row = {
    userId: actor.userId,
    id: randomUUID(),
    wardId: scope.unit.wardId,
    unitId: scope.unit.id,
    unitKey: q.unit,
    periodFrom: q.from,
    periodTo: q.to,
    format: q.format,
    lang: q.lang,
    origin: q.origin,
    status: 'queued' as const,
    progress: 0,
    fileName: null,
    createdAt: now,
    finishedAt: null,
    expiresAt: new Date(now.getTime() + JOB_KEEP_MS),
  };
  await withActor(deps.database.db, actor, async (tx) => {
    await insertReportJob(tx, row);
    await recordAudit(tx, {
      action: 'report.periodic',
      actor: by(actor),
      wardId: scope.unit.wardId,
      entityType: 'report_job',
      entityId: row.id,
      detail: { from: q.from, to: q.to, format: q.format, lang: q.lang, queued: true },
    });
  });
  const payload = { userId: actor.userId, jobId: row.id };
  // When no process runs the job queue, this one writes the document itself, after answering.
  if ((await enqueueJob(deps.database, RENDER_REPORT_JOB, payload)) === null) {
    setImmediate(() => void runReportJob(deps, payload).catch(() => undefined));
  }
  return jobView(row);
}

/**
 * Writes a queued document (the background job): as the account that asked for it, with its rights of the moment (a
 * disabled account, or one that lost the unit, gets a failed job), reporting progress on the way. Runs once per job.
 */
export async function runReportJob(deps: Deps, payload: { userId: string; jobId: string }): Promise<void> {
  const db = deps.database.db;
  const job = await findReportJobForWorker(db, payload.userId, payload.jobId);
  if (job?.status !== 'queued' || !(await claimReportJob(db, payload.userId, payload.jobId))) return;
  const progress = (p: number) => setReportJobProgress(db, job.userId, job.id, p);
  try {
    const user = await findCredentialsById(db, job.userId);
    const actor = user && !user.disabledAt ? await buildActor(db, user, 'session') : null;
    if (!actor) throw new AppError('forbidden');
    requirePermission(actor, 'report.read');
    const scope = await resolveScope(deps, actor, job.unitId);
    await progress(10);
    const composed = await composeReport(
      deps,
      actor,
      scope,
      { from: job.periodFrom, to: job.periodTo, lang: job.lang, format: job.format, jobId: job.id },
      progress,
    );
    await progress(65);
    const file = await renderDocument(deps, actor, composed, job.format, job.origin, progress);
    await progress(95);
    await finishReportJob(db, job.userId, job.id, { document: file.bytes, fileName: file.name, mime: file.mime }, deps.clock());
  } catch (err) {
    const code = err instanceof AppError ? err.code : 'internal';
    // The job's id and an error code only: no unit, period or data in the log.
    if (code === 'internal') console.error(`report job ${job.id} failed: ${(err as Error).message}`);
    await finishReportJob(db, job.userId, job.id, { error: code }, deps.clock());
  }
}

/** `GET /api/v1/reports/jobs/:id`: one of the caller's background reports, with its progress. */
export async function getReportJob(deps: Deps, actor: Actor, id: string): Promise<ReportJob> {
  requirePermission(actor, 'report.read');
  const row = await withActor(deps.database.db, actor, (tx) => findOwnReportJob(tx, actor.userId, id));
  if (!row) throw new AppError('notFound');
  return jobView(row);
}

/** `GET /api/v1/reports/jobs/:id/download`: the written document (409 until it is ready); the download is audited. */
export async function downloadReportJob(deps: Deps, actor: Actor, id: string): Promise<ReportFile> {
  requirePermission(actor, 'report.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const row = await findOwnReportJob(tx, actor.userId, id);
    if (!row) throw new AppError('notFound');
    if (row.status !== 'done' || !row.document || !row.mime || !row.fileName) throw new AppError('conflict');
    await recordAudit(tx, {
      action: 'report.download',
      actor: by(actor),
      wardId: row.wardId,
      entityType: 'report_job',
      entityId: row.id,
      detail: { format: row.format, from: row.periodFrom, to: row.periodTo },
    });
    return { bytes: row.document, mime: row.mime, name: row.fileName };
  });
}
