/**
 * The saved views of the inbox, in the order of the tabs; the first is the default. Apart from the API helpers, so that
 * the route's address check does not bring them into the first load.
 */
export const TIP_VIEWS = ['open', 'new', 'overdue', 'mine', 'closed', 'spam', 'all'] as const;
export type TipView = (typeof TIP_VIEWS)[number];
export const DEFAULT_TIP_VIEW: TipView = 'open';
