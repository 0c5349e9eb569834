import { createHash, randomUUID } from 'node:crypto';
import {
  cccdError,
  type InspectionMeasure,
  type InspectionView,
  type inspectionInputSchema,
  type listInspectionsQuerySchema,
  type listNotificationsQuerySchema,
  type listPlacesQuerySchema,
  type listResidentsQuerySchema,
  maskCccd,
  maskPersonName,
  type NotificationChannel,
  type NotificationView,
  type notificationInputSchema,
  type PlaceKind,
  type PlaceView,
  type placeInputSchema,
  type publicNotificationSchema,
  RETENTION_DEFAULT_DAYS,
  RETENTION_RECORD_TYPES,
  type ResidenceSummary,
  type ResidentKind,
  type ResidentSource,
  type ResidentView,
  type RetentionRecordType,
  renewalWindowStart,
  type residentInputSchema,
  STAY_CONSENT_TEXTS,
  STAY_CONSENT_VERSION,
  stayNoticeDueAt,
  stayState,
  type updateInspectionSchema,
  type updatePlaceSchema,
  type updateResidentSchema,
  type ViolationKind,
  vnInstant,
} from '@binh-an/domain';
import type { z } from 'zod';
import { type Actor, can, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { keyedHash, open, seal } from '../../platform/crypto.ts';
import type { DbOrTx, Tx } from '../../platform/db.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { vnToday } from '../../platform/time.ts';
import { listRounds } from '../patrols/index.ts';
import { findActiveBlocks, findUnitInScope, findWardByCode } from '../units/index.ts';
import { contactCodeSenderOf, newCode, readContact } from './residence.codes.ts';
import {
  countContactCodeAttempt,
  countResidence,
  deleteContactCode,
  findContactCode,
  findGuestInScope,
  findGuests,
  findInspectionInScope,
  findInspectionsInScope,
  findNotificationInScope,
  findNotificationsInScope,
  findPeopleInScope,
  findPersonInScope,
  findPlaceInScope,
  findPlacesInScope,
  findRetention,
  type InspectionRecord,
  insertContactCode,
  insertGuests,
  insertInspection,
  insertNotification,
  insertPerson,
  insertPlace,
  type NotificationRecord,
  nextResidenceNumber,
  type PersonRecord,
  type PlaceRecord,
  updateInspectionRow,
  updatePersonRow,
  updatePlaceRow,
  upsertRetention,
} from './residence.repository.ts';
import type { GuestRow } from './residence.table.ts';

const by = (actor: Actor) => ({ userId: actor.userId, username: actor.username });
const PURPOSE = 'residence-id-number';
const field = (path: string, message: string) => [{ path, message }];

export const referenceOf = (prefix: 'LT' | 'KT', r: { year: number; seq: number }) =>
  `${prefix}-${r.year}-${String(r.seq).padStart(4, '0')}`;

function page(q: { offset?: number; limit?: number }) {
  return { offset: q.offset ?? 0, limit: q.limit ?? 50 };
}

// Views -------------------------------------------------------------------------------------------------------------

function placeView(p: PlaceRecord): PlaceView {
  return {
    id: p.id,
    wardId: p.wardId,
    unitId: p.unitId,
    unitName: p.unitName,
    kind: p.kind as PlaceKind,
    name: p.name,
    address: p.address,
    ownerName: p.ownerName,
    managerName: p.managerName,
    phone: p.phone,
    capacity: p.capacity,
    commitmentSignedOn: p.commitmentSignedOn,
    conditionsMet: p.conditionsMet,
    note: p.note,
    active: p.active,
    lastInspectedOn: p.lastInspectedOn,
  };
}

/** A person's identity as the reader may see it: full for the ward police, shortened for block-level readers. */
function identityOf(deps: Deps, actor: Actor, r: { fullName: string; birthDate: string | null; idNumberEnc: string | null }) {
  const full = can(actor, 'residence.identity');
  return {
    name: full ? r.fullName : maskPersonName(r.fullName),
    birthDate: full ? r.birthDate : null,
    birthYear: full && r.birthDate ? Number(r.birthDate.slice(0, 4)) : null,
    idNumberMasked: r.idNumberEnc ? maskCccd(open(deps.key, r.idNumberEnc, PURPOSE)) : null,
  };
}

function notificationView(deps: Deps, actor: Actor, n: NotificationRecord, guests: GuestRow[]): NotificationView {
  return {
    id: n.id,
    reference: referenceOf('LT', n),
    unitId: n.unitId,
    unitName: n.unitName,
    placeId: n.placeId,
    placeName: n.placeName,
    channel: n.channel as NotificationChannel,
    hostName: n.hostName,
    hostVerified: n.hostVerified,
    address: n.address,
    arrivalAt: n.arrivalAt.toISOString(),
    dueAt: n.dueAt.toISOString(),
    receivedAt: n.receivedAt.toISOString(),
    onTime: n.onTime,
    departureOn: n.departureOn,
    reason: n.reason,
    consentVersion: n.consentVersion,
    guests: guests.filter((g) => g.notificationId === n.id).map((g) => ({ id: g.id, ...identityOf(deps, actor, g) })),
  };
}

function residentView(deps: Deps, actor: Actor, p: PersonRecord, today: string): ResidentView {
  return {
    id: p.id,
    unitId: p.unitId,
    unitName: p.unitName,
    placeId: p.placeId,
    placeName: p.placeName,
    kind: p.kind as ResidentKind,
    source: p.source as ResidentSource,
    ...identityOf(deps, actor, p),
    address: p.address,
    fromOn: p.fromOn,
    untilOn: p.untilOn,
    state: stayState(p.untilOn, today),
    renewalFrom: p.kind === 'temporary_residence' && p.untilOn ? renewalWindowStart(p.untilOn) : null,
    note: p.note,
  };
}

function inspectionView(i: InspectionRecord): InspectionView {
  return {
    id: i.id,
    reference: referenceOf('KT', i),
    unitId: i.unitId,
    unitName: i.unitName,
    placeId: i.placeId,
    placeName: i.placeName,
    kind: i.kind as 'planned' | 'unannounced',
    status: i.status as 'planned' | 'done' | 'cancelled',
    plannedOn: i.plannedOn,
    doneAt: i.doneAt?.toISOString() ?? null,
    inspectors: i.inspectors,
    address: i.address,
    patrolRoundId: i.patrolRoundId,
    peopleFound: i.peopleFound,
    discrepancies: i.discrepancies,
    violations: i.violations as ViolationKind[],
    measure: i.measure as InspectionMeasure,
    followUp: i.followUp,
    followUpOn: i.followUpOn,
  };
}

// Shared checks -----------------------------------------------------------------------------------------------------

async function requireUnit(deps: Deps, tx: Tx, actor: Actor, unitId: string) {
  const unit = await findUnitInScope(tx, actor, unitId, vnToday(deps.clock()));
  if (!unit?.wardId) throw new AppError('notFound');
  return { id: unit.id, wardId: unit.wardId };
}

async function requirePlaceOfWard(tx: Tx, actor: Actor, placeId: string | null | undefined, wardId: string) {
  if (!placeId) return null;
  const place = await findPlaceInScope(tx, actor, placeId);
  if (!place || place.wardId !== wardId) throw new AppError('validation', field('placeId', 'residence.placeOtherWard'));
  return place;
}

function checkIdNumber(deps: Deps, path: string, idNumber: string | null | undefined, birthDate: string | null | undefined) {
  if (!idNumber) return;
  const error = cccdError(idNumber, { todayYear: Number(vnToday(deps.clock()).slice(0, 4)), birthDate });
  if (error) throw new AppError('validation', field(path, error));
}

function sealId(deps: Deps, idNumber: string | null | undefined) {
  return idNumber
    ? { idNumberEnc: seal(deps.key, idNumber, PURPOSE), idNumberHash: keyedHash(deps.key, idNumber, PURPOSE) }
    : { idNumberEnc: null, idNumberHash: null };
}

// Places ------------------------------------------------------------------------------------------------------------

export async function listPlaces(deps: Deps, actor: Actor, q: z.output<typeof listPlacesQuerySchema>) {
  requirePermission(actor, 'residence.read');
  const { offset, limit } = page(q);
  return withActor(deps.database.db, actor, async (tx) => {
    const { total, items } = await findPlacesInScope(
      tx,
      actor,
      { q: q.q, unitId: q.unitId, kind: q.kind, active: q.active === undefined ? undefined : q.active === 'true' },
      offset,
      limit,
    );
    return { total, items: items.map(placeView) };
  });
}

export async function getPlace(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'residence.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const p = await findPlaceInScope(tx, actor, id);
    if (!p) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'residence.place_read',
      actor: by(actor),
      wardId: p.wardId,
      entityType: 'residence_place',
      entityId: p.id,
    });
    return placeView(p);
  });
}

export async function createPlace(deps: Deps, actor: Actor, input: z.output<typeof placeInputSchema>) {
  requirePermission(actor, 'residence.manage');
  const id = randomUUID();
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await requireUnit(deps, tx, actor, input.unitId);
    await insertPlace(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      kind: input.kind,
      name: input.name,
      address: input.address,
      ownerName: input.ownerName,
      managerName: input.managerName || null,
      phone: input.phone ?? null,
      capacity: input.capacity ?? null,
      commitmentSignedOn: input.commitmentSignedOn ?? null,
      conditionsMet: input.conditionsMet ?? false,
      note: input.note || null,
    });
    await recordAudit(tx, {
      action: 'residence.place_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'residence_place',
      entityId: id,
    });
    return placeView((await findPlaceInScope(tx, actor, id)) as PlaceRecord);
  });
}

export async function updatePlace(deps: Deps, actor: Actor, id: string, input: z.output<typeof updatePlaceSchema>) {
  requirePermission(actor, 'residence.manage');
  return withActor(deps.database.db, actor, async (tx) => {
    const p = await findPlaceInScope(tx, actor, id);
    if (!p) throw new AppError('notFound');
    const values: Record<string, unknown> = {};
    if (input.unitId !== undefined && input.unitId !== p.unitId) {
      const unit = await requireUnit(deps, tx, actor, input.unitId);
      if (unit.wardId !== p.wardId) throw new AppError('validation', field('unitId', 'residence.placeOtherWard'));
      values.unitId = unit.id;
    }
    for (const key of [
      'kind',
      'name',
      'address',
      'ownerName',
      'phone',
      'capacity',
      'commitmentSignedOn',
      'conditionsMet',
      'active',
    ] as const) {
      if (input[key] !== undefined) values[key] = input[key];
    }
    if (input.managerName !== undefined) values.managerName = input.managerName || null;
    if (input.note !== undefined) values.note = input.note || null;
    const changed = Object.keys(values);
    if (changed.length) {
      await updatePlaceRow(tx, p.wardId, p.id, values);
      await recordAudit(tx, {
        action: 'residence.place_update',
        actor: by(actor),
        wardId: p.wardId,
        entityType: 'residence_place',
        entityId: p.id,
        detail: { changed },
      });
    }
    return placeView((await findPlaceInScope(tx, actor, id)) as PlaceRecord);
  });
}

// Notifications -----------------------------------------------------------------------------------------------------

export async function listNotifications(deps: Deps, actor: Actor, q: z.output<typeof listNotificationsQuerySchema>) {
  requirePermission(actor, 'residence.read');
  const { offset, limit } = page(q);
  return withActor(deps.database.db, actor, async (tx) => {
    const { total, items } = await findNotificationsInScope(
      tx,
      actor,
      {
        q: q.q,
        unitId: q.unitId,
        placeId: q.placeId,
        channel: q.channel,
        onTime: q.onTime === undefined ? undefined : q.onTime === 'true',
        from: q.from,
        to: q.to,
      },
      offset,
      limit,
    );
    const wardIds = [...new Set(items.map((n) => n.wardId))];
    const guests = await findGuests(
      tx,
      wardIds,
      items.map((n) => n.id),
    );
    // A list of guests' names is a read of personal data: audited, without the names or the search words.
    await recordAudit(tx, {
      action: 'residence.notification_list',
      actor: by(actor),
      wardId: actor.wardId,
      detail: { rows: items.length, search: q.q ? true : undefined, placeId: q.placeId, from: q.from, to: q.to },
    });
    return { total, items: items.map((n) => notificationView(deps, actor, n, guests)) };
  });
}

export async function getNotification(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'residence.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const n = await findNotificationInScope(tx, actor, id);
    if (!n) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'residence.notification_read',
      actor: by(actor),
      wardId: n.wardId,
      entityType: 'residence_notification',
      entityId: n.id,
    });
    return notificationView(deps, actor, n, await findGuests(tx, [n.wardId], [n.id]));
  });
}

type GuestInput = { name: string; birthDate?: string | null; idNumber?: string | null };

async function writeNotification(
  deps: Deps,
  tx: DbOrTx,
  n: {
    wardId: string;
    unitId: string;
    placeId: string | null;
    channel: NotificationChannel;
    hostName: string;
    hostContact: string | null;
    hostVerified: boolean;
    address: string;
    arrivalAt: Date;
    receivedAt: Date;
    departureOn: string | null;
    reason: string | null;
    consent: boolean;
    recordedBy: string | null;
    guests: readonly GuestInput[];
  },
) {
  const id = randomUUID();
  const year = Number(vnToday(n.arrivalAt).slice(0, 4));
  const seq = await nextResidenceNumber(tx, n.wardId, 'notification', year);
  const dueAt = stayNoticeDueAt(n.arrivalAt);
  const consentText = STAY_CONSENT_TEXTS[STAY_CONSENT_VERSION];
  await insertNotification(tx, {
    wardId: n.wardId,
    id,
    year,
    seq,
    unitId: n.unitId,
    placeId: n.placeId,
    channel: n.channel,
    hostName: n.hostName,
    hostContactEnc: n.hostContact ? seal(deps.key, n.hostContact, 'residence-contact') : null,
    hostVerified: n.hostVerified,
    address: n.address,
    arrivalAt: n.arrivalAt,
    dueAt,
    receivedAt: n.receivedAt,
    onTime: n.receivedAt.getTime() < dueAt.getTime(),
    departureOn: n.departureOn,
    reason: n.reason,
    consentVersion: n.consent ? STAY_CONSENT_VERSION : null,
    consentTextSha256: n.consent ? createHash('sha256').update(`${consentText.vi}\n${consentText.en}`).digest('hex') : null,
    recordedBy: n.recordedBy,
  });
  await insertGuests(
    tx,
    n.guests.map((g) => ({
      wardId: n.wardId,
      notificationId: id,
      fullName: g.name,
      birthDate: g.birthDate ?? null,
      ...sealId(deps, g.idNumber),
    })),
  );
  return { id, reference: referenceOf('LT', { year, seq }), dueAt, onTime: n.receivedAt.getTime() < dueAt.getTime() };
}

function checkArrival(deps: Deps, arrivalAt: Date, receivedAt: Date, departureOn: string | null | undefined, path = 'arrivalAt') {
  const today = vnToday(deps.clock());
  const day = vnToday(arrivalAt);
  const earliest = vnToday(new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000));
  const latest = vnToday(new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000));
  if (day < earliest || day > latest) throw new AppError('validation', field(path, 'residence.arrivalRange'));
  if (receivedAt.getTime() > deps.clock().getTime() + 60_000) throw new AppError('validation', field('receivedAt', 'validation.invalid'));
  if (departureOn && departureOn < day) throw new AppError('validation', field('departureOn', 'residence.departureBeforeArrival'));
}

/** A notification an officer took by phone, in person or by e-mail: on time or late by the rule of its arrival day. */
export async function createNotification(deps: Deps, actor: Actor, input: z.output<typeof notificationInputSchema>) {
  requirePermission(actor, 'residence.manage');
  const arrivalAt = new Date(input.arrivalAt);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : deps.clock();
  checkArrival(deps, arrivalAt, receivedAt, input.departureOn);
  for (const [i, g] of input.guests.entries()) checkIdNumber(deps, `guests.${i}.idNumber`, g.idNumber, g.birthDate);
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await requireUnit(deps, tx, actor, input.unitId);
    const place = await requirePlaceOfWard(tx, actor, input.placeId, unit.wardId);
    const made = await writeNotification(deps, tx, {
      wardId: unit.wardId,
      unitId: unit.id,
      placeId: place?.id ?? null,
      channel: input.channel,
      hostName: input.hostName,
      hostContact: input.hostPhone ?? null,
      hostVerified: false,
      address: input.address,
      arrivalAt,
      receivedAt,
      departureOn: input.departureOn ?? null,
      reason: input.reason || null,
      consent: false,
      recordedBy: actor.userId,
      guests: input.guests,
    });
    await recordAudit(tx, {
      action: 'residence.notification_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'residence_notification',
      entityId: made.id,
      detail: { channel: input.channel, guests: input.guests.length, onTime: made.onTime },
    });
    const n = (await findNotificationInScope(tx, actor, made.id)) as NotificationRecord;
    return notificationView(deps, actor, n, await findGuests(tx, [n.wardId], [n.id]));
  });
}

const CODE_TTL_MS = 10 * 60_000;
const CODE_MAX_ATTEMPTS = 5;

/**
 * Sends a one-time code to the host's contact (public form). Answers the challenge id the form carries back, or null
 * when the contact is not a phone or e-mail address or no channel takes it. Only keyed hashes of the contact and the code
 * are stored, for 10 minutes; neither is ever logged.
 */
export async function requestContactCode(deps: Deps, wardId: string, contactText: string): Promise<string | null> {
  const contact = readContact(contactText);
  const sender = contactCodeSenderOf(deps);
  if (!contact || !sender.accepts(contact.kind)) return null;
  const code = newCode();
  const id = randomUUID();
  await insertContactCode(deps.database.db, {
    wardId,
    id,
    contactHash: keyedHash(deps.key, contact.value, 'residence-contact'),
    codeHash: keyedHash(deps.key, `${id}:${code}`, 'residence-code'),
    expiresAt: new Date(deps.clock().getTime() + CODE_TTL_MS),
  });
  await sender.send(contact.kind, contact.value, code);
  return id;
}

/** Whether the code typed matches the challenge for this contact; a used or failed-too-often challenge is gone. */
async function verifyContactCode(deps: Deps, wardId: string, challenge: string, contactText: string, code: string) {
  const contact = readContact(contactText);
  if (!contact || !/^[0-9a-f-]{36}$/.test(challenge)) return false;
  const db = deps.database.db;
  const row = await findContactCode(db, wardId, challenge);
  if (!row || row.expiresAt.getTime() < deps.clock().getTime() || row.attempts >= CODE_MAX_ATTEMPTS) return false;
  const ok =
    row.contactHash === keyedHash(deps.key, contact.value, 'residence-contact') &&
    row.codeHash === keyedHash(deps.key, `${challenge}:${code.replace(/\D/g, '')}`, 'residence-code');
  if (ok) await deleteContactCode(db, wardId, challenge);
  else await countContactCodeAttempt(db, wardId, challenge);
  return ok;
}

export type PublicNotificationResult = { reference: string; dueAt: string; onTime: boolean; verified: boolean };

/**
 * A notification a host sends through the public form (no account). Written as the owner, as the tip mailbox does, with no
 * address, agent or cookie (security.md): the record holds the consent version the host agreed to. A code typed is
 * checked; a wrong code refuses the submission (the host may send without one), no code leaves it unverified.
 */
export async function submitPublicNotification(
  deps: Deps,
  input: z.output<typeof publicNotificationSchema>,
): Promise<PublicNotificationResult> {
  const db = deps.database.db;
  const today = vnToday(deps.clock());
  const ward = await findWardByCode(db, input.wardCode, today);
  if (!ward?.isActive) throw new AppError('notFound');
  if (!readContact(input.hostContact)) throw new AppError('validation', field('hostContact', 'residence.contactFormat'));
  const arrivalAt = vnInstant(input.arrivalDate, Number(input.arrivalTime.slice(0, 2)) * 60 + Number(input.arrivalTime.slice(3, 5)));
  const receivedAt = deps.clock();
  checkArrival(deps, arrivalAt, receivedAt, input.departureOn, 'arrivalDate');
  for (const [i, g] of input.guests.entries()) checkIdNumber(deps, `guests.${i}.idNumber`, g.idNumber, g.birthDate);
  const blocks = await findActiveBlocks(db, ward.id, today);
  const unitId = input.blockId && blocks.some((b) => b.id === input.blockId) ? input.blockId : ward.id;
  let verified = false;
  if (input.challenge && input.code?.trim()) {
    verified = await verifyContactCode(deps, ward.id, input.challenge, input.hostContact, input.code);
    if (!verified) throw new AppError('validation', field('code', 'residence.codeWrong'));
  }
  return db.transaction(async (tx) => {
    const made = await writeNotification(deps, tx, {
      wardId: ward.id,
      unitId,
      placeId: null,
      channel: 'public_form',
      hostName: input.hostName,
      hostContact: readContact(input.hostContact)?.value ?? null,
      hostVerified: verified,
      address: input.placeName ? `${input.placeName}, ${input.address}` : input.address,
      arrivalAt,
      receivedAt,
      departureOn: input.departureOn ?? null,
      reason: input.reason || null,
      consent: true,
      recordedBy: null,
      guests: input.guests,
    });
    // No actor: nothing links a public submission to an account, an address or a device.
    await recordAudit(tx, {
      action: 'residence.notification_public',
      wardId: ward.id,
      entityType: 'residence_notification',
      entityId: made.id,
      detail: { guests: input.guests.length, onTime: made.onTime, verified, consentVersion: STAY_CONSENT_VERSION },
    });
    return { reference: made.reference, dueAt: made.dueAt.toISOString(), onTime: made.onTime, verified };
  });
}

// Temporary residents and absences ----------------------------------------------------------------------------------

export async function listResidents(deps: Deps, actor: Actor, q: z.output<typeof listResidentsQuerySchema>) {
  requirePermission(actor, 'residence.read');
  const { offset, limit } = page(q);
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const { total, items } = await findPeopleInScope(
      tx,
      actor,
      { q: q.q, unitId: q.unitId, placeId: q.placeId, kind: q.kind, state: q.state },
      today,
      offset,
      limit,
    );
    await recordAudit(tx, {
      action: 'residence.resident_list',
      actor: by(actor),
      wardId: actor.wardId,
      detail: { rows: items.length, search: q.q ? true : undefined, state: q.state, placeId: q.placeId },
    });
    return { total, items: items.map((p) => residentView(deps, actor, p, today)) };
  });
}

export async function createResident(deps: Deps, actor: Actor, input: z.output<typeof residentInputSchema>) {
  requirePermission(actor, 'residence.manage');
  if (input.untilOn && input.untilOn < input.fromOn) throw new AppError('validation', field('untilOn', 'residence.untilBeforeFrom'));
  checkIdNumber(deps, 'idNumber', input.idNumber, input.birthDate);
  const id = randomUUID();
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const unit = await requireUnit(deps, tx, actor, input.unitId);
    const place = await requirePlaceOfWard(tx, actor, input.placeId, unit.wardId);
    await insertPerson(tx, {
      wardId: unit.wardId,
      id,
      unitId: unit.id,
      placeId: place?.id ?? null,
      kind: input.kind,
      source: input.source ?? 'other',
      fullName: input.name,
      birthDate: input.birthDate ?? null,
      ...sealId(deps, input.idNumber),
      address: input.address || null,
      fromOn: input.fromOn,
      untilOn: input.untilOn ?? null,
      note: input.note || null,
    });
    await recordAudit(tx, {
      action: 'residence.resident_create',
      actor: by(actor),
      wardId: unit.wardId,
      entityType: 'residence_person',
      entityId: id,
      detail: { kind: input.kind },
    });
    return residentView(deps, actor, (await findPersonInScope(tx, actor, id)) as PersonRecord, today);
  });
}

/**
 * Corrects a temporary resident or absence in the reader's scope (404 otherwise): the dates stay in order, a new ID number
 * is checked and sealed, a place must be of the same ward. The audit names the fields changed, never their values.
 */
export async function updateResident(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateResidentSchema>) {
  requirePermission(actor, 'residence.manage');
  const today = vnToday(deps.clock());
  return withActor(deps.database.db, actor, async (tx) => {
    const p = await findPersonInScope(tx, actor, id);
    if (!p) throw new AppError('notFound');
    const fromOn = input.fromOn ?? p.fromOn;
    const untilOn = input.untilOn === undefined ? p.untilOn : input.untilOn;
    if (untilOn && untilOn < fromOn) throw new AppError('validation', field('untilOn', 'residence.untilBeforeFrom'));
    const birthDate = input.birthDate === undefined ? p.birthDate : input.birthDate;
    if (input.idNumber) checkIdNumber(deps, 'idNumber', input.idNumber, birthDate);
    const values: Record<string, unknown> = {};
    if (input.placeId !== undefined) values.placeId = (await requirePlaceOfWard(tx, actor, input.placeId, p.wardId))?.id ?? null;
    if (input.kind !== undefined) values.kind = input.kind;
    if (input.name !== undefined) values.fullName = input.name;
    if (input.birthDate !== undefined) values.birthDate = input.birthDate;
    if (input.idNumber !== undefined) Object.assign(values, sealId(deps, input.idNumber));
    if (input.address !== undefined) values.address = input.address || null;
    if (input.fromOn !== undefined) values.fromOn = input.fromOn;
    if (input.untilOn !== undefined) values.untilOn = input.untilOn;
    if (input.note !== undefined) values.note = input.note || null;
    const changed = Object.keys(values).filter((k) => k !== 'idNumberHash');
    if (changed.length) {
      await updatePersonRow(tx, p.wardId, p.id, values);
      await recordAudit(tx, {
        action: 'residence.resident_update',
        actor: by(actor),
        wardId: p.wardId,
        entityType: 'residence_person',
        entityId: p.id,
        detail: { fields: changed.map((k) => (k === 'idNumberEnc' ? 'idNumber' : k)) },
      });
    }
    return residentView(deps, actor, (await findPersonInScope(tx, actor, id)) as PersonRecord, today);
  });
}

/** The full ID number of a guest or a resident, for the ward police; every read is audited. */
export async function revealResidenceIdNumber(deps: Deps, actor: Actor, kind: 'guest' | 'resident', id: string) {
  requirePermission(actor, 'residence.identity');
  return withActor(deps.database.db, actor, async (tx) => {
    const row = kind === 'guest' ? await findGuestInScope(tx, actor, id) : await findPersonInScope(tx, actor, id);
    if (!row) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'residence.identity_read',
      actor: by(actor),
      wardId: row.wardId,
      entityType: kind === 'guest' ? 'residence_guest' : 'residence_person',
      entityId: row.id,
    });
    return { idNumber: row.idNumberEnc ? open(deps.key, row.idNumberEnc, PURPOSE) : null };
  });
}

// Inspections -------------------------------------------------------------------------------------------------------

export async function listInspections(deps: Deps, actor: Actor, q: z.output<typeof listInspectionsQuerySchema>) {
  requirePermission(actor, 'residence.read');
  const { offset, limit } = page(q);
  return withActor(deps.database.db, actor, async (tx) => {
    const { total, items } = await findInspectionsInScope(
      tx,
      actor,
      {
        q: q.q,
        unitId: q.unitId,
        placeId: q.placeId,
        status: q.status,
        violation: q.violation === undefined ? undefined : q.violation === 'true',
        from: q.from,
        to: q.to,
      },
      offset,
      limit,
    );
    return { total, items: items.map(inspectionView) };
  });
}

export async function getInspection(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'residence.read');
  return withActor(deps.database.db, actor, async (tx) => {
    const i = await findInspectionInScope(tx, actor, id);
    if (!i) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'residence.inspection_read',
      actor: by(actor),
      wardId: i.wardId,
      entityType: 'residence_inspection',
      entityId: i.id,
    });
    return inspectionView(i);
  });
}

function checkInspection(deps: Deps, v: { status: string; doneAt?: string | null; followUpOn?: string | null; plannedOn?: string }) {
  if (v.status === 'done' && !v.doneAt) throw new AppError('validation', field('doneAt', 'residence.doneAtRequired'));
  if (v.doneAt && new Date(v.doneAt).getTime() > deps.clock().getTime() + 60_000)
    throw new AppError('validation', field('doneAt', 'validation.invalid'));
}

/** A foreign key of the patrol round that is not a round of the same ward: bad input, nothing written. */
async function withRoundCheck<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string; constraint?: string }; constraint?: string };
    const code = e.code ?? e.cause?.code;
    const constraint = e.constraint ?? e.cause?.constraint ?? '';
    if (code === '23503' && /patrol_round/.test(`${constraint}${String((err as Error).message)}`))
      throw new AppError('validation', field('patrolRoundId', 'residence.patrolRoundUnknown'));
    throw err;
  }
}

export async function createInspection(deps: Deps, actor: Actor, input: z.output<typeof inspectionInputSchema>) {
  requirePermission(actor, 'residence.inspect');
  checkInspection(deps, input);
  const id = randomUUID();
  return withRoundCheck(() =>
    withActor(deps.database.db, actor, async (tx) => {
      const unit = await requireUnit(deps, tx, actor, input.unitId);
      const place = await requirePlaceOfWard(tx, actor, input.placeId, unit.wardId);
      const year = Number(input.plannedOn.slice(0, 4));
      await insertInspection(tx, {
        wardId: unit.wardId,
        id,
        year,
        seq: await nextResidenceNumber(tx, unit.wardId, 'inspection', year),
        unitId: unit.id,
        placeId: place?.id ?? null,
        kind: input.kind,
        status: input.status,
        plannedOn: input.plannedOn,
        doneAt: input.doneAt ? new Date(input.doneAt) : null,
        inspectors: input.inspectors,
        address: input.address || place?.address || null,
        patrolRoundId: input.patrolRoundId ?? null,
        peopleFound: input.peopleFound ?? 0,
        discrepancies: input.discrepancies || null,
        violations: [...new Set(input.violations ?? [])],
        measure: input.measure ?? 'none',
        followUp: input.followUp || null,
        followUpOn: input.followUpOn ?? null,
        recordedBy: actor.userId,
      });
      await recordAudit(tx, {
        action: 'residence.inspection_create',
        actor: by(actor),
        wardId: unit.wardId,
        entityType: 'residence_inspection',
        entityId: id,
        detail: { status: input.status, violations: input.violations?.length ?? 0, measure: input.measure ?? 'none' },
      });
      return inspectionView((await findInspectionInScope(tx, actor, id)) as InspectionRecord);
    }),
  );
}

export async function updateInspection(deps: Deps, actor: Actor, id: string, input: z.output<typeof updateInspectionSchema>) {
  requirePermission(actor, 'residence.inspect');
  return withRoundCheck(() =>
    withActor(deps.database.db, actor, async (tx) => {
      const i = await findInspectionInScope(tx, actor, id);
      if (!i) throw new AppError('notFound');
      const next = {
        status: input.status ?? i.status,
        doneAt: input.doneAt === undefined ? (i.doneAt?.toISOString() ?? null) : input.doneAt,
      };
      checkInspection(deps, next);
      const place = input.placeId === undefined ? undefined : await requirePlaceOfWard(tx, actor, input.placeId, i.wardId);
      const values: Record<string, unknown> = {};
      if (place !== undefined) values.placeId = place?.id ?? null;
      if (input.doneAt !== undefined) values.doneAt = input.doneAt ? new Date(input.doneAt) : null;
      if (input.violations !== undefined) values.violations = [...new Set(input.violations)];
      for (const key of ['kind', 'status', 'plannedOn', 'inspectors', 'patrolRoundId', 'peopleFound', 'measure', 'followUpOn'] as const) {
        if (input[key] !== undefined) values[key] = input[key];
      }
      for (const key of ['address', 'discrepancies', 'followUp'] as const) if (input[key] !== undefined) values[key] = input[key] || null;
      const changed = Object.keys(values);
      if (changed.length) {
        await updateInspectionRow(tx, i.wardId, i.id, values);
        await recordAudit(tx, {
          action: 'residence.inspection_update',
          actor: by(actor),
          wardId: i.wardId,
          entityType: 'residence_inspection',
          entityId: i.id,
          detail: { changed },
        });
      }
      return inspectionView((await findInspectionInScope(tx, actor, id)) as InspectionRecord);
    }),
  );
}

// Retention ---------------------------------------------------------------------------------------------------------

/** The ward's retention periods (days) per record type: its own where set, else the defaults. */
export async function getRetention(deps: Deps, actor: Actor) {
  requirePermission(actor, 'residence.read');
  if (!actor.wardId) throw new AppError('notFound');
  const wardId = actor.wardId;
  return withActor(deps.database.db, actor, async (tx) => {
    const own = new Map((await findRetention(tx, wardId)).map((r) => [r.recordType, r.days]));
    return {
      days: Object.fromEntries(RETENTION_RECORD_TYPES.map((t) => [t, own.get(t) ?? RETENTION_DEFAULT_DAYS[t]])) as Record<
        RetentionRecordType,
        number
      >,
      defaults: RETENTION_DEFAULT_DAYS,
    };
  });
}

export async function setRetention(deps: Deps, actor: Actor, days: Partial<Record<RetentionRecordType, number>>) {
  requirePermission(actor, 'residence.manage');
  if (!actor.wardId) throw new AppError('notFound');
  const wardId = actor.wardId;
  await withActor(deps.database.db, actor, async (tx) => {
    for (const [type, d] of Object.entries(days)) await upsertRetention(tx, wardId, type, d as number);
    await recordAudit(tx, { action: 'residence.retention_update', actor: by(actor), wardId, detail: { days } });
  });
  return getRetention(deps, actor);
}

// Figures -----------------------------------------------------------------------------------------------------------

/** The residence figures of a set of units over a period, for the report summary (counts only). */
export async function summariseResidence(tx: DbOrTx, unitIds: readonly string[], from: string, to: string): Promise<ResidenceSummary> {
  const { totals, byBlock } = await countResidence(tx, unitIds, from, to);
  const n = (k: string) => Number(totals[k] ?? 0);
  return {
    placesWatched: n('places'),
    notifications: n('notifications'),
    notificationsOnTime: n('on_time'),
    notificationsLate: n('notifications') - n('on_time'),
    temporaryResidents: n('temporary'),
    absences: n('absences'),
    inspections: n('inspections'),
    inspectionsWithViolations: n('with_violations'),
    violations: n('violations'),
    finesReferred: n('fines'),
    byBlock: byBlock
      .filter((b) => b.places || b.notifications || b.inspections)
      .map((b) => ({
        unitId: b.unit_id,
        name: b.name,
        placesWatched: b.places,
        notifications: b.notifications,
        inspections: b.inspections,
        violations: b.violations,
      })),
  };
}

// Patrol rounds to link an inspection to ----------------------------------------------------------------------------

/**
 * The patrol rounds the reader reaches that started the day before, on, or the day after an inspection's day, newest first,
 * read through the patrols module (its scope: the reader's ward). Empty for a reader who may not read the patrol log;
 * saving still checks that the round is of the inspection's ward.
 */
export async function listRoundChoices(deps: Deps, actor: Actor, on: string) {
  requirePermission(actor, 'residence.inspect');
  if (!can(actor, 'patrol.read')) return [];
  const day = (offset: number) => new Date(Date.parse(`${on}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const page = await listRounds(deps, actor, { from: day(-1), to: day(1), limit: 100 });
  return page.items.map((r) => ({
    id: r.id,
    teamName: r.teamName,
    unitName: r.unitName,
    routeName: r.routeName,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
  }));
}
