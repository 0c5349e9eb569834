import { translate } from '@binh-an/domain';
import { keyedHash } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { findCheckpoints, findMemberByFeedHash, findShiftsOfMember } from './patrol.repository.ts';
import { FEED_PURPOSE } from './patrol.service.ts';

/**
 * The calendar feed of a member's shifts (iCalendar, RFC 5545) that a phone calendar subscribes to by URL — it sends
 * no cookie, so the URL's secret token is the credential. Lines end in CRLF and are folded at 75 octets (3.1), text is
 * escaped (3.3.11), times are UTC (3.3.5, form 2: no VTIMEZONE needed), each shift keeps one UID.
 */
export type CalendarEvent = {
  uid: string;
  start: Date;
  end: Date;
  lastModified: Date;
  summary: string;
  description?: string;
  location?: string;
  cancelled: boolean;
};

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks written as \n. */
export function icsEscape(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character; continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ` ${ch}`;
      octets = 1 + size;
    } else {
      current += ch;
      octets += size;
    }
  }
  out.push(current);
  return out.join('\r\n');
}

/** A UTC date-time, 20200314T130500Z. */
export function icsTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The whole calendar as text, CRLF line endings throughout. */
export function renderCalendar(c: { name: string; description: string; events: CalendarEvent[]; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Binh An//Patrol shifts//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsEscape(c.name)}`,
    `X-WR-CALDESC:${icsEscape(c.description)}`,
    'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const e of c.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icsTime(c.now)}`,
      `LAST-MODIFIED:${icsTime(e.lastModified)}`,
      `DTSTART:${icsTime(e.start)}`,
      `DTEND:${icsTime(e.end)}`,
      `SUMMARY:${icsEscape(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${icsEscape(e.description)}`);
    if (e.location) lines.push(`LOCATION:${icsEscape(e.location)}`);
    lines.push(`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** A feed token as made by `createCalendarFeed`: 32 random bytes in base64url. */
export function isFeedTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Shifts from 60 days back to a year ahead are in the feed. */
const FEED_PAST_DAYS = 60;
const FEED_FUTURE_DAYS = 366;

/**
 * The calendar of the member a feed token belongs to, or null for an unknown, revoked or ended feed (answered like any
 * missing page). Runs as the system: the token is the credential, and only the member's own shifts are read.
 */
export async function calendarFeed(deps: Deps, token: string): Promise<string | null> {
  if (!isFeedTokenShaped(token)) return null;
  const db = deps.database.db;
  const member = await findMemberByFeedHash(db, keyedHash(deps.key, token, FEED_PURPOSE));
  if (!member || member.leftOn) return null;
  const now = deps.clock();
  const shifts = await findShiftsOfMember(
    db,
    member.wardId,
    member.id,
    new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000),
    new Date(now.getTime() + FEED_FUTURE_DAYS * 86_400_000),
  );
  const routeIds = [...new Set(shifts.map((s) => s.routeId).filter((r): r is string => !!r))];
  const checkpoints = await findCheckpoints(db, member.wardId, routeIds);
  const t = (key: string, vars: Record<string, string>) => translate('vi', `patrols.ical.${key}`, vars);
  const events = shifts.map((s): CalendarEvent => {
    const stops = checkpoints.filter((c) => c.routeId === s.routeId).map((c) => c.name);
    const description = [
      s.routeName ? t('route', { route: s.routeName }) : null,
      stops.length ? t('checkpoints', { list: stops.join(' → ') }) : null,
      s.note ? t('note', { note: s.note }) : null,
    ]
      .filter(Boolean)
      .join('\n');
    return {
      uid: `shift-${s.id}@binh-an`,
      start: s.startsAt,
      end: s.endsAt,
      lastModified: s.updatedAt,
      summary: t('eventSummary', { team: s.teamName }),
      description: description || undefined,
      location: stops[0],
      cancelled: s.cancelled,
    };
  });
  return renderCalendar({
    name: t('calendarName', { name: member.fullName }),
    description: t('calendarDescription', { name: member.fullName }),
    events,
    now,
  });
}
