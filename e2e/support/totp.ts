import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { totpCode, totpStep } from '../../server/src/platform/auth/totp.ts';

/**
 * A TOTP code the server will accept for this account. The server refuses a step at or before the last one used
 * (replay protection) and accepts the current step ±1, so a second login in the same 30-second step uses the next
 * step, and a third waits. The steps used are kept in a file so that every e2e file of the run shares them.
 */
export async function nextTotpCode(stateDir: string, username: string, secret: string): Promise<string> {
  const file = join(stateDir, 'totp-steps.json');
  const used: Record<string, number> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const last = used[username] ?? Number.NEGATIVE_INFINITY;
  for (;;) {
    const current = totpStep(Date.now());
    const step = current > last ? current : current + 1 > last ? current + 1 : null;
    if (step !== null) {
      used[username] = step;
      writeFileSync(file, JSON.stringify(used));
      return totpCode(secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
