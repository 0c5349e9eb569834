import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';
import type { WindowCounters } from '../../platform/window-counters.ts';

const WINDOW_MS = 10 * 60_000;
const HOLD_MS = 30 * 60_000;
const CHALLENGE_TTL_MS = 15 * 60_000;

/**
 * Flood protection for the public tip channel. In calm times it asks nothing of a sender. When one ward receives more
 * tips in ten minutes than the threshold, it switches on for half an hour: each tip must then carry a proof-of-work — a
 * nonce that gives SHA-256(challenge:nonce) the required leading zero bits — which the page's small script finds by
 * itself in a second or two (GlobaLeaks' answer to submission flooding, issue #2776). No CAPTCHA service, nothing from
 * another origin.
 *
 * The counts are the installation's (`deps.counters`: in the database when several servers share it, in memory on one):
 * a ward's tips in the current ten minutes, and each challenge's uses. Nothing else is kept: no time of a tip, no
 * address; a tip that could not be counted is reported with its ward only.
 */
export class FloodGuard {
  private readonly floodedUntil = new Map<string, number>();
  private readonly key: Buffer;

  constructor(
    serverKey: Buffer,
    private readonly threshold: number,
    readonly bits: number,
    private readonly counters: WindowCounters,
    private readonly now: () => number = Date.now,
    private readonly onCountFailed: (err: unknown, wardId: string) => void = () => {},
  ) {
    this.key = createHmac('sha256', serverKey).update('binh-an:tip-pow').digest();
  }

  /**
   * Counts a tip already stored; too many for the ward in the window switches the proof-of-work on. It never fails: a
   * count that cannot be taken does not take back a tip received, and is reported instead.
   *
   * Added with the counters' next sync (`hitLater`), not written at once: the threshold holds across servers without
   * it. Each server decides on its own look (`isFlooded`, before every tip and every form shown), which is at most a
   * sync old whether this tip was written now or a second later; this tip's own look, just before it was stored, makes
   * the count known here as fresh as a write would answer, give or take the others' last second. A flood is many tips:
   * it crosses the threshold on every server within a sync of the tip that crosses it, and the per-source tip limit
   * (counted at once) bounds what one sender adds meanwhile.
   */
  async record(wardId: string): Promise<void> {
    try {
      const { current } = await this.counters.hitLater(`tip-flood|${wardId}`, WINDOW_MS);
      if (current > this.threshold) this.floodedUntil.set(wardId, this.now() + HOLD_MS);
    } catch (err) {
      this.onCountFailed(err, wardId);
    }
  }

  /** Whether the ward is flooded: by this server's count, or by the others' as last synced. */
  async isFlooded(wardId: string): Promise<boolean> {
    if (this.threshold === 0 || (this.floodedUntil.get(wardId) ?? 0) > this.now()) return true;
    const { current } = await this.counters.peek(`tip-flood|${wardId}`);
    if (current <= this.threshold) return false;
    this.floodedUntil.set(wardId, this.now() + HOLD_MS);
    return true;
  }

  /** A signed challenge for the ward, valid for a quarter of an hour. */
  challenge(wardId: string): string {
    const body = `${wardId}.${this.now() + CHALLENGE_TTL_MS}.${randomBytes(9).toString('base64url')}`;
    return `${body}.${this.sign(body)}`;
  }

  /** Checks a solution `challenge:nonce` for the ward; each challenge is accepted once, by whichever server. */
  async verify(wardId: string, solution: string | undefined): Promise<boolean> {
    if (!solution) return false;
    const i = solution.lastIndexOf(':');
    const challenge = solution.slice(0, i);
    const nonce = solution.slice(i + 1);
    const [ward, expires, rand, mac] = challenge.split('.');
    if (i < 0 || !ward || !expires || !rand || !mac || ward !== wardId || !/^\d{1,12}$/.test(nonce)) return false;
    const expected = Buffer.from(this.sign(`${ward}.${expires}.${rand}`));
    if (expected.length !== mac.length || !timingSafeEqual(expected, Buffer.from(mac))) return false;
    const left = Number(expires) - this.now();
    if (left < 0) return false;
    if (!hasLeadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest(), this.bits)) return false;
    const uses = await this.counters.hitNow(`tip-pow|${mac}`, Math.max(1000, left));
    return uses.current === 1;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }
}

export function hasLeadingZeroBits(hash: Uint8Array, bits: number): boolean {
  let left = bits;
  for (const byte of hash) {
    if (left <= 0) return true;
    if (left >= 8) {
      if (byte !== 0) return false;
      left -= 8;
    } else return byte >> (8 - left) === 0;
  }
  return left <= 0;
}

/** Finds a nonce for a challenge (what the page's script does; used by tests and API clients). */
export function solveChallenge(challenge: string, bits: number): string {
  for (let nonce = 0; ; nonce++) {
    if (hasLeadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest(), bits)) return `${challenge}:${nonce}`;
  }
}

const guards = new WeakMap<Deps, FloodGuard>();

/** The flood guard of this server process (its counts are the installation's). */
export function floodGuardOf(deps: Deps): FloodGuard {
  let guard = guards.get(deps);
  if (!guard) {
    guard = new FloodGuard(
      deps.key,
      deps.cfg.tipFloodThreshold,
      deps.cfg.tipPowBits,
      deps.counters,
      () => deps.clock().getTime(),
      (err, wardId) => deps.log.error({ wardId, err: plainError(err) }, 'a received tip was not counted for the flood guard'),
    );
    guards.set(deps, guard);
  }
  return guard;
}

/** An error as the log may show it: its kind, code and message (a database error's message names the ward's bucket). */
function plainError(err: unknown): { name: string; code?: string; message: string } {
  if (!(err instanceof Error)) return { name: typeof err, message: String(err) };
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  return { name: err.name, ...(typeof code === 'string' ? { code } : {}), message: err.message };
}

/** The script the tip form loads only while the proof-of-work is on: it solves the challenge before the form is sent. */
export const POW_SCRIPT = `(function(){
var input=document.querySelector('input[name="pow"][data-challenge]');if(!input||!window.crypto||!crypto.subtle)return;
var form=input.form,bits=Number(input.getAttribute('data-bits')),challenge=input.getAttribute('data-challenge'),status=document.getElementById('pow-status');
function zero(h){var left=bits;for(var i=0;i<h.length;i++){if(left<=0)return true;if(left>=8){if(h[i]!==0)return false;left-=8}else return (h[i]>>(8-left))===0}return left<=0}
var enc=new TextEncoder(),busy=false;
form.addEventListener('submit',function(e){if(input.value||busy||(e.submitter&&e.submitter.value!=='send'))return;e.preventDefault();busy=true;if(status)status.hidden=false;
(function step(n){var tries=[];for(var k=0;k<256;k++)tries.push(crypto.subtle.digest('SHA-256',enc.encode(challenge+':'+(n+k))));
Promise.all(tries).then(function(hs){for(var k=0;k<hs.length;k++){if(zero(new Uint8Array(hs[k]))){input.value=challenge+':'+(n+k);busy=false;var s=document.createElement('input');s.type='hidden';s.name='step';s.value='send';form.appendChild(s);form.submit();return}}step(n+256)})})(0)});
})();`;
