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
