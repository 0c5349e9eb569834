import { join } from 'node:path';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { loadSecretKey } from '../platform/crypto.ts';
import { createBlobStore } from '../platform/files.ts';
import { copyFilesToStore } from './objects.ts';

const USAGE = `Stored files and the S3-compatible bucket:

  npm run objects -- copy-to-bucket     copies every file of DATA_DIR/files into the bucket set by OBJECT_STORE=s3 and
                                        the S3_* settings, under the same keys, sealed; reads each back to check it.
                                        The local files stay: remove them once the server runs with OBJECT_STORE=s3.`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command !== 'copy-to-bucket') {
    console.log(USAGE);
    return command ? 64 : 0;
  }
  const cfg = loadConfig();
  if (cfg.objectStore.kind !== 's3') {
    console.error('Set OBJECT_STORE=s3 and the S3_* settings first: they name the bucket to copy into.');
    return 64;
  }
  const store = createBlobStore(cfg, loadSecretKey(cfg));
  const { copied, failed } = await copyFilesToStore(join(cfg.dataDir, 'files'), store);
  console.log(`${copied} files copied into s3://${cfg.objectStore.bucket}/${cfg.objectStore.prefix} and checked.`);
  if (failed.length) {
    console.error(`${failed.length} files were not copied (the store refused or did not answer): run the command again.`);
    for (const key of failed) console.error(`  ${key}`);
    return 2;
  }
  return 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
    process.exit(1);
  });
