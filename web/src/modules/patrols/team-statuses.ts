/** The teams list's status filter (apart from the API helpers: the route checks its address with it). */
export const TEAM_STATUSES_SHOWN = ['active', 'closed', 'all'] as const;
export type TeamStatusFilter = (typeof TEAM_STATUSES_SHOWN)[number];
