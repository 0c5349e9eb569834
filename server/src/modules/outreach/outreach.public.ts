import { randomInt, randomUUID } from 'node:crypto';
import { CLOCK_TIME, OUTREACH_TOPICS, SUBSCRIPTION_CONSENT_VERSION, type SurveyAnswer, translate } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.ts';
import { keyedHash, safeEqual, seal } from '../../platform/crypto.ts';
import { queryRows } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { type Channel, messengerOf } from '../../platform/messaging/index.ts';
import { vnToday } from '../../platform/time.ts';
import { findActiveBlocks } from '../units/index.ts';
import { unsubscribeSignature } from './outreach.delivery.ts';

const CODE_TTL_MS = 15 * 60_000;
const CODE_MAX_ATTEMPTS = 5;
const fieldError = (path: string, message: string) => new AppError('validation', [{ path, message }]);

/** A contact as the channel needs it: an e-mail address, or a Vietnamese phone number (SMS, Zalo); null otherwise. */
export function readContactFor(channel: Channel, text: string): string | null {
  const t = text.normalize('NFC').trim();
  if (channel === 'email') return /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(t) ? t.toLowerCase() : null;
  const phone = t.replace(/[\s.\-()]/g, '');
  return /^(\+84|0)\d{9}$/.test(phone) ? phone.replace(/^\+84/, '0') : null;
}

/** What staff see of a contact: enough to tell two apart, not to write to them. */
export function maskContact(contact: string): string {
  const at = contact.indexOf('@');
  if (at > 0) return `${contact[0]}***${contact.slice(at)}`;
  return `${contact.slice(0, 3)}****${contact.slice(-3)}`;
}

export type SubscriptionInput = {
  channel: Channel;
  contact: string;
  topics: string[];
  blockIds: string[];
  quietFrom: string;
  quietTo: string;
  consent: boolean;
};

/**
 * Starts a subscription (no account): checks the answers, keeps them with the contact sealed and the consent version,
 * and sends a one-time code through the chosen channel. Nothing is active until the code is confirmed. Answers the
 * subscription's id (the challenge the confirmation page carries).
 */
export async function startSubscription(deps: Deps, wardId: string, input: SubscriptionInput): Promise<string> {
  const errors: { path: string; message: string }[] = [];
  const contact = readContactFor(input.channel, input.contact);
  if (!contact) errors.push({ path: 'contact', message: 'outreach.pages.contactInvalid' });
  const topics = input.topics.filter((t) => (OUTREACH_TOPICS as readonly string[]).includes(t));
  if (!topics.length) errors.push({ path: 'topics', message: 'outreach.pages.topicsRequired' });
  const quiet = [input.quietFrom.trim(), input.quietTo.trim()];
  if (quiet.some((q) => q && !CLOCK_TIME.test(q)) || (quiet[0] ? !quiet[1] : !!quiet[1]))
    errors.push({ path: 'quietFrom', message: 'outreach.errors.time' });
  if (!input.consent) errors.push({ path: 'consent', message: 'outreach.pages.consentRequired' });
  const blocks = await findActiveBlocks(deps.database.db, wardId, vnToday(deps.clock()));
  const blockIds = [...new Set(input.blockIds)].filter((b) => blocks.some((x) => x.id === b));
  const messenger = messengerOf(deps);
  if (!messenger.channels().includes(input.channel)) errors.push({ path: 'channel', message: 'outreach.pages.channelUnavailable' });
  if (errors.length || !contact) throw new AppError('validation', errors);
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = deps.clock();
  await queryRows(
    deps.database.db,
    sql`INSERT INTO outreach_subscribers (ward_id, id, unit_id, channel, contact_sealed, contact_hash, contact_hint, topics, block_ids,
          quiet_from, quiet_to, consent_version, consent_at, code_hash, code_expires_at)
        VALUES (${wardId}, ${id}, ${wardId}, ${input.channel}, ${seal(deps.key, contact, 'outreach-contact')},
          ${keyedHash(deps.key, `${wardId}:${input.channel}:${contact}`, 'outreach-contact')}, ${maskContact(contact)},
          ${`{${topics.join(',')}}`}::text[], ${`{${blockIds.join(',')}}`}::uuid[], ${quiet[0] || null}, ${quiet[1] || null},
          ${SUBSCRIPTION_CONSENT_VERSION}, ${now.toISOString()}::timestamptz, ${keyedHash(deps.key, `${id}:${code}`, 'outreach-code')},
          ${new Date(now.getTime() + CODE_TTL_MS).toISOString()}::timestamptz)
        RETURNING id`,
  );
  const sent = await messenger.send({
    channel: input.channel,
    to: contact,
    subject: translate('vi', 'outreach.pages.codeMessageSubject'),
    text: translate('vi', 'outreach.pages.codeMessage', { code }),
  });
  if (!sent.ok) throw fieldError('channel', 'outreach.pages.channelUnavailable');
  return id;
}

/** Confirms a subscription with its code; a confirmed contact replaces its earlier subscription to the same ward. */
export async function confirmSubscription(deps: Deps, wardId: string, id: string, code: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw fieldError('code', 'outreach.pages.codeWrong');
  const db = deps.database.db;
  const now = deps.clock();
  const confirmed = await db.transaction(async (tx) => {
    const [row] = await queryRows<{
      code_hash: string | null;
      code_expires_at: Date | null;
      code_attempts: number;
      contact_hash: string | null;
    }>(
      tx,
      sql`SELECT code_hash, code_expires_at, code_attempts, contact_hash FROM outreach_subscribers
           WHERE ward_id = ${wardId} AND id = ${id} AND verified_at IS NULL AND unsubscribed_at IS NULL FOR UPDATE`,
    );
    const ok =
      row?.code_hash &&
      row.code_expires_at &&
      new Date(row.code_expires_at).getTime() > now.getTime() &&
      Number(row.code_attempts) < CODE_MAX_ATTEMPTS &&
      safeEqual(row.code_hash, keyedHash(deps.key, `${id}:${code.replace(/\D/g, '')}`, 'outreach-code'));
    if (!ok) {
      if (row)
        await queryRows(
          tx,
          sql`UPDATE outreach_subscribers SET code_attempts = code_attempts + 1 WHERE ward_id = ${wardId} AND id = ${id} RETURNING id`,
        );
      return false;
    }
    await queryRows(
      tx,
      sql`UPDATE outreach_subscribers SET unsubscribed_at = ${now.toISOString()}::timestamptz, contact_sealed = NULL, contact_hash = NULL, contact_hint = NULL
           WHERE ward_id = ${wardId} AND contact_hash = ${row.contact_hash} AND id <> ${id} AND unsubscribed_at IS NULL RETURNING id`,
    );
    await queryRows(
      tx,
      sql`UPDATE outreach_subscribers SET verified_at = ${now.toISOString()}::timestamptz, code_hash = NULL, code_expires_at = NULL
           WHERE ward_id = ${wardId} AND id = ${id} RETURNING id`,
    );
    await recordAudit(tx, { action: 'outreach.subscribe', wardId, entityType: 'outreach_subscriber', entityId: id, dayOnly: true });
    return true;
  });
  if (!confirmed) throw fieldError('code', 'outreach.pages.codeWrong');
}

/** Whether a signed unsubscribe link is genuine and its subscription still active. */
export async function checkUnsubscribeLink(deps: Deps, id: string, signature: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(id) || !safeEqual(signature, unsubscribeSignature(deps.key, id))) return false;
  const [row] = await queryRows<{ id: string }>(
    deps.database.db,
    sql`SELECT id FROM outreach_subscribers WHERE id = ${id} AND unsubscribed_at IS NULL AND verified_at IS NOT NULL`,
  );
  return !!row;
}

/** One-click unsubscribe: the subscription ends, its contact is deleted, and what was waiting for it is not sent. */
export async function unsubscribe(deps: Deps, id: string, signature: string): Promise<boolean> {
  if (!(await checkUnsubscribeLink(deps, id, signature))) return false;
  const now = deps.clock().toISOString();
  return deps.database.db.transaction(async (tx) => {
    const [row] = await queryRows<{ ward_id: string }>(
      tx,
      sql`UPDATE outreach_subscribers SET unsubscribed_at = ${now}::timestamptz, contact_sealed = NULL, contact_hash = NULL, contact_hint = NULL
           WHERE id = ${id} AND unsubscribed_at IS NULL RETURNING ward_id`,
    );
    if (!row) return false;
    await queryRows(
      tx,
      sql`UPDATE outreach_deliveries SET status = 'failed', last_error = 'unsubscribed'
           WHERE ward_id = ${row.ward_id} AND subscriber_id = ${id} AND status = 'pending' RETURNING id`,
    );
    await recordAudit(tx, {
      action: 'outreach.unsubscribe',
      wardId: row.ward_id,
      entityType: 'outreach_subscriber',
      entityId: id,
      dayOnly: true,
    });
    return true;
  });
}

export type PublicAnnouncement = {
  id: string;
  kind: string;
  topic: string;
  title: string;
  body: string;
  urgent: boolean;
  survey: boolean;
  period_from: string | null;
  period_to: string | null;
  published_at: Date;
  block_names: string[];
};

/** The published announcements of a ward, newest first. */
export async function publicAnnouncements(deps: Deps, wardId: string, opts: { id?: string; limit?: number } = {}) {
  return queryRows<PublicAnnouncement>(
    deps.database.db,
    sql`SELECT a.id, a.kind, a.topic, a.title, a.body, a.urgent, a.survey, a.period_from::text AS period_from, a.period_to::text AS period_to, a.published_at,
               coalesce((SELECT array_agg(u.name ORDER BY u.name) FROM units u WHERE u.id = ANY (a.block_ids)), '{}') AS block_names
          FROM outreach_announcements a
         WHERE a.ward_id = ${wardId} AND a.published_at IS NOT NULL ${opts.id ? sql`AND a.id = ${opts.id}` : sql``}
         ORDER BY a.published_at DESC, a.id DESC LIMIT ${opts.limit ?? 50}`,
  );
}

/** An anonymous answer to an announcement's survey, counted by block (no name, address or browser detail kept). */
export async function answerSurvey(deps: Deps, wardId: string, announcementId: string, blockId: string | null, answer: SurveyAnswer) {
  const [a] = await publicAnnouncements(deps, wardId, { id: announcementId });
  if (!a?.survey) throw new AppError('notFound');
  const blocks = await findActiveBlocks(deps.database.db, wardId, vnToday(deps.clock()));
  const unitId = blockId && blocks.some((b) => b.id === blockId) ? blockId : wardId;
  await queryRows(
    deps.database.db,
    sql`INSERT INTO outreach_survey_answers (ward_id, announcement_id, unit_id, answer, answered_on)
        VALUES (${wardId}, ${announcementId}, ${unitId}, ${answer}, ${vnToday(deps.clock())}::date) RETURNING id`,
  );
}
