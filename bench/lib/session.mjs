// Signs in as a browser does (password, then the TOTP enrolment a police account needs on its first login) and answers
// the session cookie: the officer list page is measured with a session, as officers use it.
import { createHmac } from 'node:crypto';

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238: SHA-1, 6 digits, 30-second steps. */
export function totp(secret, now = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Answers the `cookie` header of a signed-in session of this account. */
export async function signIn(base, username, password) {
  let cookie = '';
  const post = async (path, body) => {
    const r = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-binh-an-csrf': '1', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    const set = r.headers.getSetCookie().find((c) => c.includes('binhan_sid='));
    if (set) cookie = set.split(';')[0];
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const login = await post('/api/v1/auth/login', { username, password });
  if (login.status === 'totp_enrol') await post('/api/v1/auth/totp/enrol', { code: totp(login.enrolment.secret) });
  else if (login.status === 'totp_required') throw new Error(`${username} has a TOTP secret the benchmark does not know`);
  return cookie;
}
