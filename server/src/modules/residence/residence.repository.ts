import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, inScope } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db.ts';
import { likePattern, units } from '../units/index.ts';
import {
  type GuestRow,
  type InspectionRow,
  type NotificationRow,
  type PersonRow,
  type PlaceRow,
  residenceContactCodes,
  residenceCounters,
  residenceGuests,
  residenceInspections,
  residenceNotifications,
  residencePeople,
  residencePlaces,
  residenceRetention,
} from './residence.table.ts';

/** A search pattern for names typed with or without diacritics (compared through f_unaccent(lower(…))). */
function folded(q: string): string {
  return likePattern(q.trim().normalize('NFC').toLowerCase());
}

export async function nextResidenceNumber(tx: DbOrTx, wardId: string, register: 'notification' | 'inspection', year: number) {
  const [row] = await tx
    .insert(residenceCounters)
    .values({ wardId, register, year, last: 1 })
    .onConflictDoUpdate({
      target: [residenceCounters.wardId, residenceCounters.register, residenceCounters.year],
      set: { last: sql`${residenceCounters.last} + 1` },
    })
    .returning({ last: residenceCounters.last });
  return row?.last ?? 1;
}

// Places ------------------------------------------------------------------------------------------------------------

export type PlaceRecord = PlaceRow & { unitName: string; lastInspectedOn: string | null };

const lastInspected = sql<string | null>`(SELECT max(i.done_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text FROM residence_inspections i
  WHERE i.ward_id = ${residencePlaces.wardId} AND i.place_id = ${residencePlaces.id} AND i.status = 'done')`;

export async function insertPlace(tx: DbOrTx, row: typeof residencePlaces.$inferInsert) {
  await tx.insert(residencePlaces).values(row);
}

export async function updatePlaceRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof residencePlaces.$inferInsert>) {
  await tx
    .update(residencePlaces)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(residencePlaces.wardId, wardId), eq(residencePlaces.id, id)));
}

export async function findPlaceInScope(tx: DbOrTx, actor: Actor, id: string): Promise<PlaceRecord | null> {
  const rows = await tx
    .select({ p: residencePlaces, unitName: units.name, lastInspectedOn: lastInspected })
    .from(residencePlaces)
    .innerJoin(units, eq(units.id, residencePlaces.unitId))
    .where(and(eq(residencePlaces.id, id), inScope(actor, { wardId: residencePlaces.wardId, unitId: residencePlaces.unitId })))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.p, unitName: r.unitName, lastInspectedOn: r.lastInspectedOn } : null;
}

export type PlaceFilter = { q?: string; unitId?: string; kind?: string; active?: boolean };

export async function findPlacesInScope(tx: DbOrTx, actor: Actor, f: PlaceFilter, offset: number, limit: number) {
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: residencePlaces.wardId, unitId: residencePlaces.unitId })];
  if (f.q?.trim()) {
    const p = folded(f.q);
    where.push(
      sql`f_unaccent(lower(${residencePlaces.name} || ' ' || ${residencePlaces.address} || ' ' || ${residencePlaces.ownerName})) LIKE f_unaccent(${p})`,
    );
  }
  if (f.unitId) where.push(eq(residencePlaces.unitId, f.unitId));
  if (f.kind) where.push(eq(residencePlaces.kind, f.kind));
  if (f.active !== undefined) where.push(eq(residencePlaces.active, f.active));
  const [total] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(residencePlaces)
    .where(and(...where));
  const rows = await tx
    .select({ p: residencePlaces, unitName: units.name, lastInspectedOn: lastInspected })
    .from(residencePlaces)
    .innerJoin(units, eq(units.id, residencePlaces.unitId))
    .where(and(...where))
    .orderBy(asc(units.name), asc(residencePlaces.name), asc(residencePlaces.id))
    .offset(offset)
    .limit(limit);
  return { total: Number(total?.n ?? 0), items: rows.map((r) => ({ ...r.p, unitName: r.unitName, lastInspectedOn: r.lastInspectedOn })) };
}

export async function findPlaceByImportKey(tx: DbOrTx, wardId: string, key: string) {
  const rows = await tx
    .select({ id: residencePlaces.id })
    .from(residencePlaces)
    .where(and(eq(residencePlaces.wardId, wardId), eq(residencePlaces.importKey, key)))
    .limit(1);
  return rows[0]?.id ?? null;
}

// Notifications -----------------------------------------------------------------------------------------------------

export type NotificationRecord = NotificationRow & { unitName: string; placeName: string | null };

export async function insertNotification(tx: DbOrTx, row: typeof residenceNotifications.$inferInsert) {
  await tx.insert(residenceNotifications).values(row);
}

export async function insertGuests(tx: DbOrTx, rows: (typeof residenceGuests.$inferInsert)[]) {
  if (rows.length) await tx.insert(residenceGuests).values(rows);
}

export type NotificationFilter = {
  q?: string;
  unitId?: string;
  placeId?: string;
  channel?: string;
  onTime?: boolean;
  from?: string;
  to?: string;
};

const vnDay = (col: SQL | typeof residenceNotifications.arrivalAt) => sql`(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

export async function findNotificationsInScope(tx: DbOrTx, actor: Actor, f: NotificationFilter, offset: number, limit: number) {
  const n = residenceNotifications;
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: n.wardId, unitId: n.unitId })];
  if (f.q?.trim()) {
    const p = folded(f.q);
    where.push(
      or(
        sql`f_unaccent(lower(${n.hostName} || ' ' || ${n.address})) LIKE f_unaccent(${p})`,
        sql`lower('lt-' || ${n.year} || '-' || lpad(${n.seq}::text, 4, '0')) LIKE ${p}`,
        sql`EXISTS (SELECT 1 FROM residence_guests g WHERE g.ward_id = ${n.wardId} AND g.notification_id = ${n.id}
              AND f_unaccent(lower(g.full_name)) LIKE f_unaccent(${p}))`,
      ),
    );
  }
  if (f.unitId) where.push(eq(n.unitId, f.unitId));
  if (f.placeId) where.push(eq(n.placeId, f.placeId));
  if (f.channel) where.push(eq(n.channel, f.channel));
  if (f.onTime !== undefined) where.push(eq(n.onTime, f.onTime));
  if (f.from) where.push(sql`${vnDay(n.arrivalAt)} >= ${f.from}::date`);
  if (f.to) where.push(sql`${vnDay(n.arrivalAt)} <= ${f.to}::date`);
  const [total] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(n)
    .where(and(...where));
  const rows = await tx
    .select({ r: n, unitName: units.name, placeName: residencePlaces.name })
    .from(n)
    .innerJoin(units, eq(units.id, n.unitId))
    .leftJoin(residencePlaces, and(eq(residencePlaces.wardId, n.wardId), eq(residencePlaces.id, n.placeId)))
    .where(and(...where))
    .orderBy(desc(n.arrivalAt), desc(n.id))
    .offset(offset)
    .limit(limit);
  return { total: Number(total?.n ?? 0), items: rows.map((r) => ({ ...r.r, unitName: r.unitName, placeName: r.placeName })) };
}

export async function findNotificationInScope(tx: DbOrTx, actor: Actor, id: string): Promise<NotificationRecord | null> {
  const n = residenceNotifications;
  const rows = await tx
    .select({ r: n, unitName: units.name, placeName: residencePlaces.name })
    .from(n)
    .innerJoin(units, eq(units.id, n.unitId))
    .leftJoin(residencePlaces, and(eq(residencePlaces.wardId, n.wardId), eq(residencePlaces.id, n.placeId)))
    .where(and(eq(n.id, id), inScope(actor, { wardId: n.wardId, unitId: n.unitId })))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.r, unitName: r.unitName, placeName: r.placeName } : null;
}

export async function findGuests(tx: DbOrTx, wardIds: readonly string[], notificationIds: readonly string[]): Promise<GuestRow[]> {
  if (!notificationIds.length) return [];
  return tx
    .select()
    .from(residenceGuests)
    .where(and(inArray(residenceGuests.wardId, [...wardIds]), inArray(residenceGuests.notificationId, [...notificationIds])))
    .orderBy(asc(residenceGuests.fullName));
}

// People ------------------------------------------------------------------------------------------------------------

export type PersonRecord = PersonRow & { unitName: string; placeName: string | null };

export async function insertPerson(tx: DbOrTx, row: typeof residencePeople.$inferInsert) {
  await tx.insert(residencePeople).values(row);
}

export async function updatePersonRow(tx: DbOrTx, wardId: string, id: string, values: Partial<typeof residencePeople.$inferInsert>) {
  await tx
    .update(residencePeople)
    .set(values)
    .where(and(eq(residencePeople.wardId, wardId), eq(residencePeople.id, id)));
}

export type PersonFilter = { q?: string; unitId?: string; placeId?: string; kind?: string; state?: 'current' | 'expiring' | 'expired' };

export async function findPeopleInScope(tx: DbOrTx, actor: Actor, f: PersonFilter, today: string, offset: number, limit: number) {
  const p = residencePeople;
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: p.wardId, unitId: p.unitId })];
  if (f.q?.trim()) where.push(sql`f_unaccent(lower(${p.fullName})) LIKE f_unaccent(${folded(f.q)})`);
  if (f.unitId) where.push(eq(p.unitId, f.unitId));
  if (f.placeId) where.push(eq(p.placeId, f.placeId));
  if (f.kind) where.push(eq(p.kind, f.kind));
  // The 15-day renewal window (RENEWAL_WINDOW_DAYS in residence.rules.ts).
  if (f.state === 'expired') where.push(sql`${p.untilOn} < ${today}::date`);
  if (f.state === 'expiring') where.push(sql`${p.untilOn} >= ${today}::date AND ${p.untilOn} - 15 <= ${today}::date`);
  if (f.state === 'current') where.push(sql`(${p.untilOn} IS NULL OR ${p.untilOn} - 15 > ${today}::date)`);
  const [total] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(p)
    .where(and(...where));
  const rows = await tx
    .select({ r: p, unitName: units.name, placeName: residencePlaces.name })
    .from(p)
    .innerJoin(units, eq(units.id, p.unitId))
    .leftJoin(residencePlaces, and(eq(residencePlaces.wardId, p.wardId), eq(residencePlaces.id, p.placeId)))
    .where(and(...where))
    .orderBy(sql`${p.untilOn} ASC NULLS LAST`, asc(p.fullName), asc(p.id))
    .offset(offset)
    .limit(limit);
  return { total: Number(total?.n ?? 0), items: rows.map((r) => ({ ...r.r, unitName: r.unitName, placeName: r.placeName })) };
}

export async function findPersonInScope(tx: DbOrTx, actor: Actor, id: string): Promise<PersonRecord | null> {
  const p = residencePeople;
  const rows = await tx
    .select({ r: p, unitName: units.name, placeName: residencePlaces.name })
    .from(p)
    .innerJoin(units, eq(units.id, p.unitId))
    .leftJoin(residencePlaces, and(eq(residencePlaces.wardId, p.wardId), eq(residencePlaces.id, p.placeId)))
    .where(and(eq(p.id, id), inScope(actor, { wardId: p.wardId, unitId: p.unitId })))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.r, unitName: r.unitName, placeName: r.placeName } : null;
}

export async function findGuestInScope(tx: DbOrTx, actor: Actor, id: string) {
  const rows = await tx
    .select({ g: residenceGuests })
    .from(residenceGuests)
    .innerJoin(
      residenceNotifications,
      and(eq(residenceNotifications.wardId, residenceGuests.wardId), eq(residenceNotifications.id, residenceGuests.notificationId)),
    )
    .where(
      and(eq(residenceGuests.id, id), inScope(actor, { wardId: residenceNotifications.wardId, unitId: residenceNotifications.unitId })),
    )
    .limit(1);
  return rows[0]?.g ?? null;
}

export async function findPersonByImportKey(tx: DbOrTx, wardId: string, key: string) {
  const rows = await tx
    .select({ id: residencePeople.id })
    .from(residencePeople)
    .where(and(eq(residencePeople.wardId, wardId), eq(residencePeople.importKey, key)))
    .limit(1);
  return rows[0]?.id ?? null;
}

// Inspections -------------------------------------------------------------------------------------------------------

export type InspectionRecord = InspectionRow & { unitName: string; placeName: string | null };

export async function insertInspection(tx: DbOrTx, row: typeof residenceInspections.$inferInsert) {
  await tx.insert(residenceInspections).values(row);
}

export async function updateInspectionRow(
  tx: DbOrTx,
  wardId: string,
  id: string,
  values: Partial<typeof residenceInspections.$inferInsert>,
) {
  await tx
    .update(residenceInspections)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(residenceInspections.wardId, wardId), eq(residenceInspections.id, id)));
}

export type InspectionFilter = {
  q?: string;
  unitId?: string;
  placeId?: string;
  status?: string;
  violation?: boolean;
  from?: string;
  to?: string;
};

export async function findInspectionsInScope(tx: DbOrTx, actor: Actor, f: InspectionFilter, offset: number, limit: number) {
  const i = residenceInspections;
  const where: (SQL | undefined)[] = [inScope(actor, { wardId: i.wardId, unitId: i.unitId })];
  if (f.q?.trim()) {
    const p = folded(f.q);
    where.push(
      or(
        sql`f_unaccent(lower(coalesce(${i.address}, '') || ' ' || ${i.inspectors} || ' ' || coalesce(${i.discrepancies}, ''))) LIKE f_unaccent(${p})`,
        sql`lower('kt-' || ${i.year} || '-' || lpad(${i.seq}::text, 4, '0')) LIKE ${p}`,
        sql`f_unaccent(lower(coalesce(${residencePlaces.name}, ''))) LIKE f_unaccent(${p})`,
      ),
    );
  }
  if (f.unitId) where.push(eq(i.unitId, f.unitId));
  if (f.placeId) where.push(eq(i.placeId, f.placeId));
  if (f.status) where.push(eq(i.status, f.status));
  if (f.violation !== undefined) where.push(f.violation ? sql`cardinality(${i.violations}) > 0` : sql`cardinality(${i.violations}) = 0`);
  const day = sql`coalesce((${i.doneAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, ${i.plannedOn})`;
  if (f.from) where.push(sql`${day} >= ${f.from}::date`);
  if (f.to) where.push(sql`${day} <= ${f.to}::date`);
  const base = tx
    .select({ n: sql<number>`count(*)::int` })
    .from(i)
    .leftJoin(residencePlaces, and(eq(residencePlaces.wardId, i.wardId), eq(residencePlaces.id, i.placeId)))
    .where(and(...where));
  const [total] = await base;
  const rows = await tx
    .select({ r: i, unitName: units.name, placeName: residencePlaces.name })
    .from(i)
    .innerJoin(units, eq(units.id, i.unitId))
    .leftJoin(residencePlaces, and(eq(residencePlaces.wardId, i.wardId), eq(residencePlaces.id, i.placeId)))
    .where(and(...where))
    .orderBy(desc(day), desc(i.year), desc(i.seq))
    .offset(offset)
    .limit(limit);
  return { total: Number(total?.n ?? 0), items: rows.map((r) => ({ ...r.r, unitName: r.unitName, placeName: r.placeName })) };
}

export async function findInspectionInScope(tx: DbOrTx, actor: Actor, id: string): Promise<InspectionRecord | null> {
  const i = residenceInspections;
  const rows = await tx
    .select({ r: i, unitName: units.name, placeName: residencePlaces.name })
    .from(i)
    .innerJoin(units, eq(units.id, i.unitId))
    .leftJoin(residencePlaces, and(eq(residencePlaces.wardId, i.wardId), eq(residencePlaces.id, i.placeId)))
    .where(and(eq(i.id, id), inScope(actor, { wardId: i.wardId, unitId: i.unitId })))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.r, unitName: r.unitName, placeName: r.placeName } : null;
}

// Figures -----------------------------------------------------------------------------------------------------------

/**
 * Counts of a set of units over a period (Vietnam days): places, notifications, residents, inspections, by block. One
 * statement, one pass over each table grouped by unit; the subtree is one array parameter, and the instants (arrival,
 * inspection) are compared with the period's bounds converted once to Vietnam time, so that the `(unit_id, …)` indexes
 * serve. A place counts when it was created (server day) by the period's end.
 */
export async function countResidence(tx: DbOrTx, unitIds: readonly string[], from: string, to: string) {
  const ids = `{${unitIds.join(',')}}`;
  const rows = await queryRows<{
    unit_id: string;
    name: string | null;
    is_block: boolean | null;
    places: number;
    notifications: number;
    on_time: number;
    temporary: number;
    absences: number;
    inspections: number;
    with_violations: number;
    violations: number;
    fines: number;
  }>(
    tx,
    sql`WITH pl AS (
          SELECT unit_id, count(*)::int AS places FROM residence_places
          WHERE unit_id = ANY(${ids}::uuid[]) AND active AND created_at < (${to}::date + 1)::timestamptz GROUP BY unit_id
        ),
        nt AS (
          SELECT unit_id, count(*)::int AS notifications, count(*) FILTER (WHERE on_time)::int AS on_time
          FROM residence_notifications
          WHERE unit_id = ANY(${ids}::uuid[])
            AND arrival_at >= (${from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
            AND arrival_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
          GROUP BY unit_id
        ),
        pe AS (
          SELECT unit_id, count(*) FILTER (WHERE kind = 'temporary_residence')::int AS temporary,
                 count(*) FILTER (WHERE kind = 'absence')::int AS absences
          FROM residence_people
          WHERE unit_id = ANY(${ids}::uuid[]) AND from_on <= ${to}::date AND (until_on IS NULL OR until_on >= ${from}::date)
          GROUP BY unit_id
        ),
        ins AS (
          SELECT unit_id, count(*)::int AS inspections, count(*) FILTER (WHERE cardinality(violations) > 0)::int AS with_violations,
                 coalesce(sum(cardinality(violations)), 0)::int AS violations,
                 count(*) FILTER (WHERE measure = 'fine_referred')::int AS fines
          FROM residence_inspections
          WHERE unit_id = ANY(${ids}::uuid[]) AND status = 'done'
            AND done_at >= (${from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
            AND done_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
          GROUP BY unit_id
        ),
        counted AS (
          SELECT unit_id FROM pl UNION SELECT unit_id FROM nt UNION SELECT unit_id FROM pe UNION SELECT unit_id FROM ins
          UNION SELECT id FROM units WHERE id = ANY(${ids}::uuid[]) AND type = 'block'
        )
        SELECT c.unit_id, u.name, u.type = 'block' AS is_block,
               coalesce(pl.places, 0) AS places, coalesce(nt.notifications, 0) AS notifications, coalesce(nt.on_time, 0) AS on_time,
               coalesce(pe.temporary, 0) AS temporary, coalesce(pe.absences, 0) AS absences,
               coalesce(ins.inspections, 0) AS inspections, coalesce(ins.with_violations, 0) AS with_violations,
               coalesce(ins.violations, 0) AS violations, coalesce(ins.fines, 0) AS fines
        FROM counted c
          LEFT JOIN units u ON u.id = c.unit_id
          LEFT JOIN pl ON pl.unit_id = c.unit_id LEFT JOIN nt ON nt.unit_id = c.unit_id
          LEFT JOIN pe ON pe.unit_id = c.unit_id LEFT JOIN ins ON ins.unit_id = c.unit_id
        ORDER BY u.name, u.id`,
  );
  const keys = [
    'places',
    'notifications',
    'on_time',
    'temporary',
    'absences',
    'inspections',
    'with_violations',
    'violations',
    'fines',
  ] as const;
  const totals: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const r of rows) for (const k of keys) totals[k] = (totals[k] ?? 0) + Number(r[k]);
  const byBlock = rows
    .filter((r) => r.is_block === true && r.name !== null)
    .map((r) => ({
      unit_id: r.unit_id,
      name: r.name as string,
      places: Number(r.places),
      notifications: Number(r.notifications),
      inspections: Number(r.inspections),
      violations: Number(r.violations),
    }));
  return { totals, byBlock };
}

// Retention, reminders, one-time codes ------------------------------------------------------------------------------

export async function findRetention(tx: DbOrTx, wardId: string) {
  return tx.select().from(residenceRetention).where(eq(residenceRetention.wardId, wardId));
}

export async function upsertRetention(tx: DbOrTx, wardId: string, recordType: string, days: number) {
  await tx
    .insert(residenceRetention)
    .values({ wardId, recordType, days })
    .onConflictDoUpdate({ target: [residenceRetention.wardId, residenceRetention.recordType], set: { days, updatedAt: new Date() } });
}

/** Every ward that holds residence records, with its own retention periods (system task, as the owner). */
export async function findWardsWithResidence(db: DbOrTx): Promise<{ wardId: string; overrides: Record<string, number> }[]> {
  const rows = await queryRows<{ ward_id: string; overrides: Record<string, number> | null }>(
    db,
    sql`SELECT w.ward_id, (SELECT jsonb_object_agg(r.record_type, r.days) FROM residence_retention r WHERE r.ward_id = w.ward_id) AS overrides
        FROM (SELECT ward_id FROM residence_notifications UNION SELECT ward_id FROM residence_people
              UNION SELECT ward_id FROM residence_inspections) w`,
  );
  return rows.map((r) => ({ wardId: r.ward_id, overrides: r.overrides ?? {} }));
}

/** Deletes a ward's records that ended on or before their cut-off days; answers the counts. */
export async function purgeWard(db: DbOrTx, wardId: string, cutoffs: { notification: string; resident: string; inspection: string }) {
  const n = await queryRows<{ n: number }>(
    db,
    sql`WITH d AS (DELETE FROM residence_notifications WHERE ward_id = ${wardId}
          AND (arrival_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < ${cutoffs.notification}::date RETURNING 1) SELECT count(*)::int AS n FROM d`,
  );
  const p = await queryRows<{ n: number }>(
    db,
    sql`WITH d AS (DELETE FROM residence_people WHERE ward_id = ${wardId}
          AND coalesce(until_on, from_on) < ${cutoffs.resident}::date RETURNING 1) SELECT count(*)::int AS n FROM d`,
  );
  // An inspection still named by a person is kept until the person goes (the link is set null on delete, never the reverse).
  const i = await queryRows<{ n: number }>(
    db,
    sql`WITH d AS (DELETE FROM residence_inspections WHERE ward_id = ${wardId}
          AND coalesce((done_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, planned_on) < ${cutoffs.inspection}::date RETURNING 1)
        SELECT count(*)::int AS n FROM d`,
  );
  return { notifications: n[0]?.n ?? 0, residents: p[0]?.n ?? 0, inspections: i[0]?.n ?? 0 };
}

/** Marks the temporary stays entering their renewal window today or earlier that were not marked yet; answers them per ward. */
export async function markExpiringStays(db: DbOrTx, today: string) {
  return queryRows<{ ward_id: string; n: number }>(
    db,
    sql`WITH m AS (UPDATE residence_people SET reminded_on = ${today}::date
          WHERE kind = 'temporary_residence' AND reminded_on IS NULL AND until_on IS NOT NULL
            AND until_on >= ${today}::date AND until_on - 15 <= ${today}::date RETURNING ward_id)
        SELECT ward_id, count(*)::int AS n FROM m GROUP BY ward_id`,
  );
}

export async function insertContactCode(db: DbOrTx, row: typeof residenceContactCodes.$inferInsert) {
  await db.insert(residenceContactCodes).values(row);
}

export async function findContactCode(db: DbOrTx, wardId: string, id: string) {
  const rows = await db
    .select()
    .from(residenceContactCodes)
    .where(and(eq(residenceContactCodes.wardId, wardId), eq(residenceContactCodes.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function countContactCodeAttempt(db: DbOrTx, wardId: string, id: string) {
  await db
    .update(residenceContactCodes)
    .set({ attempts: sql`${residenceContactCodes.attempts} + 1` })
    .where(and(eq(residenceContactCodes.wardId, wardId), eq(residenceContactCodes.id, id)));
}

export async function deleteContactCode(db: DbOrTx, wardId: string, id: string) {
  await db.delete(residenceContactCodes).where(and(eq(residenceContactCodes.wardId, wardId), eq(residenceContactCodes.id, id)));
}

export async function purgeContactCodes(db: DbOrTx, now: Date) {
  await db.delete(residenceContactCodes).where(lt(residenceContactCodes.expiresAt, now));
}
