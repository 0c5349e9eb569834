// The built application the benchmarks run: the server bundled as server/build.mjs bundles it, and the staff app built
// by Vite, both into the run's scratch folder laid out like the repository (web/dist, server/dist, server/migrations and
// node_modules linked), so that the tree's own server/dist and web/dist are never touched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { precompress } from '../../server/precompress.mjs';
import { ROOT } from './procs.mjs';

/** Builds into `<scratch>/tree`; answers its root and whether the staff app was built afresh. */
export async function buildApp({ scratch, freshWeb, log }) {
  const tree = join(scratch, 'tree');
  mkdirSync(join(tree, 'server'), { recursive: true });
  mkdirSync(join(tree, 'web'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
  symlinkSync(join(ROOT, 'server', 'migrations'), join(tree, 'server', 'migrations'));
  await build({
    entryPoints: { main: join(ROOT, 'server/src/main.ts'), cli: join(ROOT, 'server/src/cli.ts') },
    outdir: join(tree, 'server', 'dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'external-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@binh-an/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  let webFresh = false;
  if (freshWeb || !existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    log('building the staff app (vite build into the scratch folder)…');
    const r = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'vite'),
      ['build', '--outDir', join(tree, 'web', 'dist'), '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: join(ROOT, 'web'),
        encoding: 'utf8',
      },
    );
    if (r.status === 0) {
      webFresh = true;
      // As `npm run build` does: .br and .gz beside each text file, which the server sends to browsers that accept them.
      await precompress(join(tree, 'web', 'dist'));
    } else log(`vite build failed, using web/dist as it is: ${(r.stderr || r.stdout).slice(-500)}`);
  }
  if (!webFresh) symlinkSync(join(ROOT, 'web', 'dist'), join(tree, 'web', 'dist'));
  return { tree, webDist: join(tree, 'web', 'dist'), webFresh };
}
