/** The outreach screen's tabs (apart from the API helpers: the route checks its address with them). */
export type OutreachTab = 'activities' | 'scripts' | 'schedule' | 'announcements' | 'subscribers';
export const OUTREACH_TABS: readonly OutreachTab[] = ['activities', 'scripts', 'schedule', 'announcements', 'subscribers'];
