import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder of PostgreSQL's programs (Debian's layout, the newest version first), or null when none is installed. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && Number(v) >= 15 && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** A free TCP port on the loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away PostgreSQL cluster for drills and tests: initdb in a temporary folder, listening on the loopback only,
 * started and stopped with pg_ctl as the `postgres` account when run as root. Trust authentication, loopback only.
 */
export class PgCluster {
  private constructor(
    readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(bin = postgresBin()): Promise<PgCluster> {
    if (!bin) throw new Error('PostgreSQL (15 or newer) is not installed: no /usr/lib/postgresql/<version>/bin/pg_ctl');
    const dir = mkdtempSync(join(tmpdir(), 'binh-an-pg-'));
    chmodSync(dir, 0o777);
    const cluster = new PgCluster(bin, dir, await freePort());
    cluster.run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    cluster.start();
    return cluster;
  }

  /** Starts the server and waits until it accepts connections. */
  start(): void {
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=on`,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      'start',
    ]);
  }

  /** Stops the server: `fast` (clients disconnected, clean), or `immediate` (no shutdown checkpoint, as a crash). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  /** The postmaster's process id, while it runs. */
  pid(): number | null {
    const r = spawnSync('head', ['-1', join(this.dir, 'data', 'postmaster.pid')], { encoding: 'utf8' });
    const pid = Number(r.stdout.trim());
    return r.status === 0 && pid > 0 ? pid : null;
  }

  /** Stops the server if it runs and removes its folder. */
  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs one of PostgreSQL's programs, as `postgres` when this process runs as root (the server refuses root). */
  run(program: string, args: string[]): string {
    const path = join(this.bin, program);
    if (process.getuid?.() === 0) {
      const quoted = [path, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
      return execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    }
    return execFileSync(path, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }
}
