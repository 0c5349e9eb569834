import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db.ts';

export type TipFigures = {
  /** Tips received in the period, spam apart. */
  received: number;
  /** Tips of the period transferred to the competent agency, and of those, transferred by their due time. */
  transferred: number;
  transferredOnTime: number;
  /** Tips received (spam apart) per channel, and per outcome the competent agency reported back. */
  byChannel: Record<string, number>;
  byOutcome: Record<string, number>;
};

/**
 * The tip figures of a set of units over a period (days received), for the report summary and the periodic report, in
 * one statement: counted by the database function `report_tip_counts` (migration T2610), which reads the mailbox as its
 * owner but counts only the rows of the reader's own scope, so that a province reader, whom the mailbox's row policy
 * shows no tip, gets the count of its wards' tips — never a tip. Runs in the reader's transaction (`withActor`), whose
 * settings it relies on.
 */
export async function countTipFigures(tx: DbOrTx, unitIds: readonly string[], from: string, to: string): Promise<TipFigures> {
  const out: TipFigures = { received: 0, transferred: 0, transferredOnTime: 0, byChannel: {}, byOutcome: {} };
  if (unitIds.length === 0) return out;
  const rows = await queryRows<{
    channel: string;
    outcome: string | null;
    is_spam: boolean;
    n: number;
    transferred: number;
    on_time: number;
  }>(
    tx,
    sql`SELECT channel, outcome, is_spam, n, transferred, on_time
        FROM report_tip_counts(${`{${unitIds.join(',')}}`}::uuid[], ${from}::date, ${to}::date)`,
  );
  for (const r of rows) {
    const n = Number(r.n);
    out.transferred += Number(r.transferred);
    out.transferredOnTime += Number(r.on_time);
    if (r.is_spam) continue;
    out.received += n;
    out.byChannel[r.channel] = (out.byChannel[r.channel] ?? 0) + n;
    if (r.outcome) out.byOutcome[r.outcome] = (out.byOutcome[r.outcome] ?? 0) + n;
  }
  return out;
}

const uuids = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Tips received (spam apart) by a set of units over a period, per month (Vietnam days, "yyyy-mm"), unit and category
 * (null before triage), for the dashboard's trend, areas and map; counted by `dashboard_tip_counts` (migration T2710)
 * within the reader's scope, a city's or a province's too.
 */
export async function countTipsByMonthUnitCategory(
  tx: DbOrTx,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<{ month: string; unitId: string; category: string | null; n: number }[]> {
  if (unitIds.length === 0) return [];
  const rows = await queryRows<{ month: string; unit_id: string; category: string | null; n: number }>(
    tx,
    sql`SELECT month, unit_id, category, n FROM dashboard_tip_counts(${uuids(unitIds)}::uuid[], ${from}::date, ${to}::date)`,
  );
  return rows.map((r) => ({ month: r.month, unitId: r.unit_id, category: r.category, n: Number(r.n) }));
}

/**
 * Tips of a set of units with a legal clock run out at `now` (open, and their earliest running clock — `next_due_at`,
 * tip.clocks.ts — before now), as the inbox's "overdue" view counts them, within the reader's scope.
 */
export async function countOverdueTips(tx: DbOrTx, unitIds: readonly string[], now: Date): Promise<number> {
  if (unitIds.length === 0) return 0;
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT overdue_tip_count(${uuids(unitIds)}::uuid[], ${now.toISOString()}::timestamptz) AS n`,
  );
  return Number(row?.n ?? 0);
}

/** Tips received (spam apart) per ward over a period, for the roll-up, within the reader's scope. */
export async function countTipsByWard(tx: DbOrTx, wardIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
  if (wardIds.length === 0) return new Map();
  const rows = await queryRows<{ ward_id: string; n: number }>(
    tx,
    sql`SELECT ward_id, n FROM tip_counts_by_ward(${uuids(wardIds)}::uuid[], ${from}::date, ${to}::date)`,
  );
  return new Map(rows.map((r) => [r.ward_id, Number(r.n)]));
}
