import { randomUUID } from 'node:crypto';
import { addDays, type Day, isReceiptShaped, normaliseReceipt, type publicTipSchema, type TipStatus } from '@binh-an/domain';
import type { z } from 'zod';
import { auditAppended, auditEntryInsert, recordAudit } from '../../platform/audit/audit.ts';
import type { DbOrTx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { Upload } from '../../platform/multipart.ts';
import { vnToday } from '../../platform/time.ts';
import { loadWorkingDayPredicateCached } from '../calendar/index.ts';
import { findUnitById, findWardByCodeCached } from '../units/index.ts';
import { endOfDayVn, intakeDueOn } from './tip.clocks.ts';
import { storeUploads } from './tip.files.ts';
import { floodGuardOf } from './tip.flood.ts';
import { newReceipt, receiptHash } from './tip.receipts.ts';
import {
  findTipByReceiptHash,
  findTipFiles,
  findTipMessages,
  insertNumberedTip,
  insertTipFile,
  insertTipMessage,
  updateTip,
} from './tip.repository.ts';
import { TipSeal } from './tip.sealing.ts';
import type { TipRow } from './tip.table.ts';

/**
 * The resident's side of the mailbox. Nothing here knows who is asking: no account, session, address or device is
 * read or kept (security.md G1, G8); sender-side times are kept to the day (G6); everything written is sealed (G9).
 */

/** Answers are never faster than this, so that a wrong receipt and a right one take the same time (G4). */
const MIN_RECEIPT_ANSWER_MS = 250;

async function atLeast<T>(started: number, work: Promise<T>): Promise<T> {
  const settled = await Promise.allSettled([work]);
  const wait = MIN_RECEIPT_ANSWER_MS - (performance.now() - started);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const [result] = settled;
  if (result?.status === 'rejected') throw result.reason;
  return (result as PromiseFulfilledResult<T>).value;
}

/** Receives a tip from the public form; answers the receipt code, shown once and never stored. */
export async function submitTip(
  deps: Deps,
  input: z.output<typeof publicTipSchema>,
  uploads: readonly Upload[],
): Promise<{ receipt: string }> {
  const db = deps.database.db;
  const today = vnToday(deps.clock());
  const ward = await findWardByCodeCached(db, input.wardCode, today);
  if (!ward?.isActive) throw new AppError('validation', [{ path: 'wardCode', message: 'tips.wardUnknown' }]);
  const guard = floodGuardOf(deps);
  if ((await guard.isFlooded(ward.id)) && !(await guard.verify(ward.id, input.pow))) throw new AppError('powRequired');
  let unitId = ward.id;
  if (input.blockId) {
    const block = await findUnitById(db, input.blockId, today);
    if (!block || block.wardId !== ward.id || !block.isActive || block.id === ward.id) {
      throw new AppError('validation', [{ path: 'blockId', message: 'tips.blockUnknown' }]);
    }
    unitId = block.id;
  }
  const id = randomUUID();
  const seal = TipSeal.forNewTip(deps, id);
  const files = await storeUploads(deps, seal, { wardId: ward.id, id }, uploads, 'sender');
  const receipt = newReceipt();
  const isWorkingDay = await loadWorkingDayPredicateCached(db, today, addDays(today, 60));
  const hasContact = Boolean(input.contactConsent && (input.contactName || input.contactPhone));
  const dueOn = intakeDueOn(today, isWorkingDay);
  const row = {
    wardId: ward.id,
    id,
    unitId,
    year: Number(today.slice(0, 4)),
    channel: 'online',
    reporterIdentity: hasContact ? 'identified' : 'anonymous',
    status: 'new',
    receivedOn: today,
    intakeDueOn: dueOn,
    nextDueAt: endOfDayVn(dueOn),
    dataKey: seal.wrappedKey,
    bodyEnc: seal.sealBody({
      what: input.what,
      place: input.place || null,
      when: input.when || null,
      who: input.who || null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
    }),
    contactEnc: hasContact ? seal.sealContact({ name: input.contactName || null, phone: input.contactPhone || null, address: null }) : null,
    receiptHash: receiptHash(deps.key, receipt),
    lastActivityOn: today,
    hasUnreadFromSender: true,
  } as const;
  const entry = auditEntryInsert({
    action: 'tip.receive',
    wardId: ward.id,
    entityType: 'tip',
    entityId: id,
    dayOnly: true,
    detail: { channel: 'online', files: files.length },
  });
  const store = async (tx: DbOrTx) => {
    await insertNumberedTip(tx, row, entry);
    for (const f of files) await insertTipFile(tx, f);
  };
  // Without attachments the tip is one statement (its number, the tip and its audit entry); with them, one transaction.
  await (files.length === 0 ? store(db) : db.transaction(store)).catch(deps.blobs.discarding(files.map((f) => f.storageKey)));
  auditAppended();
  // Counted once stored; a count that fails (the counters are away) does not take back a tip already received: the
  // guard reports it to the server's log (deps.log), with the ward only.
  await guard.record(ward.id);
  return { receipt };
}

export type PublicTipView = {
  status: TipStatus;
  receivedOn: Day;
  lastActivityOn: Day;
  messages: { from: 'sender' | 'police'; body: string; on: Day }[];
  files: { name: string; kind: string }[];
  usedInCase: boolean;
};

async function viewForSender(deps: Deps, tip: TipRow): Promise<PublicTipView> {
  const db = deps.database.db;
  const seal = TipSeal.forTip(deps, tip);
  const messages = (await findTipMessages(db, tip.wardId, tip.id))
    .filter((m) => m.author === 'sender' || m.toSender)
    .map((m) => ({
      from: m.author === 'sender' ? ('sender' as const) : ('police' as const),
      body: seal.openMessage(m.id, m.bodyEnc),
      on: m.createdOn,
    }));
  const files = (await findTipFiles(db, tip.wardId, tip.id))
    .filter((f) => f.uploadedBy === 'sender')
    .map((f) => ({ name: seal.openFileName(f.id, f.nameEnc), kind: f.kind }));
  return {
    status: tip.status as TipStatus,
    receivedOn: tip.receivedOn,
    lastActivityOn: tip.lastActivityOn,
    messages,
    files,
    usedInCase: tip.usedInCase,
  };
}

async function tipOfReceipt(deps: Deps, code: string): Promise<TipRow | null> {
  const normalised = normaliseReceipt(code);
  // The hash is computed even for a malformed code, so that every answer does the same work.
  const hash = receiptHash(deps.key, normalised);
  const tip = await findTipByReceiptHash(deps.database.db, hash);
  return isReceiptShaped(normalised) ? tip : null;
}

/** What the sender sees with their receipt: the status in plain words and the dialogue. One answer for every wrong code. */
export function openTipByReceipt(deps: Deps, code: string): Promise<PublicTipView> {
  const started = performance.now();
  return atLeast(
    started,
    (async () => {
      const tip = await tipOfReceipt(deps, code);
      if (!tip) throw new AppError('receiptNotFound');
      return viewForSender(deps, tip);
    })(),
  );
}

/** The sender answers or adds information (and files) through their receipt. */
export function addSenderMessage(deps: Deps, code: string, body: string, uploads: readonly Upload[]): Promise<PublicTipView> {
  const started = performance.now();
  return atLeast(
    started,
    (async () => {
      const tip = await tipOfReceipt(deps, code);
      if (!tip) throw new AppError('receiptNotFound');
      const seal = TipSeal.forTip(deps, tip);
      const files = await storeUploads(deps, seal, tip, uploads, 'sender');
      const today = vnToday(deps.clock());
      const messageId = randomUUID();
      const added = deps.database.db.transaction(async (tx) => {
        if (body) {
          await insertTipMessage(tx, {
            wardId: tip.wardId,
            id: messageId,
            tipId: tip.id,
            author: 'sender',
            bodyEnc: seal.sealMessage(messageId, body),
            createdOn: today,
          });
        }
        for (const f of files) await insertTipFile(tx, f);
        // Only the day of the latest activity is kept, overwritten each time (SecureDrop's rule; security.md G6).
        await updateTip(tx, tip.wardId, tip.id, { lastActivityOn: today, hasUnreadFromSender: true });
        await recordAudit(tx, {
          action: 'tip.sender_message',
          wardId: tip.wardId,
          entityType: 'tip',
          entityId: tip.id,
          dayOnly: true,
          detail: { files: files.length },
        });
      });
      await added.catch(deps.blobs.discarding(files.map((f) => f.storageKey)));
      return viewForSender(deps, { ...tip, lastActivityOn: today });
    })(),
  );
}

/** Whether the ward's form must carry a proof-of-work now, with a fresh challenge when it must. */
export async function tipChallenge(deps: Deps, wardCode: string): Promise<{ required: boolean; challenge: string | null; bits: number }> {
  const ward = await findWardByCodeCached(deps.database.db, wardCode, vnToday(deps.clock()));
  if (!ward?.isActive) throw new AppError('validation', [{ path: 'wardCode', message: 'tips.wardUnknown' }]);
  const guard = floodGuardOf(deps);
  const required = await guard.isFlooded(ward.id);
  return { required, challenge: required ? guard.challenge(ward.id) : null, bits: guard.bits };
}
