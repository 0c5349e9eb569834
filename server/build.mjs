// Bundles the server for production: our own code (server and domain) into server/dist, packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'server/src/main.ts', cli: 'server/src/cli.ts' },
  outdir: 'server/dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        // Every bare import is a package from node_modules, except our own workspace packages, which are bundled.
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@binh-an/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});

// The staff app's text files, compressed once at build time (Brotli and gzip beside each file): the server sends the one
// the browser accepts (@fastify/static preCompressed), so a cheap phone downloads about a quarter of the bytes.
await precompress('web/dist');

async function precompress(dir) {
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
