import { addWorkingDays, type Day, receiptNoticeDeadline, type TipClass, type TipUrgency, transferDeadline } from '@binh-an/domain';
import type { TipRow } from './tip.table.ts';

export type Clock = {
  kind: 'intake' | 'transfer' | 'receiptNotice' | 'agency';
  dueAt: Date;
  basis: string;
  isOverdue: boolean;
  doneAt: Date | null;
};

/** The end of a calendar day in Vietnam time, as an instant. */
export function endOfDayVn(day: Day): Date {
  return new Date(`${day}T23:59:59.999+07:00`);
}

/** A tip received online must be taken into the intake register without delay: by the end of the next working day. */
export function intakeDueOn(receivedOn: Day, isWorkingDay: (d: Day) => boolean): Day {
  return addWorkingDays(receivedOn, 1, isWorkingDay);
}

const INTAKE_BASIS = 'BLTTHS 2015 Điều 145: tiếp nhận đầy đủ, giải quyết kịp thời (hạn nội bộ của phường)';

/** The clocks fixed at triage, by the law in force when the tip was received. */
export function clocksAtTriage(
  tip: { receivedOn: Day; acceptedAt: Date; reporterIdentity: 'anonymous' | 'identified' | 'refused' },
  classification: TipClass,
  urgency: TipUrgency | null,
  isRemoteCommune: boolean,
  isWorkingDay: (d: Day) => boolean,
): { transferDueAt: Date | null; receiptNoticeDueOn: Day | null } {
  const crime = ['to_giac', 'tin_bao', 'kien_nghi_khoi_to'].includes(classification);
  return {
    transferDueAt: crime ? transferDeadline(tip.acceptedAt, urgency ?? 'normal', isRemoteCommune).dueAt : null,
    receiptNoticeDueOn: receiptNoticeDeadline(tip.receivedOn, classification, tip.reporterIdentity, isWorkingDay)?.dueOn ?? null,
  };
}

/** Every clock of a tip, running or done, with its legal basis. */
export function clocksOf(tip: TipRow, isRemoteCommune: boolean, now: Date): Clock[] {
  const clocks: Clock[] = [];
  const open = tip.status === 'new' || tip.status === 'verifying' || tip.status === 'transferred';
  const add = (kind: Clock['kind'], dueAt: Date, basis: string, doneAt: Date | null) =>
    clocks.push({ kind, dueAt, basis, doneAt, isOverdue: doneAt === null && open && dueAt < now });
  if (tip.intakeDueOn) add('intake', endOfDayVn(tip.intakeDueOn), INTAKE_BASIS, tip.acceptedAt);
  if (tip.transferDueAt && tip.acceptedAt) {
    add(
      'transfer',
      tip.transferDueAt,
      transferDeadline(tip.acceptedAt, (tip.urgency as TipUrgency) ?? 'normal', isRemoteCommune).basis,
      tip.transferredAt,
    );
  }
  if (tip.receiptNoticeDueOn) {
    add(
      'receiptNotice',
      endOfDayVn(tip.receiptNoticeDueOn),
      'TTLT 01/2017 Điều 14.1; TT 28/2020/TT-BCA Điều 17.1',
      tip.receiptNoticeSentOn ? endOfDayVn(tip.receiptNoticeSentOn) : null,
    );
  }
  if (tip.agencyDueOn) {
    add('agency', endOfDayVn(tip.agencyDueOn), 'BLTTHS 2015 Điều 147', tip.outcomeOn ? endOfDayVn(tip.outcomeOn) : null);
  }
  return clocks;
}

/** The earliest clock still running, which orders the inbox; null once nothing is pending. */
export function nextDue(tip: TipRow): Date | null {
  if (!(tip.status === 'new' || tip.status === 'verifying' || tip.status === 'transferred')) return null;
  const running: Date[] = [];
  if (tip.intakeDueOn && !tip.acceptedAt) running.push(endOfDayVn(tip.intakeDueOn));
  if (tip.transferDueAt && !tip.transferredAt) running.push(tip.transferDueAt);
  if (tip.receiptNoticeDueOn && !tip.receiptNoticeSentOn) running.push(endOfDayVn(tip.receiptNoticeDueOn));
  if (tip.agencyDueOn && !tip.outcomeOn) running.push(endOfDayVn(tip.agencyDueOn));
  return running.length ? new Date(Math.min(...running.map((d) => d.getTime()))) : null;
}
