import { randomUUID } from 'node:crypto';
import { addDays, type TipClass, type TipUrgency } from '@binh-an/domain';
import type { DbOrTx } from '../../platform/db.ts';
import type { Envelope } from '../../platform/envelope.ts';
import { vnToday } from '../../platform/time.ts';
import { loadWorkingDayPredicate } from '../calendar/index.ts';
import { clocksAtTriage, intakeDueOn, nextDue } from './tip.clocks.ts';
import { newReceipt, receiptHash } from './tip.receipts.ts';
import { insertTip, insertTipMessage, nextTipNumber } from './tip.repository.ts';
import { TipSeal } from './tip.sealing.ts';
import type { TipRow } from './tip.table.ts';

type DemoTip = {
  /** A name other demo data (cases) link to. */
  key?: string;
  daysAgo: number;
  channel: TipRow['channel'];
  block: string | null;
  what: string;
  place?: string;
  when?: string;
  who?: string;
  identity: 'anonymous' | 'identified' | 'refused';
  contact?: { name: string; phone: string };
  triage?: { classification: TipClass; category: string; urgency: TipUrgency | null; acceptedHoursAfter: number };
  transferDaysAfter?: number;
  close?: { reason: string; daysAfter: number; outcome?: string };
  dialogue?: { question: string; answer?: string };
  assign?: 'chief' | 'officer';
};

/** Recent, plausible work for the demo ward's inbox (relative to today, so that it always looks current). */
const THANH_VINH_TIPS: DemoTip[] = [
  {
    daysAgo: 0,
    channel: 'online',
    block: 'trung-my',
    what: 'Tối qua khoảng 23 giờ có nhóm 4–5 thanh niên đi xe máy tụ tập ở đầu ngõ 12, nghi sử dụng ma túy, để lại bơm kim tiêm ở bãi đất trống cạnh nhà văn hóa khối.',
    when: 'khoảng 23 giờ tối qua',
    identity: 'anonymous',
  },
  {
    daysAgo: 1,
    channel: 'online',
    block: 'tan-quang',
    what: 'Nhiều hộ trong khối nhận cuộc gọi của người tự xưng cán bộ ngân hàng, đề nghị cài ứng dụng lạ để "cập nhật sinh trắc học". Một bác lớn tuổi suýt chuyển tiền.',
    identity: 'anonymous',
  },
  {
    key: 'shop-break-in',
    daysAgo: 0,
    channel: 'hotline',
    block: 'dao-phat',
    what: 'Chủ cửa hàng điện thoại báo cửa hàng bị cạy cửa trong đêm, mất khoảng 6 điện thoại trưng bày.',
    place: 'Cửa hàng điện thoại trên đường Lê Mao (địa chỉ mẫu)',
    identity: 'identified',
    contact: { name: 'Chủ cửa hàng (mẫu)', phone: '0900 000 001' },
    triage: { classification: 'tin_bao', category: 'theft', urgency: 'urgent', acceptedHoursAfter: 1 },
    assign: 'officer',
  },
  {
    daysAgo: 9,
    channel: 'online',
    block: 'yen-giang',
    what: 'Nghi có điểm ghi lô đề tại một quán nước, buổi chiều thường có nhiều người ra vào, có người cầm sổ ghi chép.',
    when: 'các buổi chiều trong tuần',
    identity: 'anonymous',
    triage: { classification: 'to_giac', category: 'gambling', urgency: 'normal', acceptedHoursAfter: 20 },
    assign: 'officer',
  },
  {
    daysAgo: 14,
    channel: 'mailbox',
    block: 'hong-ngu',
    what: 'Thư không ký tên tố giác một người cho vay nặng lãi, lãi suất 5%/ngày, thường cho người đến đe dọa người vay; thư kèm bản chụp giấy vay tiền.',
    identity: 'anonymous',
    triage: { classification: 'to_giac', category: 'fraud', urgency: 'normal', acceptedHoursAfter: 2 },
    transferDaysAfter: 4,
    assign: 'chief',
  },
  {
    key: 'motorbike-theft',
    daysAgo: 28,
    channel: 'in_person',
    block: 'trung-my',
    what: 'Người dân đến trụ sở trình báo bị lấy trộm xe máy dựng trước cửa nhà lúc rạng sáng.',
    identity: 'identified',
    contact: { name: 'Người trình báo (mẫu)', phone: '0900 000 002' },
    triage: { classification: 'tin_bao', category: 'theft', urgency: 'urgent', acceptedHoursAfter: 0 },
    transferDaysAfter: 1,
    close: { reason: 'prosecuted', daysAfter: 18, outcome: 'prosecuted' },
    assign: 'officer',
  },
  {
    daysAgo: 33,
    channel: 'online',
    block: 'my-thuong',
    what: 'Hai hộ liền kề tranh chấp bức tường rào chung, đã cãi nhau to nhiều lần.',
    identity: 'anonymous',
    triage: { classification: 'dispute', category: 'other', urgency: null, acceptedHoursAfter: 5 },
    close: { reason: 'sent_to_mediation', daysAfter: 2 },
  },
  {
    daysAgo: 20,
    channel: 'online',
    block: null,
    what: 'Quảng cáo vay tiền nhanh không cần thế chấp, liên hệ số điện thoại …',
    identity: 'anonymous',
    triage: { classification: 'spam', category: 'other', urgency: null, acceptedHoursAfter: 3 },
  },
  {
    daysAgo: 41,
    channel: 'vneid',
    block: 'tan-tien',
    what: 'Quán karaoke hát to sau 22 giờ nhiều đêm liền, ảnh hưởng người già và trẻ nhỏ.',
    identity: 'identified',
    contact: { name: 'Cư dân khối Tân Tiến (mẫu)', phone: '0900 000 003' },
    triage: { classification: 'administrative', category: 'disorder', urgency: null, acceptedHoursAfter: 6 },
    close: { reason: 'administrative_handled', daysAfter: 3 },
  },
  {
    daysAgo: 6,
    channel: 'online',
    block: 'tan-quang',
    what: 'Có người lạ thường xuyên ra vào một phòng trọ, nghi mua bán ma túy; khách đến thường ở lại vài phút rồi đi.',
    place: 'Dãy trọ cuối ngõ (không ghi số nhà)',
    identity: 'anonymous',
    triage: { classification: 'to_giac', category: 'drugs', urgency: 'normal', acceptedHoursAfter: 3 },
    dialogue: {
      question: 'Bạn có nhớ những người đến thường đi xe gì, vào khung giờ nào không?',
      answer: 'Thường đi xe máy, khoảng 20–22 giờ, nhiều nhất vào cuối tuần.',
    },
    assign: 'officer',
  },
  {
    daysAgo: 55,
    channel: 'post',
    block: 'dong-lam',
    what: 'Đơn gửi qua bưu điện phản ánh việc đốt pháo nổ trong đám cưới ở khối.',
    identity: 'identified',
    contact: { name: 'Người gửi đơn (mẫu)', phone: '0900 000 004' },
    triage: { classification: 'tin_bao', category: 'firecrackers', urgency: 'normal', acceptedHoursAfter: 24 },
    transferDaysAfter: 3,
    close: { reason: 'not_prosecuted', daysAfter: 25, outcome: 'not_prosecuted' },
  },
];

const TRUONG_VINH_TIPS: DemoTip[] = [
  { daysAgo: 2, channel: 'online', block: 'khoi-1', what: 'Có người bán pháo nổ qua mạng, giao hàng tại khối 1.', identity: 'anonymous' },
];

/** Loads the demo tips of a ward; answers the receipt of the tip that has a dialogue, so a newcomer can follow it. */
export async function loadDemoTips(
  tx: DbOrTx,
  keys: { serverKey: Buffer; envelope: Envelope },
  ward: { id: string; blocks: Record<string, string>; chiefId: string | null; officerId: string | null },
  set: 'thanh-vinh' | 'truong-vinh',
  now: Date,
): Promise<{ receipt: string | null; ids: Record<string, string> }> {
  const today = vnToday(now);
  const ids: Record<string, string> = {};
  const isWorkingDay = await loadWorkingDayPredicate(tx, addDays(today, -90), addDays(today, 60));
  let demoReceipt: string | null = null;
  for (const d of set === 'thanh-vinh' ? THANH_VINH_TIPS : TRUONG_VINH_TIPS) {
    const id = randomUUID();
    const seal = TipSeal.forNewTip(keys, id);
    const receivedOn = addDays(today, -d.daysAgo);
    const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);
    const online = d.channel === 'online';
    const acceptedAt = d.triage
      ? new Date(Math.min(now.getTime() - 3_600_000, at(receivedOn, 8).getTime() + d.triage.acceptedHoursAfter * 3_600_000))
      : online
        ? null
        : at(receivedOn, 8);
    const clocks =
      d.triage && acceptedAt
        ? clocksAtTriage(
            { receivedOn, acceptedAt, reporterIdentity: d.identity },
            d.triage.classification,
            d.triage.urgency,
            false,
            isWorkingDay,
          )
        : { transferDueAt: null, receiptNoticeDueOn: null };
    const transferredAt =
      d.transferDaysAfter !== undefined && acceptedAt ? new Date(acceptedAt.getTime() + d.transferDaysAfter * 86_400_000) : null;
    const closedAt = d.close && acceptedAt ? new Date(acceptedAt.getTime() + d.close.daysAfter * 86_400_000) : null;
    const status =
      d.triage?.classification === 'spam' ? 'spam' : closedAt ? 'closed' : transferredAt ? 'transferred' : d.triage ? 'verifying' : 'new';
    const receipt = online ? newReceipt() : null;
    const year = Number(receivedOn.slice(0, 4));
    const row = {
      wardId: ward.id,
      id,
      unitId: d.block ? (ward.blocks[d.block] ?? ward.id) : ward.id,
      year,
      seq: await nextTipNumber(tx, ward.id, year),
      channel: d.channel,
      reporterIdentity: d.identity,
      classification: d.triage?.classification ?? null,
      category: d.triage?.category ?? null,
      urgency: d.triage?.urgency ?? null,
      status,
      receivedOn,
      acceptedAt,
      acceptedBy: acceptedAt ? ward.officerId : null,
      assignedTo: d.assign === 'chief' ? ward.chiefId : d.assign === 'officer' ? ward.officerId : null,
      dataKey: seal.wrappedKey,
      bodyEnc: seal.sealBody({ what: d.what, place: d.place ?? null, when: d.when ?? null, who: d.who ?? null, lat: null, lng: null }),
      contactEnc: d.contact ? seal.sealContact({ name: d.contact.name, phone: d.contact.phone, address: null }) : null,
      anonymousCheck:
        d.identity === 'anonymous' && d.triage && d.triage.classification !== 'spam'
          ? { namesWrongdoer: true, hasConcreteEvidence: true, isVerifiable: true }
          : null,
      intakeDueOn: online ? intakeDueOn(receivedOn, isWorkingDay) : null,
      transferDueAt: clocks.transferDueAt,
      receiptNoticeDueOn: clocks.receiptNoticeDueOn,
      receiptNoticeSentOn: clocks.receiptNoticeDueOn ? addDays(receivedOn, 1) : null,
      transferredAt,
      transferredTo: transferredAt ? 'Cơ quan Cảnh sát điều tra Công an tỉnh Nghệ An' : null,
      agencyDueOn: transferredAt ? addDays(vnToday(transferredAt), 20) : null,
      outcome: d.close?.outcome ?? null,
      outcomeOn: d.close?.outcome && closedAt ? vnToday(closedAt) : null,
      closeReason: d.close?.reason ?? null,
      closedAt,
      receiptHash: receipt ? receiptHash(keys.serverKey, receipt) : null,
      lastActivityOn: d.dialogue?.answer ? addDays(receivedOn, 2) : receivedOn,
      hasUnreadFromSender: status === 'new' || Boolean(d.dialogue?.answer),
    };
    await insertTip(tx, { ...row, nextDueAt: nextDue(row as TipRow) });
    if (d.key) ids[d.key] = id;
    if (d.dialogue && acceptedAt) {
      const q = randomUUID();
      const askedAt = new Date(acceptedAt.getTime() + 86_400_000);
      await insertTipMessage(tx, {
        wardId: ward.id,
        id: q,
        tipId: id,
        author: 'officer',
        toSender: true,
        authorId: ward.officerId,
        bodyEnc: seal.sealMessage(q, d.dialogue.question),
        createdOn: vnToday(askedAt),
        createdAt: askedAt,
      });
      if (d.dialogue.answer) {
        const a = randomUUID();
        await insertTipMessage(tx, {
          wardId: ward.id,
          id: a,
          tipId: id,
          author: 'sender',
          bodyEnc: seal.sealMessage(a, d.dialogue.answer),
          createdOn: addDays(receivedOn, 2),
        });
      }
      demoReceipt = receipt;
    }
  }
  return { receipt: demoReceipt, ids };
}
