/** The account states the users list filters by (apart from the API helpers: the route checks its address with them). */
export const USER_STATUSES = ['active', 'disabled', 'locked'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
