// The staff app's text files, compressed once at build time (Brotli and gzip beside each file): the server sends the one
// the browser accepts (@fastify/static preCompressed), so a cheap phone downloads about a quarter of the bytes.
// Used by server/build.mjs and by the benchmarks' own build (bench/lib/build.mjs).
export async function precompress(dir) {
  const { readdir, readFile, writeFile } = await import('node:fs/promises');
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { brotliCompressSync, gzipSync, constants } = await import('node:zlib');
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|css|svg|json|webmanifest|txt)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    if (bytes.length < 1024) continue;
    await writeFile(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  }
}
