/** Error codes a service may throw; each one is a message key under `errors.` and maps to one HTTP status. */
export const ERROR_STATUS = {
  badRequest: 400,
  idempotencyKeyMissing: 400,
  idempotencyKeyInvalid: 400,
  validation: 400,
  malformedJson: 400,
  unauthenticated: 401,
  invalidCredentials: 401,
  invalidTotp: 401,
  invalidRecovery: 401,
  totpRequired: 401,
  forbidden: 403,
  csrf: 403,
  notFound: 404,
  receiptNotFound: 404,
  conflict: 409,
  tipState: 409,
  caseState: 409,
  usernameTaken: 409,
  codeTaken: 409,
  leaderTaken: 409,
  payloadTooLarge: 413,
  tooManyFiles: 413,
  unsupportedMediaType: 415,
  fileType: 415,
  importFile: 415,
  invalidParent: 422,
  unitInactive: 422,
  schoolLevelRequired: 422,
  invalidDates: 422,
  roleUnitMismatch: 422,
  selfLockout: 422,
  urgencyRequired: 422,
  assigneeInvalid: 422,
  quarantineConfirm: 422,
  importHeaders: 422,
  importRows: 422,
  idempotencyKeyReused: 422,
  memberIneligible: 422,
  teamKindPeriod: 422,
  teamInactive: 422,
  ratingNotAllowed: 422,
  patrolRecord: 422,
  rateLimited: 429,
  powRequired: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** A failure a service reports to its caller; only the HTTP layer turns it into a status and a message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    super(code);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
