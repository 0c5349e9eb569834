import { and, asc, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { likePattern, units } from '../units/index.ts';
import {
  type MediationCaseRow,
  type MediationMemberRow,
  type MediationTeamRow,
  mediationCases,
  mediationFollowUps,
  mediationMembers,
  mediationNotifications,
  mediationSessions,
  mediationTeams,
} from './mediation.table.ts';

/** Cases the police see of the book: at risk, returning, or handed to them. */
const ESCALATION = sql`(${mediationCases.risk} <> 'none' OR ${mediationCases.recurring} OR ${mediationCases.status} = 'referred')`;

/* ---------- teams and members ---------- */

export async function insertTeam(tx: DbOrTx, row: typeof mediationTeams.$inferInsert): Promise<void> {
  await tx.insert(mediationTeams).values(row);
}

export async function updateTeamRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof mediationTeams.$inferInsert>) {
  await tx
    .update(mediationTeams)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(mediationTeams.wardId, wardId), eq(mediationTeams.id, id)));
}

export type TeamRecord = MediationTeamRow & { unitName: string };

export async function findTeamsInScope(tx: DbOrTx, actor: Actor, f: { q?: string; unitId?: string }): Promise<TeamRecord[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: mediationTeams.wardId, unitId: mediationTeams.unitId })];
  if (f.q?.trim()) {
    where.push(sql`f_unaccent(lower(${mediationTeams.name})) LIKE f_unaccent(${likePattern(f.q.trim().normalize('NFC').toLowerCase())})`);
  }
  if (f.unitId) where.push(eq(mediationTeams.unitId, f.unitId));
  const rows = await tx
    .select({ t: mediationTeams, unitName: units.name })
    .from(mediationTeams)
    .innerJoin(units, eq(units.id, mediationTeams.unitId))
    .where(and(...where))
    .orderBy(asc(mediationTeams.closedOn), asc(mediationTeams.name), asc(mediationTeams.id))
    .limit(500);
  return rows.map((r) => ({ ...r.t, unitName: r.unitName }));
}

export async function findTeamInScope(tx: DbOrTx, actor: Actor, id: string): Promise<TeamRecord | null> {
  const rows = await tx
    .select({ t: mediationTeams, unitName: units.name })
    .from(mediationTeams)
    .innerJoin(units, eq(units.id, mediationTeams.unitId))
    .where(and(eq(mediationTeams.id, id), inScope(actor, { wardId: mediationTeams.wardId, unitId: mediationTeams.unitId })))
    .limit(1);
  return rows[0] ? { ...rows[0].t, unitName: rows[0].unitName } : null;
}

export async function findMembers(tx: DbOrTx, wardIds: readonly string[], teamIds: readonly string[]): Promise<MediationMemberRow[]> {
  if (teamIds.length === 0) return [];
  return tx
    .select()
    .from(mediationMembers)
    .where(and(inArray(mediationMembers.wardId, [...wardIds]), inArray(mediationMembers.teamId, [...teamIds])))
    .orderBy(asc(mediationMembers.role), asc(mediationMembers.joinedOn), asc(mediationMembers.fullName));
}

export async function findMembersByIds(tx: DbOrTx, wardId: string, ids: readonly string[]): Promise<MediationMemberRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(mediationMembers)
    .where(and(eq(mediationMembers.wardId, wardId), inArray(mediationMembers.id, [...ids])));
}

export async function insertMember(tx: DbOrTx, row: typeof mediationMembers.$inferInsert): Promise<void> {
  await tx.insert(mediationMembers).values(row);
}

export async function updateMemberRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof mediationMembers.$inferInsert>) {
  await tx
    .update(mediationMembers)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(mediationMembers.wardId, wardId), eq(mediationMembers.id, id)));
}

/* ---------- the book ---------- */

/** The next number of the ward's mediation book for the year. */
export async function nextCaseNumber(tx: DbOrTx, wardId: string, year: number): Promise<number> {
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`INSERT INTO mediation_counters (ward_id, year, last) VALUES (${wardId}, ${year}, 1)
        ON CONFLICT (ward_id, year) DO UPDATE SET last = mediation_counters.last + 1 RETURNING last`,
  );
  return Number(row?.last ?? 1);
}

export async function insertCase(tx: DbOrTx, row: typeof mediationCases.$inferInsert): Promise<void> {
  await tx.insert(mediationCases).values(row);
}

export async function updateCaseRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof mediationCases.$inferInsert>) {
  await tx
    .update(mediationCases)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(mediationCases.wardId, wardId), eq(mediationCases.id, id)));
}

export type CaseRecord = MediationCaseRow & { unitName: string; teamName: string | null };

const caseColumns = { c: mediationCases, unitName: units.name, teamName: mediationTeams.name };

export async function findCaseInScope(tx: DbOrTx, actor: Actor, id: string, escalationsOnly: boolean): Promise<CaseRecord | null> {
  const rows = await tx
    .select(caseColumns)
    .from(mediationCases)
    .innerJoin(units, eq(units.id, mediationCases.unitId))
    .leftJoin(mediationTeams, and(eq(mediationTeams.wardId, mediationCases.wardId), eq(mediationTeams.id, mediationCases.teamId)))
    .where(
      and(
        eq(mediationCases.id, id),
        inScope(actor, { wardId: mediationCases.wardId, unitId: mediationCases.unitId }),
        escalationsOnly ? ESCALATION : undefined,
      ),
    )
    .limit(1);
  return rows[0] ? { ...rows[0].c, unitName: rows[0].unitName, teamName: rows[0].teamName } : null;
}

export type CaseFilter = {
  q?: string;
  unitIds?: readonly string[];
  status?: string;
  type?: string;
  from?: string;
  to?: string;
  escalated?: boolean;
  after?: { receivedOn: string; year: number; seq: number };
};

/** The book, newest first (keyset on the day received, then the number). */
export async function findCasesInScope(
  tx: DbOrTx,
  actor: Actor,
  f: CaseFilter,
  escalationsOnly: boolean,
  limit: number,
): Promise<CaseRecord[]> {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: mediationCases.wardId, unitId: mediationCases.unitId })];
  if (escalationsOnly || f.escalated) where.push(ESCALATION);
  if (f.q?.trim()) {
    const like = likePattern(f.q.trim().normalize('NFC').toLowerCase());
    const number = /^hg-(\d{4})-0*(\d+)$/i.exec(f.q.trim());
    where.push(
      or(
        sql`f_unaccent(lower(${mediationCases.summary})) LIKE f_unaccent(${like})`,
        sql`f_unaccent(lower(${mediationCases.parties}::text)) LIKE f_unaccent(${like})`,
        number ? and(eq(mediationCases.year, Number(number[1])), eq(mediationCases.seq, Number(number[2]))) : undefined,
      ),
    );
  }
  if (f.unitIds) where.push(inArray(mediationCases.unitId, [...f.unitIds]));
  if (f.status) where.push(eq(mediationCases.status, f.status));
  if (f.type) where.push(eq(mediationCases.type, f.type));
  if (f.from) where.push(gte(mediationCases.receivedOn, f.from));
  if (f.to) where.push(lte(mediationCases.receivedOn, f.to));
  if (f.after) {
    where.push(
      sql`(${mediationCases.receivedOn}, ${mediationCases.year}, ${mediationCases.seq}) < (${f.after.receivedOn}::date, ${f.after.year}, ${f.after.seq})`,
    );
  }
  const rows = await tx
    .select(caseColumns)
    .from(mediationCases)
    .innerJoin(units, eq(units.id, mediationCases.unitId))
    .leftJoin(mediationTeams, and(eq(mediationTeams.wardId, mediationCases.wardId), eq(mediationTeams.id, mediationCases.teamId)))
    .where(and(...where))
    .orderBy(desc(mediationCases.receivedOn), desc(mediationCases.year), desc(mediationCases.seq))
    .limit(limit);
  return rows.map((r) => ({ ...r.c, unitName: r.unitName, teamName: r.teamName }));
}

/** The book of a block for a year, in the order received (the paper book's order). */
export async function findBookCases(tx: DbOrTx, actor: Actor, unitIds: readonly string[], year: number): Promise<CaseRecord[]> {
  const rows = await tx
    .select(caseColumns)
    .from(mediationCases)
    .innerJoin(units, eq(units.id, mediationCases.unitId))
    .leftJoin(mediationTeams, and(eq(mediationTeams.wardId, mediationCases.wardId), eq(mediationTeams.id, mediationCases.teamId)))
    .where(
      and(
        inScope(actor, { wardId: mediationCases.wardId, unitId: mediationCases.unitId }),
        inArray(mediationCases.unitId, [...unitIds]),
        gte(mediationCases.receivedOn, `${year}-01-01`),
        lte(mediationCases.receivedOn, `${year}-12-31`),
      ),
    )
    .orderBy(asc(mediationCases.receivedOn), asc(mediationCases.seq));
  return rows.map((r) => ({ ...r.c, unitName: r.unitName, teamName: r.teamName }));
}

/** Earlier cases of a block in which one of the parties appears (for the returning-dispute rule). */
export async function findEarlierWithParties(
  tx: DbOrTx,
  wardId: string,
  unitIds: readonly string[],
  keys: readonly string[],
  since: string,
  until: string,
): Promise<{ receivedOn: string; parties: string[] }[]> {
  if (keys.length === 0) return [];
  const rows = await tx
    .select({ receivedOn: mediationCases.receivedOn, partyKeys: mediationCases.partyKeys })
    .from(mediationCases)
    .where(
      and(
        eq(mediationCases.wardId, wardId),
        inArray(mediationCases.unitId, [...unitIds]),
        gte(mediationCases.receivedOn, since),
        lte(mediationCases.receivedOn, until),
        sql`${mediationCases.partyKeys} && ${sql`ARRAY[${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )}]::text[]`}`,
      ),
    );
  return rows.map((r) => ({ receivedOn: r.receivedOn, parties: r.partyKeys }));
}

export async function insertSession(tx: DbOrTx, row: typeof mediationSessions.$inferInsert): Promise<void> {
  await tx.insert(mediationSessions).values(row);
}

export async function findSessions(tx: DbOrTx, wardId: string, caseId: string) {
  return tx
    .select()
    .from(mediationSessions)
    .where(and(eq(mediationSessions.wardId, wardId), eq(mediationSessions.caseId, caseId)))
    .orderBy(asc(mediationSessions.heldOn), asc(mediationSessions.createdAt));
}

export async function insertFollowUp(tx: DbOrTx, row: typeof mediationFollowUps.$inferInsert): Promise<void> {
  await tx.insert(mediationFollowUps).values(row);
}

export async function findFollowUps(tx: DbOrTx, wardId: string, caseId: string) {
  return tx
    .select()
    .from(mediationFollowUps)
    .where(and(eq(mediationFollowUps.wardId, wardId), eq(mediationFollowUps.caseId, caseId)))
    .orderBy(asc(mediationFollowUps.onDay), asc(mediationFollowUps.createdAt));
}

/* ---------- notifications ---------- */

export async function insertNotification(tx: DbOrTx, row: typeof mediationNotifications.$inferInsert): Promise<void> {
  await tx.insert(mediationNotifications).values(row);
}

export async function findNotifications(tx: DbOrTx, actor: Actor, unreadOnly: boolean, limit: number) {
  return tx
    .select({
      id: mediationNotifications.id,
      kind: mediationNotifications.kind,
      createdAt: mediationNotifications.createdAt,
      readAt: mediationNotifications.readAt,
      caseId: mediationCases.id,
      year: mediationCases.year,
      seq: mediationCases.seq,
      type: mediationCases.type,
      unitName: units.name,
    })
    .from(mediationNotifications)
    .innerJoin(
      mediationCases,
      and(eq(mediationCases.wardId, mediationNotifications.wardId), eq(mediationCases.id, mediationNotifications.caseId)),
    )
    .innerJoin(units, eq(units.id, mediationNotifications.unitId))
    .where(
      and(
        inScope(actor, { wardId: mediationNotifications.wardId, unitId: mediationNotifications.unitId }),
        unreadOnly ? isNull(mediationNotifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(mediationNotifications.createdAt), desc(mediationNotifications.id))
    .limit(limit);
}

export async function countUnreadNotifications(tx: DbOrTx, actor: Actor): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(mediationNotifications)
    .where(
      and(
        inScope(actor, { wardId: mediationNotifications.wardId, unitId: mediationNotifications.unitId }),
        isNull(mediationNotifications.readAt),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function markNotificationRead(tx: DbOrTx, actor: Actor, id: string): Promise<{ wardId: string } | null> {
  const rows = await tx
    .update(mediationNotifications)
    .set({ readAt: new Date(), readBy: actor.userId })
    .where(
      and(
        eq(mediationNotifications.id, id),
        inScope(actor, { wardId: mediationNotifications.wardId, unitId: mediationNotifications.unitId }),
      ),
    )
    .returning({ wardId: mediationNotifications.wardId });
  return rows[0] ?? null;
}

/* ---------- figures ---------- */

/** The counts of the cases of one unit and type that the report summary carries. */
export type FigureRow = {
  unitId: string;
  /** The unit's name, or null when the reader does not see the unit. */
  name: string | null;
  type: string;
  received: number;
  settled: number;
  notSettled: number;
  stopped: number;
  refused: number;
  referred: number;
  inProgress: number;
  atRisk: number;
  returning: number;
  prolonged: number;
};

/**
 * The summary's counts of the mediation cases of some units over a period, by unit and type, in one pass over the
 * table: received (by the day received; refused at screening, still in progress, at risk, returning among them), the
 * results by the day of the result, the referrals by the day referred, and the disputes still prolonged at the end of
 * the period (`isProlongedDispute`, mediation.rules.ts: not settled, refused or referred, and at risk, returning or
 * open more than `prolongedDays`) among the cases received, given a result or referred in the period, or still open
 * at its end. Counts only, no personal data.
 */
export async function countCaseFigures(
  tx: DbOrTx,
  unitIds: readonly string[],
  from: string,
  to: string,
  prolongedDays: number,
): Promise<FigureRow[]> {
  if (unitIds.length === 0) return [];
  const ids = `{${unitIds.join(',')}}`;
  const received = sql`received_on BETWEEN ${from}::date AND ${to}::date`;
  const result = sql`result_on BETWEEN ${from}::date AND ${to}::date`;
  const rows = await queryRows<{
    unit_id: string;
    name: string | null;
    type: string;
    received: number;
    settled: number;
    not_settled: number;
    stopped: number;
    refused: number;
    referred: number;
    in_progress: number;
    at_risk: number;
    returning: number;
    prolonged: number;
  }>(
    tx,
    sql`WITH g AS (
          SELECT unit_id, type,
                 count(*) FILTER (WHERE ${received})::int AS received,
                 count(*) FILTER (WHERE status = 'settled' AND ${result})::int AS settled,
                 count(*) FILTER (WHERE status = 'not_settled' AND ${result})::int AS not_settled,
                 count(*) FILTER (WHERE status = 'stopped' AND ${result})::int AS stopped,
                 count(*) FILTER (WHERE ${received} AND cardinality(exclusions) > 0)::int AS refused,
                 count(*) FILTER (WHERE status = 'referred' AND referred_on BETWEEN ${from}::date AND ${to}::date)::int AS referred,
                 count(*) FILTER (WHERE ${received} AND status = 'in_progress')::int AS in_progress,
                 count(*) FILTER (WHERE ${received} AND risk <> 'none')::int AS at_risk,
                 count(*) FILTER (WHERE ${received} AND recurring)::int AS returning,
                 count(*) FILTER (WHERE received_on <= ${to}::date AND status NOT IN ('settled', 'refused', 'referred')
                   AND (risk <> 'none' OR recurring OR received_on + ${prolongedDays}::int < ${to}::date))::int AS prolonged
          FROM mediation_cases
          WHERE unit_id = ANY(${ids}::uuid[])
            AND (${received} OR ${result} OR referred_on BETWEEN ${from}::date AND ${to}::date
                 OR (received_on <= ${to}::date AND status IN ('in_progress', 'not_settled', 'stopped')))
          GROUP BY unit_id, type
        )
        SELECT g.*, u.name FROM g LEFT JOIN units u ON u.id = g.unit_id`,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    name: r.name,
    type: r.type,
    received: Number(r.received),
    settled: Number(r.settled),
    notSettled: Number(r.not_settled),
    stopped: Number(r.stopped),
    refused: Number(r.refused),
    referred: Number(r.referred),
    inProgress: Number(r.in_progress),
    atRisk: Number(r.at_risk),
    returning: Number(r.returning),
    prolonged: Number(r.prolonged),
  }));
}
