import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, totpCode, totpStep, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B test vectors (SHA-1 secret "12345678901234567890"), last 6 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    expect(totpCode(RFC_SECRET, totpStep(59_000))).toBe('287082');
    expect(totpCode(RFC_SECRET, totpStep(1_111_111_109_000))).toBe('081804');
    expect(totpCode(RFC_SECRET, totpStep(1_234_567_890_000))).toBe('005924');
    expect(totpCode(RFC_SECRET, totpStep(20_000_000_000_000))).toBe('353130');
  });

  it('accepts ±1 step of drift and refuses ±2 steps', () => {
    const secret = generateTotpSecret();
    const now = 1_790_000_000_000;
    const s = totpStep(now);
    expect(verifyTotp(secret, totpCode(secret, s), now, null)).toBe(s);
    expect(verifyTotp(secret, totpCode(secret, s - 1), now, null)).toBe(s - 1);
    expect(verifyTotp(secret, totpCode(secret, s + 1), now, null)).toBe(s + 1);
    const far = [s - 2, s + 2].map((x) => totpCode(secret, x)).filter((c) => ![s - 1, s, s + 1].some((y) => totpCode(secret, y) === c));
    for (const code of far) expect(verifyTotp(secret, code, now, null)).toBeNull();
  });

  it('refuses a code whose step was already used', () => {
    const secret = generateTotpSecret();
    const now = 1_790_000_000_000;
    const s = totpStep(now);
    expect(verifyTotp(secret, totpCode(secret, s), now, s)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, s - 1), now, s - 1)).toBeNull();
  });

  it('round-trips base32 and makes 160-bit secrets', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
  });
});
