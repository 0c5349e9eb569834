// Processes a benchmark starts: the application server (from source through tsx), baseline servers; free ports; RSS.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const started = new Set();
/** Every process started here is stopped when the run ends, however it ends. */
export function stopAll() {
  for (const p of started) {
    try {
      p.kill('SIGKILL');
    } catch {}
  }
  started.clear();
}

async function waitForHttp(url, child, timeoutMs, output) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before answering ${url}:\n${output().slice(-3000)}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
}

/** Starts a Node process running `script` (TypeScript through tsx, or plain JS) and waits until `readyPath` answers. */
export async function startNode({ script, env, port, readyPath = '/', timeoutMs = 180_000, args = [], cwd = ROOT, nodeArgs = [] }) {
  let out = '';
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, ...args], {
    cwd,
    env: cleanEnv({ ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  child.stdout.on('data', (d) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
  });
  child.stderr.on('data', (d) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}${readyPath}`, child, timeoutMs, () => out);
  return {
    base,
    pid: child.pid,
    output: () => out,
    rssMb: () => rssMb(child.pid),
    cpuMs: () => cpuMs(child.pid),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      started.delete(child);
    },
  };
}

/** CPU time a process has used so far, user and system, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** The built tree the application runs from (bench/lib/build.mjs); null runs it from source through tsx. */
let builtTree = null;
export function useBuiltTree(tree) {
  builtTree = tree;
}

/** The Node options `npm start` serves with (package.json "serve"), so that the benchmarks measure the same process. */
export function serveNodeArgs() {
  const serve = JSON.parse(readFileSync(new URL('package.json', `file://${ROOT}`), 'utf8')).scripts.serve;
  return serve.split(/\s+/).filter((t) => t.startsWith('--'));
}

/** Starts the application server with benchmark settings on a free port, with the Node options of `npm start`. */
export async function startApp({ databaseUrl, dataDir, demo = true, extraEnv = {}, nodeArgs = [] }) {
  const port = await freePort();
  // With a DATABASE_URL the server writes the demo logins into DATA_DIR but does not create it.
  mkdirSync(dataDir, { recursive: true });
  const env = {
    DATA_DIR: dataDir,
    DEMO: demo ? '1' : '0',
    // A fixed key for the run, so that the operator commands and the server share it.
    SECRET_KEY: 'b'.repeat(64),
    LOG_LEVEL: 'warn',
    JOBS: '0',
    API_DOCS: '0',
    MAP_TILE_URL: '',
    // Every request of the load comes from one address: the per-address limits would answer 429 after a few hundred.
    RATE_LIMIT: '100000000',
    LOGIN_RATE_LIMIT: '100000000',
    TIP_RATE_LIMIT: '100000000',
    // The proof-of-work switches on only while a ward is flooded: a threshold no run reaches keeps it off (the route
    // still counts every tip and checks whether the ward is flooded).
    TIP_FLOOD_THRESHOLD: '1000000000',
    ...extraEnv,
  };
  // Without a URL the server opens the embedded database (PGlite) in DATA_DIR.
  env.DATABASE_URL = databaseUrl;
  const args = [...serveNodeArgs(), ...nodeArgs];
  return builtTree
    ? startNode({ script: 'server/dist/main.js', cwd: builtTree, env, port, readyPath: '/api/health', nodeArgs: args })
    : startNode({ script: 'server/src/main.ts', env, port, readyPath: '/api/health', nodeArgs: args });
}

function cleanEnv(env) {
  const e = { ...env };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  return e;
}

/** Runs an operator command (npm run cli -- …) against a database; answers its output. */
export function cli(args, env) {
  return new Promise((resolve, reject) => {
    const base = cleanEnv({ ...process.env, SECRET_KEY: 'b'.repeat(64), LOG_LEVEL: 'warn', ...env });
    const child = builtTree
      ? spawn(process.execPath, ['server/dist/cli.js', ...args], { cwd: builtTree, env: base })
      : spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { cwd: ROOT, env: base });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`cli ${args.join(' ')} failed (${code}): ${out}`))));
  });
}
