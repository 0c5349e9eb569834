import { MAX_DELIVERY_ATTEMPTS, retryDelayMs, translate } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.ts';
import { keyedHash, open } from '../../platform/crypto.ts';
import { queryRows } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { type Channel, messengerOf } from '../../platform/messaging/index.ts';

/** Subscriptions never confirmed are deleted, with their sealed contact, a day after their code expired. */
export async function purgeUnconfirmed(deps: Deps): Promise<number> {
  const cutoff = new Date(deps.clock().getTime() - 86_400_000).toISOString();
  const rows = await queryRows<{ id: string }>(
    deps.database.db,
    sql`DELETE FROM outreach_subscribers WHERE verified_at IS NULL AND code_expires_at < ${cutoff}::timestamptz RETURNING id`,
  );
  return rows.length;
}

/** A claimed delivery left "sending" this long (a process stopped mid-send) is tried again. */
const STALE_CLAIM_MS = 15 * 60_000;

/** The signature of a subscriber's unsubscribe link (no expiry: the link in an old message keeps working). */
export function unsubscribeSignature(key: Buffer, subscriberId: string): string {
  return keyedHash(key, subscriberId, 'outreach-unsubscribe').slice(0, 32);
}

export function unsubscribeUrl(deps: Deps, subscriberId: string): string {
  return `${deps.cfg.publicUrl}/thong-bao/huy/${subscriberId}/${unsubscribeSignature(deps.key, subscriberId)}`;
}

type Claimed = {
  ward_id: string;
  id: string;
  announcement_id: string;
  subscriber_id: string;
  channel: string;
  attempts: number;
  contact_sealed: string | null;
  unsubscribed_at: Date | null;
  title: string;
  body: string;
  urgent: boolean;
  ward_code: string;
};

/**
 * Sends the deliveries that are due, oldest first: each is claimed (status "sending", one more attempt) in its own
 * statement so that two workers never take the same one; a sent delivery is never sent again (one row per recipient and
 * announcement). A failure the provider calls temporary waits `retryDelayMs(attempts)` and is tried again, up to
 * MAX_DELIVERY_ATTEMPTS; any other is final. Nothing about the recipient or the message is logged.
 */
export async function deliverDue(deps: Deps, opts: { wardId?: string; limit?: number } = {}) {
  const db = deps.database.db;
  const now = deps.clock();
  const nowIso = now.toISOString();
  const staleIso = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  const ward = opts.wardId ? sql`AND ward_id = ${opts.wardId}` : sql``;
  await queryRows(
    db,
    sql`UPDATE outreach_deliveries SET status = 'pending', next_attempt_at = ${nowIso}::timestamptz
         WHERE status = 'sending' AND claimed_at < ${staleIso}::timestamptz ${ward} RETURNING id`,
  );
  const claimed = await queryRows<Claimed>(
    db,
    sql`WITH due AS (
          SELECT ward_id, id FROM outreach_deliveries
           WHERE status = 'pending' AND next_attempt_at <= ${nowIso}::timestamptz ${ward}
           ORDER BY next_attempt_at, id LIMIT ${opts.limit ?? 200} FOR UPDATE SKIP LOCKED)
        , claimed AS (
          UPDATE outreach_deliveries d SET status = 'sending', claimed_at = ${nowIso}::timestamptz, attempts = d.attempts + 1
            FROM due WHERE d.ward_id = due.ward_id AND d.id = due.id
         RETURNING d.ward_id, d.id, d.announcement_id, d.subscriber_id, d.channel, d.attempts)
        SELECT c.*, s.contact_sealed, s.unsubscribed_at, a.title, a.body, a.urgent, w.code AS ward_code
          FROM claimed c
          JOIN outreach_subscribers s ON s.ward_id = c.ward_id AND s.id = c.subscriber_id
          JOIN outreach_announcements a ON a.ward_id = c.ward_id AND a.id = c.announcement_id
          JOIN units w ON w.id = c.ward_id`,
  );
  const messenger = messengerOf(deps);
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  for (const d of claimed) {
    const finish = async (status: 'sent' | 'pending' | 'failed', values: { error?: string; providerId?: string; nextAt?: Date }) => {
      await queryRows(
        db,
        sql`UPDATE outreach_deliveries SET status = ${status}, claimed_at = NULL, last_error = ${values.error ?? null},
               provider_id = coalesce(${values.providerId ?? null}, provider_id),
               sent_at = ${status === 'sent' ? nowIso : null}::timestamptz,
               next_attempt_at = ${(values.nextAt ?? now).toISOString()}::timestamptz
             WHERE ward_id = ${d.ward_id} AND id = ${d.id} RETURNING id`,
      );
    };
    if (d.unsubscribed_at || !d.contact_sealed) {
      await finish('failed', { error: 'unsubscribed' });
      outcome.failed++;
      continue;
    }
    const to = open(deps.key, d.contact_sealed, 'outreach-contact');
    const link = `${deps.cfg.publicUrl}/thong-bao/${encodeURIComponent(d.ward_code)}/${d.announcement_id}`;
    const unsubscribe = unsubscribeUrl(deps, d.subscriber_id);
    const subject = `${d.urgent ? `[${translate('vi', 'outreach.pages.urgent').toUpperCase()}] ` : ''}${d.title}`;
    const footer = translate('vi', 'outreach.pages.messageFooter', { url: unsubscribe });
    const text = d.channel === 'email' ? `${d.body}\n\n${link}\n\n${footer}` : `${d.title}: ${d.body.slice(0, 300)} ${link}\n${footer}`;
    let result: Awaited<ReturnType<typeof messenger.send>>;
    try {
      result = await messenger.send({ channel: d.channel as Channel, to, subject, text, unsubscribeUrl: unsubscribe });
    } catch {
      result = { ok: false, retryable: true, error: 'messenger error' };
    }
    if (result.ok) {
      await finish('sent', { providerId: result.providerId });
      outcome.sent++;
    } else if (result.retryable && Number(d.attempts) < MAX_DELIVERY_ATTEMPTS) {
      await finish('pending', { error: result.error.slice(0, 200), nextAt: new Date(now.getTime() + retryDelayMs(Number(d.attempts))) });
      outcome.retrying++;
    } else {
      await finish('failed', { error: result.error.slice(0, 200) });
      outcome.failed++;
    }
  }
  if (claimed.length) {
    const wards = [...new Set(claimed.map((c) => c.ward_id))];
    await db.transaction(async (tx) => {
      for (const w of wards) await recordAudit(tx, { action: 'outreach.deliveries_sent', wardId: w, detail: outcome });
    });
  }
  return outcome;
}
