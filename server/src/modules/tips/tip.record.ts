import { translate } from '@binh-an/domain';
import { type Actor, requirePermission, withActor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { inSentence } from '../../platform/html.ts';
import { vnToday } from '../../platform/time.ts';
import { findUnitById } from '../units/index.ts';
import { findCredentialsById } from '../users/index.ts';
import { type ReceptionRecordData, renderReceptionRecord } from './tip.pdf.ts';
import { findTipFiles, findTipInScope } from './tip.repository.ts';
import { TipSeal } from './tip.sealing.ts';
import { tipNumber } from './tip.service.ts';

/**
 * The reception record of a tip (biên bản tiếp nhận nguồn tin về tội phạm, BLTTHS Art. 146.3; Mẫu 01, TT 119/2021/TT-BCA)
 * as PDF. The sender's details are printed only for the chief or the officer the tip is assigned to.
 */
export async function tipReceptionRecord(deps: Deps, actor: Actor, id: string): Promise<{ number: string; bytes: Buffer }> {
  requirePermission(actor, 'tip.read');
  const data = await withActor(deps.database.db, actor, async (tx) => {
    const tip = await findTipInScope(tx, actor, id);
    if (!tip) throw new AppError('notFound');
    await recordAudit(tx, {
      action: 'tip.reception_record',
      actor: { userId: actor.userId, username: actor.username },
      wardId: tip.wardId,
      entityType: 'tip',
      entityId: tip.id,
    });
    return { tip, files: await findTipFiles(tx, tip.wardId, tip.id) };
  });
  const { tip, files } = data;
  const db = deps.database.db;
  const today = vnToday(deps.clock());
  const ward = await findUnitById(db, tip.wardId, today);
  let province = ward;
  while (province?.parentId) province = await findUnitById(db, province.parentId, today);
  const officer = await findCredentialsById(db, actor.userId);
  const seal = TipSeal.forTip(deps, tip);
  const body = seal.openBody(tip.bodyEnc);
  const contact = tip.contactEnc ? seal.openContact(tip.contactEnc) : null;
  const mayIdentify = actor.role === 'chief' || tip.assignedTo === actor.userId;
  const wardName = ward?.name ?? '';
  const record: ReceptionRecordData = {
    province: province?.name ?? '',
    policeUnit: `Công an ${inSentence(wardName)}`,
    number: tipNumber(tip),
    receivedAt: tip.acceptedAt ?? new Date(`${tip.receivedOn}T08:00:00+07:00`),
    place: `Trụ sở Công an ${inSentence(wardName)}`,
    officerName: officer?.displayName ?? actor.username,
    officerTitle: translate('vi', `roles.${actor.role}`),
    channel: tip.channel as ReceptionRecordData['channel'],
    reporter: {
      identity: tip.reporterIdentity as 'anonymous' | 'identified' | 'refused',
      name: mayIdentify ? (contact?.name ?? null) : null,
      phone: mayIdentify ? (contact?.phone ?? null) : null,
      address: mayIdentify ? (contact?.address ?? null) : null,
      refusalReason: contact?.refusalReason ?? null,
    },
    content: body,
    attachments: files.map((f) => ({ name: seal.openFileName(f.id, f.nameEnc), kind: f.kind })),
    classification: tip.classification ? translate('vi', `tips.classes.${tip.classification}`) : null,
  };
  return { number: record.number, bytes: await renderReceptionRecord(record) };
}
