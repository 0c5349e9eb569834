import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from '../platform/files.ts';

/**
 * Copies every stored file under DATA_DIR/files into the configured store (an S3-compatible bucket), under the same
 * keys, then reads each back and compares it: the records keep pointing at them unchanged. The local files are left
 * for the operator to remove once the server runs with OBJECT_STORE=s3. Answers what was copied and what failed.
 */
export async function copyFilesToStore(filesDir: string, store: BlobStore): Promise<{ copied: number; failed: string[] }> {
  const failed: string[] = [];
  let copied = 0;
  if (!existsSync(filesDir)) return { copied, failed };
  for (const folder of readdirSync(filesDir).sort()) {
    if (!/^[A-Za-z0-9_-]{2}$/.test(folder)) continue;
    for (const key of readdirSync(join(filesDir, folder)).sort()) {
      if (!/^[A-Za-z0-9_-]{24}$/.test(key)) continue;
      try {
        const plain = await store.copyIn(key, readFileSync(join(filesDir, folder, key)));
        if (!(await store.get(key)).equals(plain)) throw new Error('differs');
        copied++;
      } catch {
        failed.push(key);
      }
    }
  }
  return { copied, failed };
}
