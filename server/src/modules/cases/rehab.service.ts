import { randomUUID } from 'node:crypto';
import {
  addDays,
  type createRehabDossierSchema,
  defaultRehabSortDirection,
  type ExportRehabDossiersQuery,
  isRehabCompileOverdue,
  type ListRehabDossiersQuery,
  maskIdNumber,
  missingRehabAttachments,
  type moveRehabDossierSchema,
  type RehabAttachmentKind,
  type RehabDecisionOutcome,
  type RehabDossierStatus,
  rehabCompileDeadline,
  rehabTransitionError,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { open, seal } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { openBytes, openFile, sealBytes, sealFile } from '../../platform/envelope.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanUpload, MAX_FILE_BYTES } from '../../platform/files.ts';
import type { Upload } from '../../platform/multipart.ts';
import { vnToday } from '../../platform/time.ts';
import { loadWorkingDayPredicate } from '../calendar/index.ts';
import { findUnitInScope } from '../units/index.ts';
import { findCaseInScope, insertRehabDossier, nextRegisterNumber } from './case.repository.ts';
import type { RehabDossierRow } from './case.table.ts';
import {
  findRehabAttachments,
  findRehabDossierInScope,
  findRehabDossiersInScope,
  insertRehabAttachment,
  type RehabListFilter,
  updateRehabDossier,
} from './rehab.repository.ts';

/**
 * Dossiers for compulsory drug rehabilitation (domain-vn.md §6): health and criminal data. Every read is audited; ID
 * numbers and documents are sealed; the ward records a court decision only once it has received one.
 */
const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });

export function rehabNumber(d: { year: number; seq: number }): string {
  return `CN-${d.year}-${String(d.seq).padStart(4, '0')}`;
}

async function viewOf(deps: Deps, tx: Tx, d: RehabDossierRow) {
  const today = vnToday(deps.clock());
  const attachments = await findRehabAttachments(tx, d.wardId, d.id);
  const kinds = attachments.map((a) => a.kind as RehabAttachmentKind);
  const isWorkingDay = await loadWorkingDayPredicate(tx, d.foundOn, addDays(d.foundOn, 40));
  const clock = rehabCompileDeadline(d.foundOn, isWorkingDay);
  const status = d.status as RehabDossierStatus;
  return {
    id: d.id,
    wardId: d.wardId,
    unitId: d.unitId,
    caseId: d.caseId,
    number: rehabNumber(d),
    subject: {
      name: d.fullName,
      birthYear: d.birthYear,
      idNumberMasked: d.idNumberEnc ? maskIdNumber(open(deps.key, d.idNumberEnc, 'id-number')) : null,
      address: d.address,
    },
    ground: (d.ground ?? 'relapsed_after_rehab') as 'relapsed_after_rehab',
    status,
    foundOn: d.foundOn,
    compileDueOn: d.compileDueOn ?? clock.dueOn,
    compileBasis: clock.basis,
    isCompileOverdue: isRehabCompileOverdue(status, d.compileDueOn ?? clock.dueOn, today),
    compiledOn: d.compiledOn,
    sentToCourtOn: d.sentOn,
    court: d.court,
    decision:
      d.decision && d.decisionNumber && d.decisionOn
        ? { number: d.decisionNumber, date: d.decisionOn, outcome: d.decision as RehabDecisionOutcome }
        : null,
    carriedOutOn: d.carriedOutOn,
    attachments: attachments.map((a) => {
      const key = deps.envelope.unwrap(a.dataKey, a.id);
      return {
        id: a.id,
        kind: a.kind as RehabAttachmentKind,
        name: new TextDecoder().decode(openBytes(key, a.nameEnc, `${a.id}:name`)),
        size: a.size,
        uploadedAt: a.uploadedAt.toISOString(),
      };
    }),
    // What is still needed to compile; a dossier already compiled (or recorded from paper) owes nothing more.
    missingAttachments: status === 'opened' || status === 'documents_gathered' ? missingRehabAttachments(d.foundOn, kinds) : [],
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

async function load(tx: Tx, actor: Actor, id: string): Promise<RehabDossierRow> {
  const d = await findRehabDossierInScope(tx, actor, id);
  if (!d) throw new AppError('notFound');
  return d;
}

/** What the audit log keeps of a list's filters: never the words searched, which may be a person's name. */
export function auditedRehabFilter(q: ExportRehabDossiersQuery) {
  return { status: q.status, from: q.from, to: q.to, sort: q.sort, dir: q.dir, search: q.q?.trim() ? true : undefined };
}

/** The repository's filter for a list query: the order with its default direction. */
export function rehabListFilter(q: ExportRehabDossiersQuery, after?: string): RehabListFilter {
  const sort = q.sort ?? 'found';
  return { q: q.q, status: q.status, from: q.from, to: q.to, sort, dir: q.dir ?? defaultRehabSortDirection(sort), after };
}

/**
 * The ward's rehab dossiers matching the filters, in the order asked (newest first by default), a page at a time; the
 * list shows names, so the read is audited. The cursor is the id of the last dossier of the previous page: a dossier
 * that is out of scope or does not exist is refused like any bad input.
 */
export async function listRehabDossiers(deps: Deps, actor: Actor, q: ListRehabDossiersQuery) {
  requirePermission(actor, 'case.read');
  const limit = q.limit ?? 50;
  return withActor(deps.database.db, actor, async (tx) => {
    if (q.cursor && !(await findRehabDossierInScope(tx, actor, q.cursor)))
      throw new AppError('validation', [{ path: 'cursor', message: 'validation.invalid' }]);
    const rows = await findRehabDossiersInScope(tx, actor, rehabListFilter(q, q.cursor), limit + 1);
    const page = rows.slice(0, limit);
    const items = [];
    for (const d of page) items.push(await viewOf(deps, tx, d));
    await recordAudit(tx, {
      action: 'rehab.list',
      actor: by(actor),
      wardId: actor.wardId,
      entityType: 'rehab_dossier',
      detail: { count: items.length, filter: auditedRehabFilter(q) },
    });
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? last.id : null };
  });
}

/** One dossier; the read is audited. */
export async function getRehabDossier(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'case.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const d = await load(tx, actor, id);
    await recordAudit(tx, { action: 'rehab.read', actor: by(actor), wardId: d.wardId, entityType: 'rehab_dossier', entityId: d.id });
    return viewOf(deps, tx, d);
  });
}

/** Opens a dossier for a person found in one of the situations of Art. 32; the 5-working-day clock is fixed now. */
export async function createRehabDossier(deps: Deps, actor: Actor, input: z.output<typeof createRehabDossierSchema>) {
  requirePermission(actor, 'case.manage');
  const today = vnToday(deps.clock());
  if (input.foundOn > today) throw new AppError('validation', [{ path: 'foundOn', message: 'validation.invalid' }]);
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.unitId, today);
    if (!unit?.wardId) throw new AppError('notFound');
    if (input.caseId) {
      // The dossier's case must be a case of the same ward that this account reaches; any other id is refused, not stored.
      const linked = await findCaseInScope(tx, actor, input.caseId);
      if (linked?.wardId !== unit.wardId) throw new AppError('validation', [{ path: 'caseId', message: 'validation.invalid' }]);
    }
    const isWorkingDay = await loadWorkingDayPredicate(tx, input.foundOn, addDays(input.foundOn, 40));
    const year = Number(input.foundOn.slice(0, 4));
    await insertRehabDossier(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      year,
      seq: await nextRegisterNumber(tx, unit.wardId, 'rehab', year),
      status: 'opened',
      fullName: input.subject.name,
      birthYear: input.subject.birthYear ?? null,
      idNumberEnc: input.subject.idNumber ? seal(deps.key, input.subject.idNumber, 'id-number') : null,
      address: input.subject.address || null,
      caseId: input.caseId ?? null,
      ground: input.ground,
      foundOn: input.foundOn,
      compileDueOn: rehabCompileDeadline(input.foundOn, isWorkingDay).dueOn,
      note: input.note || null,
    });
    await recordAudit(tx, {
      action: 'rehab.create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'rehab_dossier',
      entityId: id,
      detail: { ground: input.ground },
    });
    return viewOf(deps, tx, await load(tx, actor, id));
  });
}

/** Takes a dossier one step further (gathered, compiled, sent to court, decided with the decision received, carried out). */
export async function moveRehabDossier(deps: Deps, actor: Actor, id: string, input: z.output<typeof moveRehabDossierSchema>) {
  requirePermission(actor, 'case.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const d = await load(tx, actor, id);
    const attachments = (await findRehabAttachments(tx, d.wardId, d.id)).map((a) => a.kind as RehabAttachmentKind);
    const stored = d.decision ? { number: d.decisionNumber, date: d.decisionOn, outcome: d.decision as RehabDecisionOutcome } : null;
    const error = rehabTransitionError({
      from: d.status as RehabDossierStatus,
      to: input.to,
      on: input.on,
      today: vnToday(deps.clock()),
      foundOn: d.foundOn,
      attachments,
      sentToCourtOn: d.sentOn,
      decision: input.to === 'decided' ? input.decision : stored,
    });
    if (error) throw new AppError('caseState', [{ path: 'to', message: error }]);
    const values: Parameters<typeof updateRehabDossier>[3] = { status: input.to };
    if (input.to === 'compiled') values.compiledOn = input.on;
    if (input.to === 'sent_to_court') {
      values.sentOn = input.on;
      values.court = input.court || d.court;
    }
    if (input.to === 'decided' && input.decision) {
      values.decision = input.decision.outcome;
      values.decisionNumber = input.decision.number;
      values.decisionOn = input.decision.date;
    }
    if (input.to === 'carried_out') values.carriedOutOn = input.on;
    await updateRehabDossier(tx, d.wardId, d.id, values);
    await recordAudit(tx, {
      action: 'rehab.move',
      actor: by(actor),
      wardId: d.wardId,
      entityType: 'rehab_dossier',
      entityId: d.id,
      detail: { from: d.status, to: input.to },
    });
    return viewOf(deps, tx, await load(tx, actor, id));
  });
}

/** Attaches a typed document (sealed; pictures re-encoded without metadata, other files kept as they are). */
export async function attachRehabDocument(deps: Deps, actor: Actor, id: string, kind: RehabAttachmentKind, upload: Upload) {
  requirePermission(actor, 'case.manage');
  if (upload.bytes.length > MAX_FILE_BYTES) throw new AppError('payloadTooLarge');
  const clean = await cleanUpload(upload.bytes, upload.name);
  if (!clean) throw new AppError('fileType');
  // The sealed file is written before the transaction that records it, and removed again if that fails.
  const attachmentId = randomUUID();
  const { key, wrapped } = deps.envelope.newDataKey(attachmentId);
  const storageKey = await deps.blobs.put(sealFile(key, clean.bytes, `${attachmentId}:file`));
  return withActor(deps.database.db, actor, async (tx) => {
    const d = await load(tx, actor, id);
    await insertRehabAttachment(tx, {
      wardId: d.wardId,
      id: attachmentId,
      dossierId: d.id,
      kind,
      mime: clean.mime,
      size: clean.bytes.length,
      nameEnc: sealBytes(key, new TextEncoder().encode(clean.name), `${attachmentId}:name`),
      dataKey: wrapped,
      storageKey,
      uploadedBy: actor.userId,
    });
    await recordAudit(tx, {
      action: 'rehab.attach',
      actor: by(actor),
      wardId: d.wardId,
      entityType: 'rehab_dossier',
      entityId: d.id,
      detail: { kind },
    });
    return viewOf(deps, tx, await load(tx, actor, id));
  }).catch(deps.blobs.discarding([storageKey]));
}

/** Decrypts one document for download; audited. */
export async function downloadRehabDocument(deps: Deps, actor: Actor, id: string, attachmentId: string) {
  requirePermission(actor, 'case.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const d = await load(tx, actor, id);
    const a = (await findRehabAttachments(tx, d.wardId, d.id)).find((x) => x.id === attachmentId);
    if (!a) throw new AppError('notFound');
    const key = deps.envelope.unwrap(a.dataKey, a.id);
    await recordAudit(tx, {
      action: 'rehab.download',
      actor: by(actor),
      wardId: d.wardId,
      entityType: 'rehab_dossier',
      entityId: d.id,
      detail: { attachmentId },
    });
    return {
      bytes: openFile(key, await deps.blobs.get(a.storageKey), `${a.id}:file`),
      mime: a.mime,
      name: new TextDecoder().decode(openBytes(key, a.nameEnc, `${a.id}:name`)),
    };
  });
}
