import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Files of web/public the app shell uses (copied as they are, so not in the bundle). */
const PUBLIC_SHELL_FILES = ['favicon.svg', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png'];

/** FNV-1a, enough to name a cache after the list of hashed file names. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * Builds src/service-worker.ts as /app/sw.js (an entry of its own, no imports) and writes into it the files of this
 * build that the app shell needs offline, and a version that changes with them.
 */
function serviceWorker(): Plugin {
  return {
    name: 'binh-an-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const worker = bundle['sw.js'];
      if (worker?.type !== 'chunk') return;
      const files = [
        ...Object.keys(bundle).filter((file) => file !== 'sw.js' && file !== 'index.html' && !file.endsWith('.map')),
        ...PUBLIC_SHELL_FILES,
      ].sort();
      const manifest = JSON.stringify({ version: fnv1a(files.join('\n')), files });
      const placeholder = /(["'`])__BINH_AN_PRECACHE_MANIFEST__\1/;
      if (!placeholder.test(worker.code)) this.error('sw.js: the precache placeholder is missing');
      worker.code = worker.code.replace(placeholder, () => JSON.stringify(manifest));
    },
  };
}

// The staff app is served by the API server under /app/; in development Vite proxies the API to it.
export default defineConfig({
  base: '/app/',
  plugins: [react(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: { index: 'index.html', sw: 'src/service-worker.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
