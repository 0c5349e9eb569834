import { randomUUID } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanUpload, MAX_FILE_BYTES, MAX_FILES } from '../../platform/files.ts';
import type { Upload } from '../../platform/multipart.ts';
import type { TipSeal } from './tip.sealing.ts';
import type { tipFiles } from './tip.table.ts';

/**
 * Cleans, seals and stores uploads before the transaction that records them: images re-encoded without metadata,
 * other types quarantined; refused types and oversize files stop everything before anything is written.
 */
export async function storeUploads(
  deps: Deps,
  seal: TipSeal,
  tip: { wardId: string; id: string },
  uploads: readonly Upload[],
  uploadedBy: 'sender' | 'officer',
): Promise<(typeof tipFiles.$inferInsert)[]> {
  if (uploads.length > MAX_FILES) throw new AppError('tooManyFiles');
  const cleaned = [];
  for (const u of uploads) {
    if (u.bytes.length > MAX_FILE_BYTES) throw new AppError('payloadTooLarge');
    const clean = await cleanUpload(u.bytes, u.name);
    if (!clean) throw new AppError('fileType');
    cleaned.push(clean);
  }
  const ids = cleaned.map(() => randomUUID());
  const keys = await deps.blobs.putAll(cleaned.map((clean, i) => seal.sealFile(ids[i] as string, clean.bytes)));
  return cleaned.map((clean, i) => {
    const id = ids[i] as string;
    const storageKey = keys[i] as string;
    return {
      wardId: tip.wardId,
      id,
      tipId: tip.id,
      uploadedBy,
      kind: clean.kind,
      mime: clean.mime,
      size: clean.bytes.length,
      nameEnc: seal.sealFileName(id, clean.name),
      storageKey,
      quarantined: clean.quarantined,
    };
  });
}
