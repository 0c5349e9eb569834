import { z } from 'zod';
import { dateOnly } from '../common/common.schemas.ts';

/** How a tip reached the ward (BLTTHS Art. 145–146; TT 28/2020/TT-BCA Art. 5). */
export const TIP_CHANNELS = ['online', 'mailbox', 'hotline', 'in_person', 'post', 'vneid', 'other'] as const;
/** Classification at triage: the three sources of crime information (BLTTHS Art. 144), or not a crime matter. */
export const TIP_CLASSES = ['to_giac', 'tin_bao', 'kien_nghi_khoi_to', 'administrative', 'dispute', 'spam'] as const;
export const CRIME_TIP_CLASSES = ['to_giac', 'tin_bao', 'kien_nghi_khoi_to'] as const;
export const TIP_CATEGORIES = ['drugs', 'theft', 'fraud', 'gambling', 'firecrackers', 'disorder', 'traffic', 'other'] as const;
/** Urgent or serious (type a) or the rest (type b): TTLT 01/2017 Art. 8.5 as amended by TTLT 01/2021. */
export const TIP_URGENCIES = ['urgent', 'normal'] as const;
export const TIP_STATUSES = ['new', 'verifying', 'transferred', 'closed', 'spam'] as const;
/** Whether the sender gave their identity, stayed anonymous, or refused to give it (TT 28/2020 Art. 5.1, 5.7). */
export const REPORTER_IDENTITIES = ['anonymous', 'identified', 'refused'] as const;
export const TIP_CLOSE_REASONS = [
  'prosecuted',
  'not_prosecuted',
  'suspended',
  'administrative_handled',
  'sent_to_mediation',
  'not_criminal',
  'anonymous_unverifiable',
  'duplicate',
] as const;
export const TIP_OUTCOMES = ['prosecuted', 'not_prosecuted', 'suspended'] as const;

export const tipChannelSchema = z.enum(TIP_CHANNELS);
export const tipClassSchema = z.enum(TIP_CLASSES);
export const tipCategorySchema = z.enum(TIP_CATEGORIES);
export const tipUrgencySchema = z.enum(TIP_URGENCIES);
export const tipStatusSchema = z.enum(TIP_STATUSES);
export const reporterIdentitySchema = z.enum(REPORTER_IDENTITIES);
export const tipCloseReasonSchema = z.enum(TIP_CLOSE_REASONS);
export const tipOutcomeSchema = z.enum(TIP_OUTCOMES);
export type TipChannel = z.infer<typeof tipChannelSchema>;
export type TipClass = z.infer<typeof tipClassSchema>;
export type TipCategory = z.infer<typeof tipCategorySchema>;
export type TipUrgency = z.infer<typeof tipUrgencySchema>;
export type TipStatus = z.infer<typeof tipStatusSchema>;

/** Long text counted after NFC normalisation, so that decomposed Vietnamese does not count double. */
const text = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().max(max, { message: 'validation.tooLong' }));
const requiredText = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, { message: 'tips.whatRequired' }).max(max, { message: 'validation.tooLong' }));

export const TIP_BODY_MAX = 5000;
export const TIP_MESSAGE_MAX = 3000;

/** What a resident sends: only "what happened" is required; contact details only with explicit consent. */
export const publicTipSchema = z
  .strictObject({
    wardCode: z.string().max(60),
    what: requiredText(TIP_BODY_MAX),
    blockId: z.uuid().nullable().optional(),
    place: text(500).optional(),
    when: text(200).optional(),
    who: text(1000).optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    contactName: text(200).optional(),
    contactPhone: text(40).optional(),
    contactConsent: z.boolean().optional(),
    /** A solved proof-of-work, required only while the ward is being flooded. */
    pow: z.string().max(200).optional(),
  })
  .refine((v) => !(v.contactName || v.contactPhone) || v.contactConsent === true, {
    message: 'tips.consentRequired',
    path: ['contactConsent'],
  });
export type PublicTipInput = z.input<typeof publicTipSchema>;

/** A receipt code: 16 characters of Crockford base32 (80 random bits), shown as 4 groups of 4. */
export const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 16;

/** Normalises what a sender typed: case, spaces and dashes are ignored; O, I and L read as 0, 1 and 1. */
export function normaliseReceipt(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-._]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function isReceiptShaped(code: string): boolean {
  return code.length === RECEIPT_LENGTH && [...code].every((c) => RECEIPT_ALPHABET.includes(c));
}

export function formatReceipt(code: string): string {
  return code.match(/.{1,4}/g)?.join(' ') ?? code;
}

export const senderMessageSchema = z.strictObject({ body: requiredText(TIP_MESSAGE_MAX) });

/** What the sender sees with the receipt: the status in plain words and the dialogue, never officers' names. */
export const publicTipStatusSchema = z.object({
  status: tipStatusSchema,
  receivedOn: z.string(),
  lastActivityOn: z.string(),
  messages: z.array(z.object({ from: z.enum(['sender', 'police']), body: z.string(), on: z.string() })),
  files: z.array(z.object({ name: z.string(), kind: z.string() })),
  /** Whether the information was used in a case: all a sender learns about what followed. */
  usedInCase: z.boolean(),
});

/** A tip logged by an officer from another channel (mailbox letter, hotline, in person, post, VNeID). */
export const logTipSchema = z.strictObject({
  channel: tipChannelSchema.exclude(['online']),
  unitId: z.uuid(),
  what: requiredText(TIP_BODY_MAX),
  place: text(500).optional(),
  when: text(200).optional(),
  who: text(1000).optional(),
  reporterIdentity: reporterIdentitySchema,
  refusalReason: text(500).optional(),
  contactName: text(200).optional(),
  contactPhone: text(40).optional(),
  contactAddress: text(500).optional(),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

export const triageTipSchema = z.strictObject({
  classification: tipClassSchema,
  category: tipCategorySchema.nullable().optional(),
  urgency: tipUrgencySchema.nullable().optional(),
  unitId: z.uuid().optional(),
  /** For anonymous letters: the three tests of TT 28/2020/TT-BCA Art. 5.7. */
  namesWrongdoer: z.boolean().optional(),
  hasConcreteEvidence: z.boolean().optional(),
  isVerifiable: z.boolean().optional(),
});

export const assignTipSchema = z.strictObject({ officerId: z.uuid().nullable() });
export const tipNoteSchema = z.strictObject({ body: requiredText(TIP_MESSAGE_MAX), toSender: z.boolean() });
export const transferTipSchema = z.strictObject({
  agency: text(300).pipe(z.string().min(1, { message: 'validation.required' })),
  transferredAt: z.iso.datetime({ offset: true }).optional(),
});
export const tipOutcomeInputSchema = z.strictObject({
  outcome: tipOutcomeSchema.nullable().optional(),
  extensionUntil: dateOnly.nullable().optional(),
  receivedOn: dateOnly.optional(),
  /** The day the written notice of receipt was sent to an identified sender. */
  receiptNoticeSentOn: dateOnly.nullable().optional(),
});
export const closeTipSchema = z.strictObject({ reason: tipCloseReasonSchema, note: text(1000).optional() });

export const listTipsQuerySchema = z.strictObject({
  view: z.enum(['all', 'new', 'overdue', 'mine', 'open', 'closed', 'spam']).optional(),
  q: z.string().max(200).optional(),
  category: tipCategorySchema.optional(),
  classification: tipClassSchema.optional(),
  unitId: z.uuid().optional(),
  channel: tipChannelSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const tipClockSchema = z.object({
  kind: z.enum(['intake', 'transfer', 'receiptNotice', 'agency']),
  dueAt: z.string(),
  basis: z.string(),
  isOverdue: z.boolean(),
  doneAt: z.string().nullable(),
});

export const tipSummarySchema = z.object({
  id: z.uuid(),
  wardId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  number: z.string(),
  channel: tipChannelSchema,
  classification: tipClassSchema.nullable(),
  category: tipCategorySchema.nullable(),
  urgency: tipUrgencySchema.nullable(),
  status: tipStatusSchema,
  reporterIdentity: reporterIdentitySchema,
  receivedOn: z.string(),
  assignedTo: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  excerpt: z.string(),
  nextDeadline: tipClockSchema.nullable(),
  isOverdue: z.boolean(),
  hasUnreadFromSender: z.boolean(),
});

export const tipDetailSchema = tipSummarySchema.extend({
  what: z.string(),
  place: z.string().nullable(),
  when: z.string().nullable(),
  who: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  hasContact: z.boolean(),
  /** For anonymous letters: the answers to the three tests of TT 28/2020/TT-BCA Art. 5.7, once recorded. */
  anonymousCheck: z.object({ namesWrongdoer: z.boolean(), hasConcreteEvidence: z.boolean(), isVerifiable: z.boolean() }).nullable(),
  acceptedAt: z.string().nullable(),
  transferredAt: z.string().nullable(),
  transferredTo: z.string().nullable(),
  outcome: tipOutcomeSchema.nullable(),
  closeReason: tipCloseReasonSchema.nullable(),
  clocks: z.array(tipClockSchema),
  messages: z.array(
    z.object({
      id: z.uuid(),
      from: z.enum(['sender', 'officer']),
      toSender: z.boolean(),
      authorName: z.string().nullable(),
      body: z.string(),
      at: z.string(),
    }),
  ),
  files: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), size: z.number(), quarantined: z.boolean() })),
});

export const tipContactSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() });
