import { addDays, addMonths, addWorkingDays, type Day } from '../calendar/calendar.rules.ts';
import { CRIME_TIP_CLASSES, type TipClass, type TipStatus, type TipUrgency } from './tips.schemas.ts';

const HOUR = 3_600_000;

/**
 * Time limits for the commune police to transfer a tip to the competent investigation agency, by the date the tip
 * was received. A new row is added when the law changes; older tips keep the limits of their day.
 */
export const TRANSFER_LIMITS = [
  {
    from: '2018-03-01',
    urgentHours: 24,
    urgentRemoteHours: 48,
    normalHours: 24,
    normalRemoteHours: 48,
    basis: 'TTLT 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC Điều 8 (bản ban hành)',
  },
  {
    from: '2022-01-14',
    urgentHours: 24,
    urgentRemoteHours: 48,
    normalHours: 7 * 24,
    normalRemoteHours: 7 * 24,
    basis: 'TTLT 01/2017 Điều 8.5 sửa đổi bởi TTLT 01/2021; TT 28/2020/TT-BCA Điều 7 sửa đổi bởi TT 129/2021/TT-BCA',
  },
] as const;

/** When a tip received at `receivedAt` must reach the investigation agency (urgent: 24 h, 48 h for remote communes; else 7 days). */
export function transferDeadline(receivedAt: Date, urgency: TipUrgency, isRemoteCommune: boolean): { dueAt: Date; basis: string } {
  const day = new Date(receivedAt.getTime() + 7 * HOUR).toISOString().slice(0, 10);
  const rule = [...TRANSFER_LIMITS].reverse().find((r) => r.from <= day) ?? TRANSFER_LIMITS[0];
  const hours =
    urgency === 'urgent'
      ? isRemoteCommune
        ? rule.urgentRemoteHours
        : rule.urgentHours
      : isRemoteCommune
        ? rule.normalRemoteHours
        : rule.normalHours;
  return { dueAt: new Date(receivedAt.getTime() + hours * HOUR), basis: rule.basis };
}

/** Whether a crime-information tip (tố giác, tin báo, kiến nghị khởi tố) rather than a non-criminal matter. */
export function isCrimeInformation(classification: TipClass | null): boolean {
  return classification !== null && (CRIME_TIP_CLASSES as readonly string[]).includes(classification);
}

/**
 * The written notice of receipt to the sender: within 3 working days of receipt, and only to a sender who gave their
 * identity (TTLT 01/2017 Art. 14.1; TT 28/2020/TT-BCA Art. 17.1). Null when none is owed.
 */
export function receiptNoticeDeadline(
  receivedOn: Day,
  classification: TipClass | null,
  reporterIdentity: 'anonymous' | 'identified' | 'refused',
  isWorkingDay: (day: Day) => boolean,
): { dueOn: Day; basis: string } | null {
  if (reporterIdentity !== 'identified' || !isCrimeInformation(classification)) return null;
  return { dueOn: addWorkingDays(receivedOn, 3, isWorkingDay), basis: 'TTLT 01/2017 Điều 14.1; TT 28/2020/TT-BCA Điều 17.1' };
}

/**
 * The investigation agency's limit to resolve a tip: 20 days from its receipt, extended for complex cases by up to
 * two months, and once more by up to two months (BLTTHS 2015 Art. 147.1–147.2). The ward tracks what is reported back.
 */
export function agencyDeadline(transferredOn: Day, extensionUntil: Day | null): { dueOn: Day; basis: string } {
  const base = addDays(transferredOn, 20);
  const limit = addMonths(base, 4);
  const dueOn = extensionUntil && extensionUntil > base ? (extensionUntil < limit ? extensionUntil : limit) : base;
  return { dueOn, basis: 'BLTTHS 2015 Điều 147' };
}

/**
 * An anonymous letter is received and verified only when it names the wrongdoer, carries concrete documents or evidence,
 * and gives a basis to check (TT 28/2020/TT-BCA Art. 5.7 as amended by TT 129/2021/TT-BCA).
 */
export function meetsAnonymousThreshold(t: { namesWrongdoer?: boolean; hasConcreteEvidence?: boolean; isVerifiable?: boolean }): boolean {
  return t.namesWrongdoer === true && t.hasConcreteEvidence === true && t.isVerifiable === true;
}

/** Which status a tip may move to from another. */
export const TIP_TRANSITIONS: Record<TipStatus, readonly TipStatus[]> = {
  new: ['verifying', 'closed', 'spam'],
  verifying: ['transferred', 'closed', 'spam'],
  transferred: ['closed'],
  closed: ['verifying'],
  spam: ['new'],
};

export function canMoveTip(from: TipStatus, to: TipStatus): boolean {
  return TIP_TRANSITIONS[from].includes(to);
}

/** The status a sender sees, in plain words (message keys under `tips.publicStatus`). */
export function publicStatusKey(status: TipStatus): string {
  return status === 'spam' ? 'tips.publicStatus.new' : `tips.publicStatus.${status}`;
}
