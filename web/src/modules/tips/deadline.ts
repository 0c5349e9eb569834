import { type Day, workingDaysBetween } from '@binh-an/domain';
import { formatDate, formatDateTime, todayInVietnam } from '../../lib/format.ts';
import type { TipClock } from './api.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How a legal time limit stands: finished, past, due within a day, or running. */
export type DeadlineState = 'done' | 'overdue' | 'soon' | 'running';

/** A time limit in words: what is left (or how late), when it falls due, and both together. */
export type DeadlineText = { state: DeadlineState; remaining: string; due: string; full: string };

type Translate = (key: string, options?: Record<string, unknown>) => string;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A moment as "HH:mm dd/mm/yyyy" in Vietnam time, the way a deadline is read out ("14:00 27/11/2026"). */
export function formatTimeThenDate(value: string | Date): string {
  const text = formatDateTime(value);
  if (!text) return '';
  const [date, time] = text.split(' ');
  return `${time} ${date}`;
}

function daysFrom(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** Limits counted in working days (the rest run in hours or calendar days). */
const WORKING_DAY_KINDS: readonly string[] = ['intake', 'receiptNotice'];

/**
 * Whether a limit is a whole day: given as yyyy-mm-dd, or as the last moment of a day in Vietnam (23:59:59), which is
 * how the server sends limits that run "until the end of" a day.
 */
function isWholeDay(dueAt: string): boolean {
  if (DATE_ONLY.test(dueAt)) return true;
  return formatDateTime(dueAt, { seconds: true }).endsWith(' 23:59:59');
}

/**
 * Describes a time limit in text with its date, never by colour alone: "Còn 5 giờ (hạn 14:00 27/11/2026)",
 * "Còn 2 ngày làm việc (hạn 03/07/2020)", "Quá hạn 1 ngày (hạn 02/07/2020)". Whole-day limits run to the end of that
 * day in Vietnam and show the date alone. Working days are counted only when the working-day calendar is known
 * (`isWorkingDay`); otherwise calendar days are shown, which never overstates the time left.
 */
export function describeDeadline(
  clock: Pick<TipClock, 'kind' | 'dueAt' | 'isOverdue' | 'doneAt'>,
  t: Translate,
  now: Date = new Date(),
  isWorkingDay?: (day: Day) => boolean,
): DeadlineText {
  const isDateOnly = isWholeDay(clock.dueAt);
  const dueDay = DATE_ONLY.test(clock.dueAt) ? clock.dueAt : todayInVietnam(new Date(clock.dueAt));
  const due = isDateOnly ? formatDate(dueDay) : formatTimeThenDate(clock.dueAt);
  const workingDay = WORKING_DAY_KINDS.includes(clock.kind) ? isWorkingDay : undefined;
  const withDue = (remaining: string, state: DeadlineState): DeadlineText => ({
    state,
    remaining,
    due,
    full: t('tipsPage.deadline.withDue', { text: remaining, date: due }),
  });

  if (clock.doneAt) {
    const doneText = isWholeDay(clock.doneAt)
      ? t('tipsPage.deadline.doneOn', {
          date: formatDate(DATE_ONLY.test(clock.doneAt) ? clock.doneAt : todayInVietnam(new Date(clock.doneAt))),
        })
      : t('tipsPage.deadline.done', { date: formatTimeThenDate(clock.doneAt) });
    return withDue(doneText, 'done');
  }

  const today = todayInVietnam(now);
  const dueMoment = DATE_ONLY.test(clock.dueAt) ? Date.parse(`${clock.dueAt}T23:59:59.999+07:00`) : Date.parse(clock.dueAt);
  if (Number.isNaN(dueMoment))
    return { state: clock.isOverdue ? 'overdue' : 'running', remaining: clock.dueAt, due: clock.dueAt, full: clock.dueAt };
  const left = dueMoment - now.getTime();

  if (left < 0) {
    const late = -left;
    if (isDateOnly) {
      const days = daysFrom(dueDay, today);
      return withDue(days >= 1 ? t('tipsPage.deadline.overdueDays', { count: days }) : t('tipsPage.deadline.overdue'), 'overdue');
    }
    if (late < HOUR) return withDue(t('tipsPage.deadline.overdueMinutes', { count: Math.max(1, Math.floor(late / MINUTE)) }), 'overdue');
    if (late < DAY) return withDue(t('tipsPage.deadline.overdueHours', { count: Math.floor(late / HOUR) }), 'overdue');
    return withDue(t('tipsPage.deadline.overdueDays', { count: Math.floor(late / DAY) }), 'overdue');
  }
  // The server's verdict stands even when this device's clock says otherwise.
  if (clock.isOverdue) return withDue(t('tipsPage.deadline.overdue'), 'overdue');

  if (isDateOnly) {
    const days = daysFrom(today, dueDay);
    const state: DeadlineState = days <= 1 ? 'soon' : 'running';
    if (days <= 0) return withDue(t('tipsPage.deadline.dueToday'), 'soon');
    if (workingDay) {
      return withDue(t('tipsPage.deadline.remainingWorkingDays', { count: workingDaysBetween(today, dueDay, workingDay) }), state);
    }
    return withDue(t('tipsPage.deadline.remainingDays', { count: days }), state);
  }
  const state: DeadlineState = left < DAY ? 'soon' : 'running';
  if (left < HOUR) return withDue(t('tipsPage.deadline.remainingMinutes', { count: Math.max(1, Math.floor(left / MINUTE)) }), state);
  if (left < 2 * DAY) return withDue(t('tipsPage.deadline.remainingHours', { count: Math.floor(left / HOUR) }), state);
  if (workingDay) {
    return withDue(t('tipsPage.deadline.remainingWorkingDays', { count: workingDaysBetween(today, dueDay, workingDay) }), state);
  }
  return withDue(t('tipsPage.deadline.remainingDays', { count: Math.floor(left / DAY) }), state);
}
