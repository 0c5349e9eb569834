import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
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

/** Whether a value is plain data (text, numbers, lists and records of them) that can be written into a module as JSON. */
function isPlainData(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isPlainData);
}

const DOMAIN_CODES = 'virtual:binh-an/domain-codes';

/**
 * The route table, the language choice and what they import run before any screen, so they are in the first load. They
 * need the domain's code lists only (statuses, kinds, languages, to check an address), and importing them from the
 * domain package would put the whole schema file of each list, and zod, into the first load. In a build these files
 * import the lists from a module written at build time from the domain itself (the same values, as JSON); a function
 * or schema imported there fails the build, naming it.
 */
function domainCodesForFirstLoad(): Plugin {
  const firstLoad =
    /[\\/]web[\\/]src[\\/](routes[\\/][^\\/]+|modules[\\/][a-z-]+[\\/](routes\.tsx|period-kinds\.ts)|lib[\\/]i18n\.ts|ui[\\/]language-switch\.tsx)$/;
  return {
    name: 'binh-an-domain-codes',
    apply: 'build',
    enforce: 'pre',
    resolveId(id) {
      return id === DOMAIN_CODES ? `\0${DOMAIN_CODES}` : null;
    },
    async load(id) {
      if (id !== `\0${DOMAIN_CODES}`) return null;
      const domainEntry = await this.resolve('@binh-an/domain', fileURLToPath(import.meta.url));
      if (!domainEntry) this.error('@binh-an/domain cannot be resolved');
      const { tsImport } = await import('tsx/esm/api');
      const domain = (await tsImport(domainEntry.id, import.meta.url)) as Record<string, unknown>;
      return Object.entries(domain)
        .filter(([name, value]) => /^[A-Z][A-Z0-9_]*$/.test(name) && isPlainData(value))
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
    },
    transform(code, id) {
      if (!firstLoad.test(id) || !code.includes("from '@binh-an/domain'")) return null;
      return { code: code.replaceAll("from '@binh-an/domain'", `from '${DOMAIN_CODES}'`), map: null };
    },
  };
}

/**
 * Each language's catalogue (src/locales/catalogue.<lang>.ts) merges the domain's and the screens' strings of that
 * language; several of those files hold both languages. A build writes each catalogue, and the first screens' part of
 * it (first-screen.<lang>.ts), as the one JSON object it computes to, so that the chunk a language fetches holds that language only, and parses fast.
 */
function catalogueAsJson(): Plugin {
  const catalogue = /[\\/]web[\\/]src[\\/]locales[\\/](catalogue|first-screen)\.[a-z]{2}\.ts$/;
  return {
    name: 'binh-an-catalogue-json',
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      if (!catalogue.test(id)) return null;
      const { tsImport } = await import('tsx/esm/api');
      const module = (await tsImport(id, import.meta.url)) as { catalogue?: unknown };
      if (!isPlainData(module.catalogue)) this.error(`${id}: the catalogue is not plain text`);
      return `export const catalogue = JSON.parse(${JSON.stringify(JSON.stringify(module.catalogue))});`;
    },
  };
}

/**
 * The page has nothing to show before the app's script runs, so its stylesheet need not block the first paint: index.html
 * only preloads it (in parallel with the scripts), and main.tsx attaches it and waits for it before the first render.
 */
function stylesheetWithoutBlocking(): Plugin {
  return {
    name: 'binh-an-stylesheet-without-blocking',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<link rel="stylesheet"( crossorigin)? href="([^"]+\.css)">/g, '<link rel="preload" as="style"$1 href="$2">'),
    },
  };
}

/** The most the first load (the entry and the modules it imports, which index.html preloads) may weigh gzipped. */
const FIRST_LOAD_BUDGET_KB = 200;

/**
 * Fails the build when the first load grows past its budget (issue #12, measured as bench/suites/front-end.mjs does:
 * gzip -9 of the entry and its static imports), naming the largest chunks: a screen's code, a schema or a catalogue
 * pulled into the route table is the usual cause.
 */
function firstLoadBudget(): Plugin {
  return {
    name: 'binh-an-first-load-budget',
    apply: 'build',
    writeBundle(options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry && file.name === 'index');
      if (entry?.type !== 'chunk' || !options.dir) return;
      const dir = options.dir;
      const seen = new Map<string, number>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (seen.has(fileName) || chunk?.type !== 'chunk') return;
        seen.set(fileName, gzipSync(readFileSync(join(dir, fileName)), { level: 9 }).length);
        for (const imported of chunk.imports) visit(imported);
      };
      visit(entry.fileName);
      const total = [...seen.values()].reduce((sum, size) => sum + size, 0) / 1024;
      if (total <= FIRST_LOAD_BUDGET_KB) return;
      const largest = [...seen.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([file, size]) => `${file} ${(size / 1024).toFixed(1)} KB`);
      this.error(`the first load is ${total.toFixed(1)} KB gzipped, over its ${FIRST_LOAD_BUDGET_KB} KB (largest: ${largest.join(', ')})`);
    },
  };
}

// The staff app is served by the API server under /app/; in development Vite proxies the API to it.
export default defineConfig({
  base: '/app/',
  plugins: [domainCodesForFirstLoad(), catalogueAsJson(), react(), stylesheetWithoutBlocking(), firstLoadBudget(), serviceWorker()],
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
