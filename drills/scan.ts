/**
 * `npm run drill -- scan`: sqlmap and wapiti (Debian packages) against a seeded server. The server runs from this tree
 * as a child process with the demo ward on the embedded database in a throw-away DATA_DIR and port, behind no proxy but
 * trusting X-Forwarded-For (TRUST_PROXY=1) so that sqlmap's `xforwardedfor` tamper script spreads its requests over
 * many sources instead of meeting the public forms' rate limits after thirty requests. Authenticated scans send an
 * API token of the ward's officer (list and search endpoints) and of its chief (users, audit).
 *
 * A finding is: sqlmap naming an injectable parameter or meeting a 5xx answer; wapiti reporting any vulnerability or
 * anomaly (a 500, a timeout). One pass/fail line per target; exit status 0 only when there is no finding.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../server/src/bootstrap.ts';
import { createApiToken } from '../server/src/modules/auth/index.ts';
import { findCredentialsByUsername } from '../server/src/modules/users/index.ts';
import { freePort } from '../server/src/ops/pg-cluster.ts';
import { loadConfig } from '../server/src/platform/config.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOT = new URL('..', import.meta.url).pathname;
const SECRET_KEY = 'e7'.repeat(32);

export type ScanTarget = { name: string; url: string; as?: 'officer' | 'chief'; forms?: boolean; header?: string };

/** What sqlmap tests: the public forms (crawled from their pages) and the staff API's list and search endpoints. */
export const SQLMAP_TARGETS: ScanTarget[] = [
  { name: 'public tip form', url: '/to-giac?phuong=thanh-vinh', forms: true },
  { name: 'public tip status', url: '/to-giac/theo-doi', forms: true },
  { name: 'public stay notification form', url: '/luu-tru?phuong=thanh-vinh', forms: true },
  { name: 'public announcements subscription', url: '/thong-bao/dang-ky?phuong=thanh-vinh', forms: true },
  { name: 'public camera form', url: '/camera?phuong=thanh-vinh', forms: true },
  // The receipt travels in a header; `*` marks it as the place to inject.
  { name: 'public tip status API (X-Receipt)', url: '/api/v1/public/tips/status', header: 'X-Receipt: {receipt}*' },
  { name: 'cases search', url: '/api/v1/cases?q=tr%E1%BB%99m', as: 'officer' },
  { name: 'tips search', url: '/api/v1/tips?q=123', as: 'officer' },
  { name: 'residence places search', url: '/api/v1/residence/places?q=nha', as: 'officer' },
  { name: 'residence notifications search', url: '/api/v1/residence/notifications?q=nguyen', as: 'officer' },
  { name: 'units search', url: '/api/v1/units?q=khoi', as: 'officer' },
  { name: 'users search', url: '/api/v1/users?q=can', as: 'chief' },
  { name: 'audit search', url: '/api/v1/audit?q=case&action=case.read', as: 'chief' },
];

/** Where wapiti starts crawling; it follows the links and forms it finds from there. */
export const WAPITI_STARTS = [
  '/',
  '/to-giac?phuong=thanh-vinh',
  '/to-giac/theo-doi',
  '/luu-tru?phuong=thanh-vinh',
  '/thong-bao?phuong=thanh-vinh',
  '/camera?phuong=thanh-vinh',
  '/camera/minh-bach',
  '/api/v1/cases?q=a',
  '/api/v1/tips?q=a',
  '/api/v1/residence/places?q=a',
  '/api/v1/units?q=a',
];

export type ScanLine = { tool: string; target: string; ok: boolean; detail: string; seconds: number };

/** Reads sqlmap's console output: an injection point, or 5xx answers, is a finding. */
export function sqlmapFinding(output: string): string | null {
  if (/identified the following injection point/i.test(output)) return 'injectable';
  const errors = /HTTP error codes detected during run:\s*\n?(.*)/i.exec(output);
  if (errors && /\b5\d\d \(/.test(errors[1] ?? '')) return `server errors: ${errors[1]?.trim()}`;
  return null;
}

/** The parameters sqlmap tested (it names each as it tests it). */
export function testedParameters(output: string): string[] {
  const names = new Set<string>();
  for (const m of output.matchAll(
    /testing if (?:\(custom\) )?(?:GET|POST|Cookie|User-Agent|Referer|Host|HEADER|JSON|MULTIPART)?\s*parameter '([^']+)'/gi,
  ))
    names.add(m[1] ?? '');
  for (const m of output.matchAll(
    /(?:GET|POST|Cookie|User-Agent|Referer|Host|JSON|MULTIPART) parameter '([^']+)' (?:does not seem|is not|might not|appears)/gi,
  ))
    names.add(m[1] ?? '');
  return [...names].filter(Boolean);
}

function lastLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => /CRITICAL|ERROR|WARNING/.test(l))
    .slice(-2)
    .join(' / ')
    .slice(0, 300);
}

/** Reads wapiti's JSON report: any vulnerability or anomaly is a finding. */
export function wapitiFindings(report: { vulnerabilities?: Record<string, unknown[]>; anomalies?: Record<string, unknown[]> }): string[] {
  const out: string[] = [];
  for (const group of [report.vulnerabilities ?? {}, report.anomalies ?? {}]) {
    for (const [kind, list] of Object.entries(group)) if (list.length > 0) out.push(`${kind}: ${list.length}`);
  }
  return out;
}

export async function runScan(
  log = console.log,
  opts: { wapitiSeconds?: number; outDir?: string } = {},
): Promise<{ ok: boolean; lines: ScanLine[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'binh-an-scan-'));
  const out = opts.outDir ?? join(dataDir, 'scans');
  mkdirSync(out, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  const lines: ScanLine[] = [];
  try {
    const cfg = loadConfig({ DATA_DIR: dataDir, SECRET_KEY, DEMO: '1' });
    const setup = await bootstrap(cfg, () => undefined);
    const token = async (username: string) => {
      const user = await findCredentialsByUsername(setup.database.db, username);
      if (!user) throw new Error(`no demo account ${username}`);
      return (await createApiToken(setup, user.id, 'scan', null)).secret;
    };
    const tokens = { officer: await token('canbo'), chief: await token('truongcongan') };
    // The demo's own tip receipt (written beside its logins), so that the status lookup answers 200 before the attack.
    const receipt =
      /\b[0-9A-Z]{4}[ -][0-9A-Z]{4}[ -][0-9A-Z]{4}[ -][0-9A-Z]{4}\b/
        .exec(readFileSync(join(dataDir, 'demo-logins.txt'), 'utf8'))?.[0]
        .replaceAll(' ', '-') ?? 'ABCD-EFGH-JKMN-PQRS';
    await setup.database.close();
    server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SECRET_KEY,
        DEMO: '1',
        TRUST_PROXY: '1',
        LOG_LEVEL: 'error',
        RATE_LIMIT: '1000000',
        LOGIN_RATE_LIMIT: '1000000',
        TIP_RATE_LIMIT: '1000000',
        TIP_FLOOD_THRESHOLD: '1000000',
        JOBS: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = Date.now() + 120_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/api/health`)).status === 200) break;
      } catch {
        // not yet
      }
      if (Date.now() > until) throw new Error('the server did not start');
      await sleep(200);
    }

    for (const target of SQLMAP_TARGETS) {
      const started = Date.now();
      const args = [
        '-u',
        `${base}${target.url}`,
        '--batch',
        '--level=2',
        '--risk=1',
        '--threads=4',
        '--technique=BEUS',
        '--tamper=xforwardedfor',
        '--flush-session',
        '--disable-coloring',
        // A lookup of a receipt that does not exist answers 404: a result to compare, not a reason to stop.
        '--ignore-code=404',
        `--output-dir=${out}`,
        ...(target.forms ? ['--forms'] : []),
        ...(target.header || target.as
          ? [
              `--headers=${[target.header?.replace('{receipt}', receipt), target.as ? `Authorization: Bearer ${tokens[target.as]}` : null].filter(Boolean).join('\n')}`,
            ]
          : []),
      ];
      const r = spawnSync('sqlmap', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
      const text = `${r.stdout}\n${r.stderr}`;
      writeFileSync(join(out, `sqlmap-${lines.length + 1}.txt`), text);
      const params = testedParameters(text);
      const finding =
        r.status === null ? 'timed out' : (sqlmapFinding(text) ?? (params.length === 0 ? `nothing tested: ${lastLines(text)}` : null));
      const line: ScanLine = {
        tool: 'sqlmap',
        target: target.name,
        ok: finding === null,
        detail: finding ?? `no injectable parameter among ${params.join(', ')}`,
        seconds: Math.round((Date.now() - started) / 1000),
      };
      lines.push(line);
      log(`${line.ok ? 'PASS' : 'FAIL'}  sqlmap  ${target.name} (${target.url}): ${line.detail} [${line.seconds} s]`);
    }

    const started = Date.now();
    const report = join(out, 'wapiti.json');
    const w = spawnSync(
      'wapiti',
      [
        '-u',
        `${base}/`,
        ...WAPITI_STARTS.flatMap((s) => ['-s', `${base}${s}`]),
        '--scope',
        'folder',
        '-m',
        // ssrf and xxe would ask wapiti's own server on the Internet for their results: left out (the scan stays on the loopback).
        'sql,blindsql,xss,permanentxss,exec,file,crlf,redirect,backup,htaccess,methods',
        '-H',
        `Authorization: Bearer ${tokens.officer}`,
        '-d',
        '3',
        '--max-scan-time',
        String(opts.wapitiSeconds ?? 600),
        '--flush-session',
        '-f',
        'json',
        '-o',
        report,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: ((opts.wapitiSeconds ?? 600) + 300) * 1000 },
    );
    writeFileSync(join(out, 'wapiti.txt'), `${w.stdout}\n${w.stderr}`);
    let findings: string[];
    try {
      findings = wapitiFindings(JSON.parse(readFileSync(report, 'utf8')));
    } catch {
      findings = [`no report (exit ${w.status}): ${(w.stderr || w.stdout).slice(-300)}`];
    }
    const line: ScanLine = {
      tool: 'wapiti',
      target: 'public pages and staff API',
      ok: findings.length === 0,
      detail: `${findings.length ? findings.join('; ') : 'no vulnerability, no anomaly'} (${/found (\d+) URLs and forms/.exec(w.stdout)?.[1] ?? '?'} URLs and forms)`,
      seconds: Math.round((Date.now() - started) / 1000),
    };
    lines.push(line);
    log(`${line.ok ? 'PASS' : 'FAIL'}  wapiti  ${line.target}: ${line.detail} [${line.seconds} s]`);
    return { ok: lines.every((l) => l.ok), lines };
  } finally {
    const s = server;
    if (s && s.exitCode === null) {
      s.kill('SIGTERM');
      await Promise.race([new Promise((r) => s.once('exit', r)), sleep(5000)]);
      if (s.exitCode === null) s.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
