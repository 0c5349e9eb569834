import { z } from 'zod';
import { cursorQuery, dateOnly, trimmed } from '../common/common.schemas.ts';
import { MEDIATION_RESULTS, MEDIATION_RISKS, MEDIATION_STATUSES, SCOPE_EXCLUSION_CODES } from './mediation.rules.ts';

/** Grounds for starting mediation (Luật HGCS 2013 Art. 16). */
export const MEDIATION_GROUNDS = ['party_request', 'mediator_observed', 'leader_assigned', 'organisation_proposal'] as const;
/** The kinds of matter the book counts by (the team leader's summary, Part II of the book). */
export const MEDIATION_TYPES = [
  'land_boundary',
  'neighbours',
  'noise_hygiene',
  'debt',
  'family',
  'inheritance',
  'property',
  'minor_violation',
  'other',
] as const;
export const FOLLOW_UP_STATES = ['performed', 'partly', 'not_performed'] as const;
export const MEMBER_GENDERS = ['female', 'male'] as const;
export const MEDIATION_MEMBER_ROLES = ['leader', 'member'] as const;
export const BOOK_FORMATS = ['pdf', 'docx', 'xlsx'] as const;

export const mediationGroundSchema = z.enum(MEDIATION_GROUNDS);
export const mediationTypeSchema = z.enum(MEDIATION_TYPES);
export const mediationStatusSchema = z.enum(MEDIATION_STATUSES);
export const mediationResultSchema = z.enum(MEDIATION_RESULTS);
export const mediationRiskSchema = z.enum(MEDIATION_RISKS);
export const scopeExclusionSchema = z.enum(SCOPE_EXCLUSION_CODES);
export type MediationGround = z.infer<typeof mediationGroundSchema>;
export type MediationType = z.infer<typeof mediationTypeSchema>;

const optionalText = (max: number) => trimmed(0, max).optional();
const uuid = z.uuid({ message: 'validation.id' });

export const createMediationTeamSchema = z.strictObject({
  unitId: uuid,
  name: trimmed(1, 200),
  establishedOn: dateOnly,
  /** The chair's decision setting up the team, if any. */
  decisionRef: optionalText(100),
  /** Many residents of ethnic minorities: the team then needs an ethnic-minority mediator (Art. 12.1). */
  ethnicArea: z.boolean().optional(),
  note: optionalText(1000),
});

export const updateMediationTeamSchema = z.strictObject({
  name: trimmed(1, 200).optional(),
  decisionRef: optionalText(100),
  ethnicArea: z.boolean().optional(),
  closedOn: dateOnly.nullable().optional(),
  note: optionalText(1000),
});

/** The vote that elected a team leader (Art. 14.1): mediators in favour, and the team's mediators. */
export const leaderVoteSchema = z.strictObject({
  for: z.number().int().min(0).max(200),
  total: z.number().int().min(1).max(200),
});

export const addMediatorSchema = z.strictObject({
  fullName: trimmed(1, 200),
  gender: z.enum(MEMBER_GENDERS),
  birthYear: z.number().int().min(1900).max(2100).optional(),
  ethnicMinority: z.boolean().optional(),
  role: z.enum(MEDIATION_MEMBER_ROLES),
  joinedOn: dateOnly,
  /** The day the Front committee head sent the list to the chair (starts the 5-working-day clock). */
  proposedOn: dateOnly.optional(),
  recognisedOn: dateOnly.optional(),
  decisionRef: optionalText(100),
  trainedOn: dateOnly.optional(),
  trainingNote: optionalText(500),
  /** Required when the role is leader (Art. 14.1: more than half of the team's mediators). */
  leaderVote: leaderVoteSchema.optional(),
});

export const updateMediatorSchema = z.strictObject({
  role: z.enum(MEDIATION_MEMBER_ROLES).optional(),
  /** Required when the role becomes leader (Art. 14.1). */
  leaderVote: leaderVoteSchema.optional(),
  proposedOn: dateOnly.nullable().optional(),
  recognisedOn: dateOnly.nullable().optional(),
  decisionRef: optionalText(100),
  trainedOn: dateOnly.nullable().optional(),
  trainingNote: optionalText(500),
});

export const leaveMediatorSchema = z.strictObject({ leftOn: dateOnly, reason: trimmed(1, 500) });

export const mediationPartySchema = z.strictObject({
  name: trimmed(1, 200),
  age: z.number().int().min(0).max(130).optional(),
  address: optionalText(300),
  /** A related person (người có quyền lợi, nghĩa vụ liên quan) rather than a party. */
  related: z.boolean().optional(),
});

export const createMediationCaseSchema = z.strictObject({
  unitId: uuid,
  teamId: uuid.optional(),
  receivedOn: dateOnly,
  ground: mediationGroundSchema,
  type: mediationTypeSchema,
  summary: trimmed(1, 3000),
  parties: z.array(mediationPartySchema).min(1, { message: 'validation.required' }).max(20),
  /** Serving mediators of the team (ids). */
  mediatorIds: z.array(uuid).max(10).optional(),
  invitees: optionalText(500),
  /** Screening at intake (Art. 3.1): the exclusions that apply; any one refuses the matter. */
  exclusions: z.array(scopeExclusionSchema).max(5).optional(),
  refusalNote: optionalText(1000),
  risk: mediationRiskSchema.optional(),
  riskNote: optionalText(500),
  notes: optionalText(1000),
});
export type CreateMediationCaseInput = z.input<typeof createMediationCaseSchema>;

/** Corrects a recorded case's parties and invitees (the book's columns 3 and 4); at least one of them. */
export const updateMediationPartiesSchema = z
  .strictObject({
    parties: z.array(mediationPartySchema).min(1, { message: 'validation.required' }).max(20).optional(),
    invitees: trimmed(0, 500).nullable().optional(),
  })
  .refine((v) => v.parties !== undefined || v.invitees !== undefined, { message: 'validation.required', path: ['parties'] });

export const mediationSessionSchema = z.strictObject({ heldOn: dateOnly, place: optionalText(200), summary: trimmed(1, 2000) });

export const mediationResultInputSchema = z.strictObject({
  result: mediationResultSchema,
  on: dateOnly,
  /** The agreement reached (settled) … */
  agreement: optionalText(3000),
  /** … or what each side asks (not settled). */
  demands: optionalText(3000),
  /** The parties asked for a written settlement record (Art. 24.2). */
  writtenRecord: z.boolean().optional(),
  /** How and by when the agreement is carried out (for the written record). */
  performance: optionalText(1000),
});

export const mediationFollowUpSchema = z.strictObject({
  on: dateOnly,
  state: z.enum(FOLLOW_UP_STATES),
  note: optionalText(1000),
});

export const mediationRiskInputSchema = z.strictObject({ risk: mediationRiskSchema, note: optionalText(500) });

export const handToPoliceSchema = z.strictObject({ note: optionalText(1000) });

export const mediationFromTipSchema = z.strictObject({ tipId: uuid, teamId: uuid.optional() });

export const listMediationCasesQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  unitId: uuid.optional(),
  status: mediationStatusSchema.optional(),
  type: mediationTypeSchema.optional(),
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  /** Only cases at risk, returning or referred. */
  escalated: z.enum(['true', 'false']).optional(),
  ...cursorQuery,
});

export const listMediationTeamsQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  unitId: uuid.optional(),
});

export const mediationBookQuerySchema = z.strictObject({
  unitId: uuid,
  year: z.coerce.number().int().min(2014).max(2100),
  format: z.enum(BOOK_FORMATS),
  lang: z.enum(['vi', 'en']).optional(),
});

export const mediationFiguresQuerySchema = z.strictObject({ unitId: uuid.optional(), from: dateOnly, to: dateOnly });

const count = z.number().int().min(0);

/** The mediation figures of the report summary (mediation module): by the day a case was received or got its result. */
export const mediationSummarySchema = z.object({
  /** Cases received in the period (refused ones included). */
  received: count,
  /** Results in the period: settled (hòa giải thành), not settled, stopped at a party's request. */
  settled: count,
  notSettled: count,
  stopped: count,
  /** Refused at screening (out of the Law's scope, Art. 3.1). */
  refused: count,
  /** Handed to the police or another competent authority. */
  referred: count,
  /** Received in the period and still being mediated. */
  inProgress: count,
  /** settled / (settled + notSettled); null when no case got a result. */
  settlementRate: z.number().min(0).max(1).nullable(),
  /** Cases marked at risk of violence or escalation, returning disputes, and prolonged complex disputes. */
  atRisk: count,
  returning: count,
  prolonged: count,
  byType: z.record(mediationTypeSchema, count),
  /** Each block with cases in the period: received (by the day received) and settled (by the day of the result). */
  byBlock: z.array(z.object({ unitId: z.uuid(), name: z.string(), received: count, settled: count })),
});
export type MediationSummary = z.infer<typeof mediationSummarySchema>;

/** One block's counts over a period (GET /mediation/figures), counted as the summary counts them. */
export const mediationBlockCountsSchema = mediationSummarySchema.pick({
  received: true,
  settled: true,
  notSettled: true,
  stopped: true,
  refused: true,
  referred: true,
  inProgress: true,
  settlementRate: true,
});
export type MediationBlockCounts = z.infer<typeof mediationBlockCountsSchema>;

/** The mediation figures of a unit by block: the blocks with cases in the period, the most cases received first. */
export const mediationBlockFiguresSchema = z.object({
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string(), type: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  blocks: z.array(mediationBlockCountsSchema.extend({ unitId: z.uuid(), name: z.string() })),
  totals: mediationBlockCountsSchema,
});
export type MediationBlockFigures = z.infer<typeof mediationBlockFiguresSchema>;
