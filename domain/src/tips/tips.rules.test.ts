import { describe, expect, it } from 'vitest';
import { isWeekend } from '../calendar/calendar.rules.ts';
import { agencyDeadline, canMoveTip, meetsAnonymousThreshold, receiptNoticeDeadline, transferDeadline } from './tips.rules.ts';
import { formatReceipt, isReceiptShaped, normaliseReceipt } from './tips.schemas.ts';

const at = (iso: string) => new Date(iso);
const weekdays = (day: string) => !isWeekend(day);

describe('transfer to the investigation agency (TTLT 01/2017 Art. 8.5 as amended by TTLT 01/2021; TT 28/2020 Art. 7 as amended by TT 129/2021)', () => {
  it('gives urgent or serious tips 24 hours, 48 hours in remote communes', () => {
    expect(transferDeadline(at('2026-03-02T01:00:00Z'), 'urgent', false).dueAt.toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(transferDeadline(at('2026-03-02T01:00:00Z'), 'urgent', true).dueAt.toISOString()).toBe('2026-03-04T01:00:00.000Z');
  });

  it('gives the other tips 7 days since 14/01/2022', () => {
    const r = transferDeadline(at('2026-03-02T01:00:00Z'), 'normal', false);
    expect(r.dueAt.toISOString()).toBe('2026-03-09T01:00:00.000Z');
    expect(r.basis).toContain('TTLT 01/2021');
  });

  it('keeps the 24-hour limit for every tip received before 14/01/2022 (TTLT 01/2017 as issued)', () => {
    const r = transferDeadline(at('2020-05-10T03:00:00Z'), 'normal', false);
    expect(r.dueAt.toISOString()).toBe('2020-05-11T03:00:00.000Z');
    expect(r.basis).toContain('bản ban hành');
  });
});

describe('notice of receipt to the sender (TTLT 01/2017 Art. 14.1; TT 28/2020 Art. 17.1)', () => {
  it('is due within 3 working days, skipping the weekend', () => {
    expect(receiptNoticeDeadline('2026-03-05', 'to_giac', 'identified', weekdays)?.dueOn).toBe('2026-03-10');
  });
  it('is not sent to an anonymous sender or one who refused to give details, nor for non-criminal matters', () => {
    expect(receiptNoticeDeadline('2026-03-05', 'to_giac', 'anonymous', weekdays)).toBeNull();
    expect(receiptNoticeDeadline('2026-03-05', 'tin_bao', 'refused', weekdays)).toBeNull();
    expect(receiptNoticeDeadline('2026-03-05', 'dispute', 'identified', weekdays)).toBeNull();
  });
});

describe("the investigation agency's limit (BLTTHS 2015 Art. 147)", () => {
  it('is 20 days, extended at most twice by up to two months', () => {
    expect(agencyDeadline('2026-03-01', null).dueOn).toBe('2026-03-21');
    expect(agencyDeadline('2026-03-01', '2026-05-01').dueOn).toBe('2026-05-01');
    expect(agencyDeadline('2026-03-01', '2027-01-01').dueOn).toBe('2026-07-21');
  });
});

describe('anonymous letters (TT 28/2020/TT-BCA Art. 5.7 as amended by TT 129/2021)', () => {
  it('are verified only when they name the wrongdoer, carry concrete evidence and can be checked', () => {
    expect(meetsAnonymousThreshold({ namesWrongdoer: true, hasConcreteEvidence: true, isVerifiable: true })).toBe(true);
    expect(meetsAnonymousThreshold({ namesWrongdoer: true, hasConcreteEvidence: false, isVerifiable: true })).toBe(false);
    expect(meetsAnonymousThreshold({})).toBe(false);
  });
});

describe('tip states', () => {
  it('moves forward from new to verifying to transferred to closed, and reopens a closed tip', () => {
    expect(canMoveTip('new', 'verifying')).toBe(true);
    expect(canMoveTip('verifying', 'transferred')).toBe(true);
    expect(canMoveTip('transferred', 'closed')).toBe(true);
    expect(canMoveTip('closed', 'verifying')).toBe(true);
    expect(canMoveTip('new', 'transferred')).toBe(false);
    expect(canMoveTip('spam', 'closed')).toBe(false);
  });
});

describe('receipt codes', () => {
  it('read back what a sender wrote down: any case, spaces, dashes, O for 0 and I or L for 1', () => {
    expect(normaliseReceipt('7k3m 9qxd-4tpw 2hnb')).toBe('7K3M9QXD4TPW2HNB');
    expect(normaliseReceipt('O1IL')).toBe('0111');
    expect(isReceiptShaped('7K3M9QXD4TPW2HNB')).toBe(true);
    expect(isReceiptShaped('7K3M9QXD4TPW2HNU')).toBe(false);
    expect(formatReceipt('7K3M9QXD4TPW2HNB')).toBe('7K3M 9QXD 4TPW 2HNB');
  });
});
