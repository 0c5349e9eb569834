/** Where sealed blobs are written: a folder on the server's disk, or a bucket of an S3-compatible object store. */
export interface ObjectBackend {
  readonly kind: 'disk' | 's3';
  /** Writes an object under a new key; never overwrites. */
  write(key: string, bytes: Buffer): Promise<void>;
  /** The object's bytes, or null when there is no such object. */
  read(key: string): Promise<Buffer | null>;
  /** Deletes an object; one already gone is no error. */
  delete(key: string): Promise<void>;
}

/** The store could not be reached or refused the request (down, timed out, full, wrong credentials). */
export class ObjectStoreError extends Error {
  constructor(
    readonly operation: 'write' | 'read' | 'delete',
    readonly reason: string,
  ) {
    super(`object store ${operation} failed: ${reason}`);
  }
}
