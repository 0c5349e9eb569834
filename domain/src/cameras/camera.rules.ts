/**
 * The rules of community cameras (mô hình "Camera cộng đồng", the 2020 Lê Mao article): footage stays with the owners, and
 * every request for it is scoped, consented and logged. Requests follow the public-safety practice of bounded requests
 * (a tip or case number, a short window, a small area, visible to the owner); the limits are the ward's settings, with
 * the defaults below, and every request beyond the defaults is an audited exception.
 *
 * The law: images of people are personal data; the owner shares them only by consent. [V] Nghị định 13/2023/NĐ-CP
 * (Art. 11: consent must be explicit, specific and recorded) was replaced by Luật Bảo vệ dữ liệu cá nhân 2025 (in force
 * 01/01/2026): the consent text is versioned data (CAMERA_CONSENT_TEXTS) so that it can follow the new law's wording.
 */

export const CAMERA_COVERS = ['street', 'alley', 'gate', 'shop_front', 'parking', 'public_space'] as const;
export type CameraCover = (typeof CAMERA_COVERS)[number];
export const CAMERA_KINDS = ['resident', 'business', 'ward'] as const;
export type CameraKind = (typeof CAMERA_KINDS)[number];
export const CONTACT_CHANNELS = ['sms', 'email', 'zalo'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CAMERA_STATUSES = ['active', 'withdrawn'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];
/** An owner's answer to a footage request. */
export const FOOTAGE_ANSWERS = ['share', 'no_footage', 'decline'] as const;
export type FootageAnswer = (typeof FOOTAGE_ANSWERS)[number];
export const FOOTAGE_OUTCOMES = ['pending', ...FOOTAGE_ANSWERS] as const;
export type FootageOutcome = (typeof FOOTAGE_OUTCOMES)[number];
/** How footage reaches the police when shared: an upload on the owner's page, or handed over in person (a note). */
export const HANDOVER_KINDS = ['upload', 'in_person'] as const;

/** The defaults of a footage request's limits: a window of at most 12 hours and a radius of at most 500 m. */
export const DEFAULT_FOOTAGE_LIMITS = { maxWindowHours: 12, maxRadiusMetres: 500 } as const;
/** The outer bounds a ward's own limits may be set to (the chief's setting): a day and 2 km. */
export const FOOTAGE_LIMIT_BOUNDS = { maxWindowHours: 24, maxRadiusMetres: 2000 } as const;
export type FootageLimits = { maxWindowHours: number; maxRadiusMetres: number };

/** Retention that owners may declare (days a recorder keeps footage): 1 day to 90 days. */
export const RETENTION_BOUNDS = { min: 1, max: 90 } as const;

/** The consent texts an owner agrees to, by version; a registration keeps the version it was given. [V] */
export const CAMERA_CONSENT_VERSION = '2026-11';
export const CAMERA_CONSENT_TEXTS: Record<string, { vi: string; en: string }> = {
  '2026-11': {
    vi: 'Tôi đồng ý để Công an phường ghi nhận vị trí, hướng quay, vùng quan sát và thông tin liên hệ của camera này để gửi cho tôi đề nghị cung cấp hình ảnh khi có tin báo hoặc vụ việc. Hình ảnh vẫn do tôi lưu giữ; tôi được quyết định chia sẻ hay không với từng đề nghị, xem mọi đề nghị đã gửi cho tôi, sửa thông tin hoặc rút camera khỏi danh sách bất cứ lúc nào.',
    en: 'I agree that the ward police record this camera’s position, direction, field of view and contact details, in order to send me requests for footage when there is a tip or a case. The footage stays with me; I decide whether to share it for each request, can see every request sent to me, and can change the details or withdraw the camera at any time.',
  },
};

/** A tip (TB-2026-0012) or a case (VV-2026-0034) number: a request must cite one. */
const REFERENCE = /^(TB|VV)-(\d{4})-(\d{4,6})$/;

/** What a request cites, read from its number; null when it is neither a tip nor a case number. */
export function readReference(text: string): { kind: 'tip' | 'case'; number: string } | null {
  const m = REFERENCE.exec(text.trim().toUpperCase());
  if (!m) return null;
  return { kind: m[1] === 'TB' ? 'tip' : 'case', number: `${m[1]}-${m[2]}-${m[3]}` };
}

export type FootageRequestProblem = 'reference' | 'windowOrder' | 'windowTooLong' | 'radiusTooLarge' | 'windowInFuture';

/**
 * Checks a footage request against the ward's limits. Answers the problems (none: the request may be sent) and whether
 * it is an exception: beyond the defaults but within the ward's own limits, which the service audits as such.
 */
export function checkFootageRequest(
  input: { reference: string; fromAt: Date; toAt: Date; radiusMetres: number },
  limits: FootageLimits,
  now: Date,
): { problems: FootageRequestProblem[]; exception: boolean; windowHours: number } {
  const problems: FootageRequestProblem[] = [];
  if (!readReference(input.reference)) problems.push('reference');
  const windowHours = (input.toAt.getTime() - input.fromAt.getTime()) / 3_600_000;
  if (windowHours <= 0) problems.push('windowOrder');
  else if (windowHours > limits.maxWindowHours) problems.push('windowTooLong');
  if (input.fromAt.getTime() > now.getTime()) problems.push('windowInFuture');
  if (input.radiusMetres > limits.maxRadiusMetres) problems.push('radiusTooLarge');
  const exception =
    problems.length === 0 &&
    (windowHours > DEFAULT_FOOTAGE_LIMITS.maxWindowHours || input.radiusMetres > DEFAULT_FOOTAGE_LIMITS.maxRadiusMetres);
  return { problems, exception, windowHours };
}

/** Whether a ward's limits stay within the outer bounds (the chief's setting is refused otherwise). */
export function limitsWithinBounds(l: FootageLimits): boolean {
  return (
    l.maxWindowHours >= 1 &&
    l.maxWindowHours <= FOOTAGE_LIMIT_BOUNDS.maxWindowHours &&
    l.maxRadiusMetres >= 10 &&
    l.maxRadiusMetres <= FOOTAGE_LIMIT_BOUNDS.maxRadiusMetres
  );
}

/**
 * Whether a recorder that keeps `retentionDays` days still holds footage from `fromAt` at `now`: the oldest moment it
 * keeps is `now − retentionDays × 24 h`. A request whose window started before that finds nothing there (the retention
 * filter); one whose window ends after it may still find its later part.
 */
export function retentionHolds(retentionDays: number, window: { fromAt: Date; toAt: Date }, now: Date): boolean {
  const oldestKept = now.getTime() - retentionDays * 86_400_000;
  return window.toAt.getTime() >= oldestKept;
}

/** The day an owner's footage of a window is overwritten: the end of the window plus the retention. */
export function footageGoneAt(retentionDays: number, toAt: Date): Date {
  return new Date(toAt.getTime() + retentionDays * 86_400_000);
}

/**
 * A camera counts in searches only while registered (not withdrawn) and working, and, unless it is the ward's own, with
 * its owner's consent recorded.
 */
export function searchable(c: { kind: CameraKind; status: CameraStatus; working: boolean; consentVersion: string | null }): boolean {
  return c.status === 'active' && c.working && (c.kind === 'ward' || c.consentVersion !== null);
}

/** Requests per month (Vietnam time, "2026-11") and their outcomes, for the public transparency page. */
export function monthlyOutcomes(
  targets: readonly { month: string; outcome: FootageOutcome }[],
  requests: readonly { month: string }[],
): { month: string; requests: number; cameras: number; outcomes: Record<FootageOutcome, number> }[] {
  const months = [...new Set([...requests.map((r) => r.month), ...targets.map((t) => t.month)])].sort().reverse();
  return months.map((month) => {
    const outcomes = Object.fromEntries(FOOTAGE_OUTCOMES.map((o) => [o, 0])) as Record<FootageOutcome, number>;
    const mine = targets.filter((t) => t.month === month);
    for (const t of mine) outcomes[t.outcome] += 1;
    return { month, requests: requests.filter((r) => r.month === month).length, cameras: mine.length, outcomes };
  });
}
