/**
 * Outreach (tuyên truyền) and resident alerts: the kinds of activity the ward counts, the topics residents subscribe to,
 * who an announcement reaches, quiet hours, and the delivery retries.
 */

/** Kinds of outreach activity (the 2020 Lê Mao article: block meetings, organisation meetings, loudspeakers, media). */
export const ACTIVITY_TYPES = [
  'block_meeting',
  'organisation_meeting',
  'loudspeaker',
  'school_session',
  'leaflet',
  'media_article',
  'security_day',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Topics of activities, scripts, announcements and subscriptions. */
export const OUTREACH_TOPICS = ['drugs', 'fraud', 'firecrackers', 'traffic', 'residence', 'theft', 'fire', 'general'] as const;
export type OutreachTopic = (typeof OUTREACH_TOPICS)[number];

/** Groups an audience is counted by where known. */
export const AUDIENCE_GROUPS = ['residents', 'party_members', 'youth', 'women', 'veterans', 'elderly', 'students', 'workers'] as const;
export type AudienceGroup = (typeof AUDIENCE_GROUPS)[number];

/** The ward's loudspeaker system or a block's. */
export const BROADCAST_SYSTEMS = ['ward', 'block'] as const;

/**
 * The day of the movement: Ngày hội toàn dân bảo vệ an ninh Tổ quốc, 19 August each year (Quyết định 521/QĐ-TTg of
 * 2005 on the day of the whole people protecting national security).
 */
export const SECURITY_DAY = { month: 8, day: 19 } as const;

/** Whether a day is the movement's day (19/8). */
export function isSecurityDay(day: string): boolean {
  const [, m, d] = day.split('-').map(Number);
  return m === SECURITY_DAY.month && d === SECURITY_DAY.day;
}

/** The sum of an audience counted by group. */
export function audienceTotal(groups: Partial<Record<AudienceGroup, number>>): number {
  return Object.values(groups).reduce<number>((s, n) => s + (n ?? 0), 0);
}

/* ---------- who an announcement reaches ---------- */

export type SubscriberChoice = { topics: readonly string[]; blockIds: readonly string[] };
export type AnnouncementTarget = { topic: string; blockIds: readonly string[]; urgent: boolean };

/**
 * A subscriber receives an announcement of a topic they chose (an urgent alert: whatever their topics), when it targets
 * the whole ward, or they follow the whole ward, or one of its blocks is one of theirs.
 */
export function reaches(subscriber: SubscriberChoice, a: AnnouncementTarget): boolean {
  const topicOk = a.urgent || subscriber.topics.includes(a.topic);
  const blockOk = a.blockIds.length === 0 || subscriber.blockIds.length === 0 || a.blockIds.some((b) => subscriber.blockIds.includes(b));
  return topicOk && blockOk;
}

/* ---------- quiet hours ---------- */

const VN_OFFSET_MS = 7 * 3_600_000;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** A clock time "HH:MM" (00:00–23:59). */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type QuietHours = { from: string; to: string } | null;

/**
 * When a message may go out: now, or the end of the subscriber's quiet hours (Vietnam time; a window may cross midnight,
 * 22:00–06:00). An urgent alert ignores quiet hours; only a chief may mark one urgent (permission outreach.urgent).
 */
export function sendableAt(now: Date, quiet: QuietHours, urgent: boolean): Date {
  if (urgent || !quiet || quiet.from === quiet.to) return now;
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return now;
  const waitMinutes = (to - minute + 1440) % 1440;
  const at = new Date(now.getTime() + waitMinutes * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/* ---------- delivery retries ---------- */

/** Attempts a message gets before its delivery is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** The wait before the next attempt after `attempts` failed ones: 1 min, 2, 4, 8, 16 … capped at 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/* ---------- consent ---------- */

/**
 * The consent a resident gives when subscribing, by version (personal data: Nghị định 13/2023/NĐ-CP Art. 11, consent
 * that is explicit, specific and recorded; from 01/01/2026 Luật Bảo vệ dữ liệu cá nhân 2025 [V]: check the decree that
 * implements it). A subscription keeps the version it agreed to; a new text is a new version.
 */
export const SUBSCRIPTION_CONSENT_VERSION = '2026-11';
export const SUBSCRIPTION_CONSENT_TEXTS: Record<string, { vi: string; en: string }> = {
  '2026-11': {
    vi: 'Tôi đồng ý để Công an phường lưu địa chỉ liên lạc này, các chủ đề, khối và giờ yên lặng tôi chọn, chỉ để gửi thông báo và cảnh báo về an ninh, trật tự cho tôi. Tôi có thể hủy đăng ký bất cứ lúc nào bằng đường dẫn trong mỗi tin; khi đó địa chỉ liên lạc bị xóa.',
    en: 'I agree that the ward police keep this contact, the topics, blocks and quiet hours I choose, only to send me notices and alerts about security and order. I can unsubscribe at any time through the link in each message; my contact is then deleted.',
  },
};

/** A survey answer ("do you feel safer?"). */
export const SURVEY_ANSWERS = ['safer', 'same', 'less_safe'] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

/** The share of "safer" answers, in whole percent, or null without answers. */
export function saferShare(counts: Partial<Record<SurveyAnswer, number>>): number | null {
  const total = SURVEY_ANSWERS.reduce((s, a) => s + (counts[a] ?? 0), 0);
  return total ? Math.round(((counts.safer ?? 0) * 100) / total) : null;
}
