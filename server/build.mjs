// Bundles the server for production: our own code (server and domain) into server/dist, packages stay external.
import { build } from 'esbuild';
import { precompress } from './precompress.mjs';

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

// The staff app's text files, Brotli and gzip beside each (server/precompress.mjs).
await precompress('web/dist');
