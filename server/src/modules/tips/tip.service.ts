import { randomUUID } from 'node:crypto';
import {
  addDays,
  agencyDeadline,
  canMoveTip,
  type closeTipSchema,
  isCrimeInformation,
  type listTipsQuerySchema,
  type logTipSchema,
  type TipCategory,
  type TipChannel,
  type TipClass,
  type TipStatus,
  type TipUrgency,
  type tipOutcomeInputSchema,
  type triageTipSchema,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { Upload } from '../../platform/multipart.ts';
import { vnToday } from '../../platform/time.ts';
import { loadWorkingDayPredicate } from '../calendar/index.ts';
import { findUnitInScope } from '../units/index.ts';
import { type Clock, clocksAtTriage, clocksOf, nextDue } from './tip.clocks.ts';
import { storeUploads } from './tip.files.ts';
import {
  countTips,
  findAssignees,
  findTipFile,
  findTipFiles,
  findTipInScope,
  findTipMessages,
  findTipsInScope,
  insertTip,
  insertTipFile,
  insertTipMessage,
  isRemoteWard,
  nextTipNumber,
  type TipListRow,
  updateTip,
} from './tip.repository.ts';
import { type TipContact, TipSeal } from './tip.sealing.ts';
import type { TipRow } from './tip.table.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });
const OPEN: TipStatus[] = ['new', 'verifying', 'transferred'];

export function tipNumber(tip: { year: number; seq: number }): string {
  return `TB-${tip.year}-${String(tip.seq).padStart(4, '0')}`;
}

function clockView(c: Clock) {
  return { kind: c.kind, dueAt: c.dueAt.toISOString(), basis: c.basis, isOverdue: c.isOverdue, doneAt: c.doneAt?.toISOString() ?? null };
}

function summaryOf(deps: Deps, row: TipListRow, now: Date) {
  const clocks = clocksOf(row, row.isRemote, now);
  const running = clocks.filter((c) => c.doneAt === null).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const next = OPEN.includes(row.status as TipStatus) ? (running[0] ?? null) : null;
  const body = TipSeal.forTip(deps, row).openBody(row.bodyEnc);
  return {
    id: row.id,
    wardId: row.wardId,
    unitId: row.unitId,
    unitName: row.unitName,
    number: tipNumber(row),
    channel: row.channel as TipChannel,
    classification: row.classification as TipClass | null,
    category: row.category as TipCategory | null,
    urgency: row.urgency as TipUrgency | null,
    status: row.status as TipStatus,
    reporterIdentity: row.reporterIdentity as 'anonymous' | 'identified' | 'refused',
    receivedOn: row.receivedOn,
    assignedTo: row.assignedTo ? { id: row.assignedTo, name: row.assigneeName ?? '' } : null,
    excerpt: body.what.length > 140 ? `${body.what.slice(0, 139)}…` : body.what,
    nextDeadline: next ? clockView(next) : null,
    isOverdue: next?.isOverdue ?? false,
    hasUnreadFromSender: row.hasUnreadFromSender,
  };
}

type Cursor = { due: string | null; year: number; seq: number };

/** The ward's tip inbox: saved views, filters and keyset paging by the next legal deadline. */
export async function listTips(deps: Deps, actor: Actor, q: z.output<typeof listTipsQuerySchema>) {
  requirePermission(actor, 'tip.read');
  const now = deps.clock();
  const limit = q.limit ?? 50;
  const view = q.view ?? 'open';
  let after: { due: Date | null; year: number; seq: number } | undefined;
  if (q.cursor) {
    try {
      const c = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as Cursor;
      after = { due: c.due ? new Date(c.due) : null, year: Number(c.year), seq: Number(c.seq) };
      if (Number.isNaN(after.year) || Number.isNaN(after.seq) || (after.due && Number.isNaN(after.due.getTime()))) throw new Error();
    } catch {
      throw new AppError('validation', [{ path: 'cursor', message: 'validation.invalid' }]);
    }
  }
  const statuses: Record<string, readonly TipStatus[] | undefined> = {
    all: undefined,
    new: ['new'],
    overdue: OPEN,
    mine: OPEN,
    open: OPEN,
    closed: ['closed'],
    spam: ['spam'],
  };
  return withActor(deps.database.db, actor, async (tx) => {
    const rows = await findTipsInScope(
      tx,
      actor,
      {
        statuses: statuses[view] ?? (view === 'all' ? ['new', 'verifying', 'transferred', 'closed'] : undefined),
        assignedTo: view === 'mine' ? actor.userId : undefined,
        overdueAt: view === 'overdue' ? now : undefined,
        q: q.q,
        category: q.category,
        classification: q.classification,
        unitId: q.unitId,
        channel: q.channel,
        after,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? Buffer.from(
            JSON.stringify({ due: last.nextDueAt?.toISOString() ?? null, year: last.year, seq: last.seq } satisfies Cursor),
          ).toString('base64url')
        : null;
    return { items: page.map((r) => summaryOf(deps, r, now)), nextCursor, counts: await countTips(tx, actor, now) };
  });
}

async function loadTip(tx: Tx, actor: Actor, id: string): Promise<TipRow> {
  const tip = await findTipInScope(tx, actor, id);
  if (!tip) throw new AppError('notFound');
  return tip;
}

async function detailOf(deps: Deps, tx: Tx, actor: Actor, tip: TipRow) {
  const now = deps.clock();
  const isRemote = await isRemoteWard(tx, tip.wardId);
  const unit = await findUnitInScope(tx, actor, tip.unitId, vnToday(now));
  const assignees = tip.assignedTo ? await findAssignees(tx, tip.wardId) : [];
  const listRow: TipListRow = {
    ...tip,
    unitName: unit?.name ?? '',
    assigneeName: assignees.find((a) => a.id === tip.assignedTo)?.name ?? null,
    isRemote,
  };
  const seal = TipSeal.forTip(deps, tip);
  const body = seal.openBody(tip.bodyEnc);
  const messages = (await findTipMessages(tx, tip.wardId, tip.id)).map((m) => ({
    id: m.id,
    from: m.author,
    toSender: m.toSender,
    authorName: m.author === 'officer' ? m.authorName : null,
    body: seal.openMessage(m.id, m.bodyEnc),
    at: m.createdAt ? m.createdAt.toISOString() : m.createdOn,
  }));
  const files = (await findTipFiles(tx, tip.wardId, tip.id)).map((f) => ({
    id: f.id,
    name: seal.openFileName(f.id, f.nameEnc),
    kind: f.kind,
    size: f.size,
    quarantined: f.quarantined,
  }));
  return {
    ...summaryOf(deps, listRow, now),
    what: body.what,
    place: body.place,
    when: body.when,
    who: body.who,
    lat: body.lat,
    lng: body.lng,
    hasContact: tip.contactEnc !== null,
    anonymousCheck: tip.anonymousCheck
      ? {
          namesWrongdoer: tip.anonymousCheck.namesWrongdoer === true,
          hasConcreteEvidence: tip.anonymousCheck.hasConcreteEvidence === true,
          isVerifiable: tip.anonymousCheck.isVerifiable === true,
        }
      : null,
    acceptedAt: tip.acceptedAt?.toISOString() ?? null,
    transferredAt: tip.transferredAt?.toISOString() ?? null,
    transferredTo: tip.transferredTo,
    outcome: tip.outcome as 'prosecuted' | 'not_prosecuted' | 'suspended' | null,
    closeReason: tip.closeReason as z.infer<typeof closeTipSchema>['reason'] | null,
    clocks: clocksOf(tip, isRemote, now).map(clockView),
    messages,
    files,
  };
}

/** Opens a tip; the read is audited and clears the "new from the sender" mark. */
export async function getTip(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'tip.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const tip = await loadTip(tx, actor, id);
    if (tip.hasUnreadFromSender) await updateTip(tx, tip.wardId, tip.id, { hasUnreadFromSender: false });
    await recordAudit(tx, { action: 'tip.read', actor: by(actor), wardId: tip.wardId, entityType: 'tip', entityId: tip.id });
    return detailOf(deps, tx, actor, { ...tip, hasUnreadFromSender: false });
  });
}

/** The sender's contact details, only for the chief or the officer the tip is assigned to; every view is audited. */
export async function getTipContact(deps: Deps, actor: Actor, id: string): Promise<TipContact> {
  requirePermission(actor, 'tip.identity');
  return withActor(deps.database.db, actor, async (tx) => {
    const tip = await loadTip(tx, actor, id);
    if (actor.role !== 'chief' && tip.assignedTo !== actor.userId) throw new AppError('forbidden');
    await recordAudit(tx, { action: 'tip.identity_read', actor: by(actor), wardId: tip.wardId, entityType: 'tip', entityId: tip.id });
    const contact = tip.contactEnc ? TipSeal.forTip(deps, tip).openContact(tip.contactEnc) : null;
    return { name: contact?.name ?? null, phone: contact?.phone ?? null, address: contact?.address ?? null };
  });
}

/** Logs a tip that came by the physical mailbox, the hotline, in person, by post or through VNeID. */
export async function logTip(deps: Deps, actor: Actor, input: z.output<typeof logTipSchema>) {
  requirePermission(actor, 'tip.triage');
  const now = deps.clock();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt > now) throw new AppError('validation', [{ path: 'receivedAt', message: 'validation.invalid' }]);
  const receivedOn = vnToday(receivedAt);
  const id = randomUUID();
  const seal = TipSeal.forNewTip(deps, id);
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.unitId, vnToday(now));
    if (!unit?.wardId || !actor.wardId || unit.wardId !== actor.wardId) throw new AppError('notFound');
    const contact: TipContact | null =
      input.reporterIdentity === 'identified'
        ? { name: input.contactName || null, phone: input.contactPhone || null, address: input.contactAddress || null }
        : input.reporterIdentity === 'refused'
          ? { name: null, phone: null, address: null, refusalReason: input.refusalReason || null }
          : null;
    const year = Number(receivedOn.slice(0, 4));
    const seq = await nextTipNumber(tx, unit.wardId, year);
    await insertTip(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      year,
      seq,
      channel: input.channel,
      reporterIdentity: input.reporterIdentity,
      status: 'new',
      receivedOn,
      acceptedAt: receivedAt,
      acceptedBy: actor.userId,
      dataKey: seal.wrappedKey,
      bodyEnc: seal.sealBody({
        what: input.what,
        place: input.place || null,
        when: input.when || null,
        who: input.who || null,
        lat: null,
        lng: null,
      }),
      contactEnc: contact ? seal.sealContact(contact) : null,
      lastActivityOn: receivedOn,
    });
    await recordAudit(tx, {
      action: 'tip.log',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'tip',
      entityId: id,
      detail: { channel: input.channel, number: tipNumber({ year, seq }) },
    });
    return detailOf(deps, tx, actor, await loadTip(tx, actor, id));
  });
}

async function change(
  deps: Deps,
  actor: Actor,
  id: string,
  action: string,
  apply: (tx: Tx, tip: TipRow) => Promise<{ values: Partial<TipRow>; detail: Record<string, unknown> }>,
) {
  requirePermission(actor, 'tip.triage');
  return withActor(deps.database.db, actor, async (tx) => {
    const tip = await loadTip(tx, actor, id);
    const { values, detail } = await apply(tx, tip);
    const next = { ...tip, ...values };
    await updateTip(tx, tip.wardId, tip.id, { ...values, nextDueAt: nextDue(next) });
    await recordAudit(tx, { action, actor: by(actor), wardId: tip.wardId, entityType: 'tip', entityId: tip.id, detail });
    return detailOf(deps, tx, actor, await loadTip(tx, actor, id));
  });
}

function move(tip: TipRow, to: TipStatus): void {
  if (tip.status !== to && !canMoveTip(tip.status as TipStatus, to)) throw new AppError('tipState');
}

/** Classifies a tip and fixes its legal clocks (TTLT 01/2017 Art. 8.5; TTLT 01/2017 Art. 14.1). */
export function triageTip(deps: Deps, actor: Actor, id: string, input: z.output<typeof triageTipSchema>) {
  return change(deps, actor, id, 'tip.triage', async (tx, tip) => {
    const classification = input.classification as TipClass;
    if (tip.status === 'closed' || tip.status === 'transferred') throw new AppError('tipState');
    const status: TipStatus = classification === 'spam' ? 'spam' : 'verifying';
    move(tip, status);
    const urgency = (input.urgency ?? null) as TipUrgency | null;
    if (isCrimeInformation(classification) && !urgency) throw new AppError('urgencyRequired');
    let unitId = tip.unitId;
    if (input.unitId && input.unitId !== tip.unitId) {
      const unit = await findUnitInScope(tx, actor, input.unitId, vnToday(deps.clock()));
      if (!unit || unit.wardId !== tip.wardId) throw new AppError('notFound');
      unitId = unit.id;
    }
    const acceptedAt = tip.acceptedAt ?? deps.clock();
    const isWorkingDay = await loadWorkingDayPredicate(tx, tip.receivedOn, addDays(tip.receivedOn, 60));
    const clocks = clocksAtTriage(
      { receivedOn: tip.receivedOn, acceptedAt, reporterIdentity: tip.reporterIdentity as 'anonymous' | 'identified' | 'refused' },
      classification,
      urgency,
      await isRemoteWard(tx, tip.wardId),
      isWorkingDay,
    );
    const anonymousCheck =
      tip.reporterIdentity !== 'identified' && input.namesWrongdoer !== undefined
        ? {
            namesWrongdoer: input.namesWrongdoer,
            hasConcreteEvidence: input.hasConcreteEvidence === true,
            isVerifiable: input.isVerifiable === true,
          }
        : tip.anonymousCheck;
    return {
      values: {
        classification,
        category: input.category ?? tip.category,
        urgency,
        unitId,
        status,
        acceptedAt,
        acceptedBy: tip.acceptedBy ?? actor.userId,
        transferDueAt: clocks.transferDueAt,
        receiptNoticeDueOn: clocks.receiptNoticeDueOn,
        anonymousCheck,
      },
      detail: { classification, category: input.category ?? null, urgency, status },
    };
  });
}

/** Assigns a tip to one of the ward's officers (or unassigns it). */
export function assignTip(deps: Deps, actor: Actor, id: string, officerId: string | null) {
  return change(deps, actor, id, 'tip.assign', async (tx, tip) => {
    if (officerId && !(await findAssignees(tx, tip.wardId)).some((a) => a.id === officerId)) throw new AppError('assigneeInvalid');
    return { values: { assignedTo: officerId }, detail: { officerId } };
  });
}

/** Adds an internal note between officers, or a question the sender will read through their receipt. */
export function addTipNote(deps: Deps, actor: Actor, id: string, body: string, toSender: boolean) {
  return change(deps, actor, id, 'tip.note', async (tx, tip) => {
    if (toSender && !tip.receiptHash) throw new AppError('tipState');
    const seal = TipSeal.forTip(deps, tip);
    const messageId = randomUUID();
    const now = deps.clock();
    await insertTipMessage(tx, {
      wardId: tip.wardId,
      id: messageId,
      tipId: tip.id,
      author: 'officer',
      toSender,
      authorId: actor.userId,
      bodyEnc: seal.sealMessage(messageId, body),
      createdOn: vnToday(now),
      createdAt: now,
    });
    return { values: {}, detail: { toSender } };
  });
}

/** Records the transfer to the competent investigation agency; the agency's 20-day clock starts (BLTTHS Art. 147). */
export function transferTip(deps: Deps, actor: Actor, id: string, agency: string, transferredAt?: string) {
  return change(deps, actor, id, 'tip.transfer', async (_tx, tip) => {
    move(tip, 'transferred');
    const at = transferredAt ? new Date(transferredAt) : deps.clock();
    if (at > deps.clock() || (tip.acceptedAt && at < tip.acceptedAt))
      throw new AppError('validation', [{ path: 'transferredAt', message: 'validation.invalid' }]);
    return {
      values: { status: 'transferred', transferredAt: at, transferredTo: agency, agencyDueOn: agencyDeadline(vnToday(at), null).dueOn },
      detail: { agency },
    };
  });
}

/** Records what the agency reported back: an extension, the outcome; or that the receipt notice was sent. */
export function recordTipOutcome(deps: Deps, actor: Actor, id: string, input: z.output<typeof tipOutcomeInputSchema>) {
  return change(deps, actor, id, 'tip.outcome', async (_tx, tip) => {
    const values: Partial<TipRow> = {};
    if (input.receiptNoticeSentOn !== undefined) values.receiptNoticeSentOn = input.receiptNoticeSentOn;
    if (input.extensionUntil !== undefined || input.outcome !== undefined) {
      if (tip.status !== 'transferred' || !tip.transferredAt) throw new AppError('tipState');
      if (input.extensionUntil !== undefined) values.agencyDueOn = agencyDeadline(vnToday(tip.transferredAt), input.extensionUntil).dueOn;
      if (input.outcome !== undefined) {
        values.outcome = input.outcome;
        values.outcomeOn = input.outcome ? (input.receivedOn ?? vnToday(deps.clock())) : null;
      }
    }
    return {
      values,
      detail: { outcome: input.outcome, extensionUntil: input.extensionUntil, receiptNoticeSentOn: input.receiptNoticeSentOn },
    };
  });
}

/** Closes a tip with a reason. */
export function closeTip(deps: Deps, actor: Actor, id: string, input: z.output<typeof closeTipSchema>) {
  return change(deps, actor, id, 'tip.close', async (_tx, tip) => {
    move(tip, 'closed');
    return { values: { status: 'closed', closeReason: input.reason, closedAt: deps.clock() }, detail: { reason: input.reason } };
  });
}

/** Reopens a closed tip (or takes one out of the spam folder). */
export function reopenTip(deps: Deps, actor: Actor, id: string) {
  return change(deps, actor, id, 'tip.reopen', async (_tx, tip) => {
    const to: TipStatus = tip.status === 'spam' ? 'new' : 'verifying';
    move(tip, to);
    return {
      values: { status: to, closeReason: null, closedAt: null, classification: tip.status === 'spam' ? null : tip.classification },
      detail: { to },
    };
  });
}

/** Officers attach scanned letters or photos to a tip. */
export async function attachTipFiles(deps: Deps, actor: Actor, id: string, uploads: readonly Upload[]) {
  requirePermission(actor, 'tip.triage');
  const tip = await withActor(deps.database.db, actor, (tx) => loadTip(tx, actor, id));
  const files = await storeUploads(deps, TipSeal.forTip(deps, tip), tip, uploads, 'officer');
  return change(deps, actor, id, 'tip.file_upload', async (tx) => {
    for (const f of files) await insertTipFile(tx, f);
    return { values: {}, detail: { files: files.length } };
  }).catch(deps.blobs.discarding(files.map((f) => f.storageKey)));
}

/** Decrypts one attachment for download; quarantined files only after an explicit confirmation. */
export async function downloadTipFile(deps: Deps, actor: Actor, id: string, fileId: string, confirmed: boolean) {
  requirePermission(actor, 'tip.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const tip = await loadTip(tx, actor, id);
    const file = await findTipFile(tx, tip.wardId, tip.id, fileId);
    if (!file) throw new AppError('notFound');
    if (file.quarantined && !confirmed) throw new AppError('quarantineConfirm');
    const seal = TipSeal.forTip(deps, tip);
    const bytes = seal.openFile(file.id, await deps.blobs.get(file.storageKey));
    await recordAudit(tx, {
      action: 'tip.file_download',
      actor: by(actor),
      wardId: tip.wardId,
      entityType: 'tip',
      entityId: tip.id,
      detail: { fileId, quarantined: file.quarantined },
    });
    return { bytes, mime: file.mime, name: seal.openFileName(file.id, file.nameEnc) };
  });
}

/** The ward's officers a tip may be assigned to. */
export async function listAssignees(deps: Deps, actor: Actor) {
  requirePermission(actor, 'tip.read');
  if (!actor.wardId) return [];
  const wardId = actor.wardId;
  return withActor(deps.database.db, actor, (tx) => findAssignees(tx, wardId));
}
