import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ObjectBackend, ObjectStoreError } from './backend.ts';

const codeOf = (err: unknown) => String((err as { code?: unknown })?.code ?? (err as Error)?.name ?? 'error');

/** Objects as files under DATA_DIR/files, in folders named by the key's first two characters, mode 600. */
export class DiskObjects implements ObjectBackend {
  readonly kind = 'disk' as const;
  constructor(readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    try {
      await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
      await writeFile(this.path(key), bytes, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      throw new ObjectStoreError('write', codeOf(err));
    }
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if (codeOf(err) === 'ENOENT') return null;
      throw new ObjectStoreError('read', codeOf(err));
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await rm(this.path(key), { force: true });
    } catch (err) {
      throw new ObjectStoreError('delete', codeOf(err));
    }
  }
}
