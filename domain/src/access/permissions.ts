import type { Role } from './roles.ts';

/**
 * The one permission table: for each action, which roles may perform it.
 * Deny by default: an action or role missing here is refused. The server checks it on every route,
 * the web app reads it to hide what a user cannot do, and the authorization matrix test is generated from it.
 */
export const PERMISSIONS = {
  'unit.read': ['admin', 'chief', 'officer', 'civil_guard', 'block_leader', 'mediator', 'school_staff', 'viewer'],
  'unit.manage': ['admin'],
  'user.read': ['admin', 'chief'],
  'user.manage': ['admin'],
  'audit.read': ['admin', 'chief'],
  'token.manage': ['admin', 'chief', 'officer', 'civil_guard', 'block_leader', 'mediator', 'school_staff', 'viewer'],
  // Tips are read only by the ward police: administrators and block-level volunteers never see them (security.md §1.1).
  'tip.read': ['chief', 'officer'],
  'tip.triage': ['chief', 'officer'],
  /** The sender's contact details: the chief, or the officer the tip is assigned to (checked by the tips policy). */
  'tip.identity': ['chief', 'officer'],
  'case.read': ['chief', 'officer'],
  'case.manage': ['chief', 'officer'],
  /** The ward's case-type catalogue (types, their report group and Penal Code article): configuration, no case data. */
  'case.catalogue': ['admin'],
  /** Figures only (counts, rates, totals): never a name or a record. */
  'report.read': ['admin', 'chief', 'officer', 'viewer'],
  'calendar.read': ['admin', 'chief', 'officer', 'civil_guard', 'block_leader', 'mediator', 'school_staff', 'viewer'],
  'calendar.manage': ['admin'],
  /**
   * Teams, members, routes, shifts and the patrol log. A civil guard or block leader reaches only the teams they are a
   * member of (the patrols policy); viewers see patrol figures only in the report summary (report.read).
   */
  'patrol.read': ['chief', 'officer', 'civil_guard', 'block_leader'],
  /** Setting up teams, their members, ratings, routes with their checkpoints, and shift schedules. */
  'patrol.manage': ['chief', 'officer'],
  /** Recording rounds (from a phone, offline then synced), their checkpoints, residence checks and incidents. */
  'patrol.record': ['chief', 'officer', 'civil_guard', 'block_leader'],
  /**
   * Grassroots mediation: team rosters and the mediation book. A mediator or block leader reaches only her block's teams
   * and cases (her account's units, inScope); the ward police read the rosters and, of the book, only the escalations —
   * cases at risk of violence or escalation, returning disputes, cases handed to them (the mediation policy;
   * domain-vn §4, security.md §4.8: a mediator sees her cases, the police do the follow-up). Viewers get figures only.
   */
  'mediation.read': ['chief', 'officer', 'block_leader', 'mediator'],
  /** Recording cases in the book: intake with screening, sessions, results, follow-up, risk, handing to the police. */
  'mediation.manage': ['block_leader', 'mediator'],
  /** Team rosters: the team leader (a mediator) for her block; the ward police advise on consolidating teams. */
  'mediation.teams': ['chief', 'officer', 'mediator'],
  /** Sending a tip classified as a dispute for mediation to the block's mediation book. */
  'mediation.refer': ['chief', 'officer'],
  /** The area officer's notifications of escalations. */
  'mediation.alerts': ['chief', 'officer'],
  /**
   * The ward's residence checks: places watched, stay notifications, temporary residents and absences, inspections. A
   * civil guard or block leader reads those of their own block only (their unit's scope), with names shortened and ID
   * numbers masked: they check temporary residence on patrol with the area police (the 2020 Lê Mao article; security.md
   * line "a block leader reading a residence record gets a masked ID number").
   */
  'residence.read': ['chief', 'officer', 'civil_guard', 'block_leader'],
  /** Places, notifications taken by phone, residents and absences, the Excel import and export, retention periods. */
  'residence.manage': ['chief', 'officer'],
  /** Planning and recording inspections: also civil guards and block leaders, for their block, when checking on patrol. */
  'residence.inspect': ['chief', 'officer', 'civil_guard', 'block_leader'],
  /** Full names, dates of birth and the audited reveal of ID numbers: the ward police only. */
  'residence.identity': ['chief', 'officer'],
  /**
   * Outreach (tuyên truyền): activities, the script library, the loudspeaker schedule and announcements to residents. A
   * block leader reaches her block only (inScope); the ward police the whole ward.
   */
  'outreach.read': ['chief', 'officer', 'block_leader'],
  'outreach.manage': ['chief', 'officer', 'block_leader'],
  /** Marking an alert urgent, so that it goes out through residents' quiet hours: the chief only. */
  'outreach.urgent': ['chief'],
  /** The delivery status per recipient (contacts masked; the read is audited). */
  'outreach.deliveries': ['chief', 'officer'],
  /**
   * Community cameras: the registry with owners' contacts, the map, the footage requests and the owners' answers. The ward
   * police only: footage stays with the owners and every request is scoped and logged (issue: Ring's and SafeCam's
   * lessons). Viewers get the figures only (report.read).
   */
  'camera.read': ['chief', 'officer'],
  /** Registering the ward's own cameras, a resident's on their behalf with their consent, changing and withdrawing them. */
  'camera.manage': ['chief', 'officer'],
  /** Sending a footage request (a tip or case, a window ≤ 12 h, a radius ≤ 500 m by default). */
  'camera.request': ['chief', 'officer'],
  /** The ward's request limits: the chief alone; every change and every request beyond the defaults is audited. */
  'camera.limits': ['chief'],
  /**
   * The "An toàn về ANTT" recognition (TT 124/2021), movement models and awards: each unit's year, criteria with the
   * figures the system holds, the decision and the ward's award history. A block leader or school staff member reaches
   * her own unit (inScope). Viewers get the figures only, in the report summary (the award history names people).
   */
  'certification.read': ['chief', 'officer', 'block_leader', 'school_staff'],
  /** A unit's own steps: registration in Q1, the self-assessment meeting, the dossier, the classification sheet, its models. */
  'certification.assess': ['chief', 'officer', 'block_leader', 'school_staff'],
  /** The ward's steps: appraisal and decision (đạt / chưa đạt), award proposals and decisions. */
  'certification.decide': ['chief', 'officer'],
  /** A province's own criteria (TT 124/2021 Art. 8.1) and class thresholds (QĐ 510/2022): a province-level administrator. */
  'certification.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** Whether a role may perform an action anywhere in its own scope. */
export function isAllowed(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** The actions a role may perform, for the web app's navigation. */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => isAllowed(role, a));
}
