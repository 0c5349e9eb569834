import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CCCD_PROVINCE_CODES,
  cccdError,
  foldVietnamese,
  isStayNoticeOnTime,
  maskCccd,
  maskPersonName,
  matchesWithoutDiacritics,
  normaliseCccd,
  parseCccd,
  readDayParts,
  renewalWindowStart,
  retentionCutoff,
  stayNoticeDueAt,
  stayState,
} from './residence.rules.ts';
import { cccdSchema, publicNotificationSchema } from './residence.schemas.ts';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const province = fc.constantFrom(...CCCD_PROVINCE_CODES);
/** A valid number: province, century-and-sex digit 0–3 (born 1900–2099), two digits of year, six random digits. */
const validCccd = fc.tuple(province, fc.integer({ min: 0, max: 3 }), digits(2), digits(6)).map(([p, c, y, r]) => `${p}${c}${y}${r}`);

describe('CCCD (TT 07/2016/TT-BCA Art. 7)', () => {
  it('accepts every well-formed number and decodes its province, sex and year', () => {
    fc.assert(
      fc.property(validCccd, (n) => {
        const info = parseCccd(n);
        expect(info).not.toBeNull();
        expect(info?.provinceCode).toBe(n.slice(0, 3));
        const code = Number(n[3]);
        expect(info?.sex).toBe(code % 2 === 0 ? 'male' : 'female');
        expect(info?.birthYear).toBe((code < 2 ? 1900 : 2000) + Number(n.slice(4, 6)));
        expect(cccdError(n, { todayYear: 2199 })).toBeNull();
        expect(cccdSchema.safeParse(n).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any number whose first three digits are not a province code', () => {
    const notProvince = digits(3).filter((p) => !CCCD_PROVINCE_CODES.includes(p));
    fc.assert(
      fc.property(notProvince, digits(9), (p, rest) => {
        expect(parseCccd(`${p}${rest}`)).toBeNull();
        expect(cccdError(`${p}${rest}`, { todayYear: 2026 })).toBe('residence.cccdProvince');
      }),
    );
  });

  it('refuses anything but 12 digits once separators are dropped', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const n = normaliseCccd(s);
        fc.pre(!/^\d{12}$/.test(n));
        expect(parseCccd(s)).toBeNull();
        expect(cccdError(s, { todayYear: 2026 })).toBe('residence.cccdFormat');
      }),
    );
  });

  it('accepts spaces, dots and dashes typed between the digits; normalising twice changes nothing', () => {
    fc.assert(
      fc.property(validCccd, fc.constantFrom(' ', '.', '-', ' - '), (n, sep) => {
        const typed = `${n.slice(0, 3)}${sep}${n.slice(3, 6)}${sep}${n.slice(6)}`;
        expect(normaliseCccd(typed)).toBe(n);
        expect(normaliseCccd(normaliseCccd(typed))).toBe(normaliseCccd(typed));
      }),
    );
  });

  it('refuses a year of birth in the future or one that disagrees with the date of birth', () => {
    expect(cccdError('040230123456', { todayYear: 2026 })).toBe('residence.cccdYear'); // 2030
    expect(cccdError('040090123456', { todayYear: 2026, birthDate: '1991-05-01' })).toBe('residence.cccdBirthMismatch'); // 1990
    expect(cccdError('040090123456', { todayYear: 2026, birthDate: '1990-05-01' })).toBeNull();
  });

  it('masks all but the province code and the last three digits', () => {
    fc.assert(
      fc.property(validCccd, (n) => {
        const masked = maskCccd(n);
        expect(masked.startsWith(n.slice(0, 3))).toBe(true);
        expect(masked.endsWith(n.slice(-3))).toBe(true);
        expect(masked.replace(/•/g, '')).toHaveLength(6);
      }),
    );
  });
});

describe('stay notification deadline (Luật Cư trú 2020 Art. 30; 23:00 / 08:00 Vietnam time)', () => {
  it('a guest arriving at 22:59 must be notified before 23:00 the same day', () => {
    const arrival = new Date('2026-11-20T22:59:00+07:00');
    expect(stayNoticeDueAt(arrival).toISOString()).toBe(new Date('2026-11-20T23:00:00+07:00').toISOString());
    expect(isStayNoticeOnTime(arrival, new Date('2026-11-20T22:59:30+07:00'))).toBe(true);
    expect(isStayNoticeOnTime(arrival, new Date('2026-11-20T23:01:00+07:00'))).toBe(false);
  });

  it('a guest arriving at 23:01 may be notified until 08:00 the next day', () => {
    const arrival = new Date('2026-11-20T23:01:00+07:00');
    expect(stayNoticeDueAt(arrival).toISOString()).toBe(new Date('2026-11-21T08:00:00+07:00').toISOString());
    expect(isStayNoticeOnTime(arrival, new Date('2026-11-21T07:59:00+07:00'))).toBe(true);
    expect(isStayNoticeOnTime(arrival, new Date('2026-11-21T08:01:00+07:00'))).toBe(false);
  });

  it('uses Vietnam time whatever the instant (a UTC day boundary changes nothing), across months and years', () => {
    // 16:30 UTC is 23:30 in Vietnam.
    expect(stayNoticeDueAt(new Date('2026-12-31T16:30:00Z')).toISOString()).toBe('2027-01-01T01:00:00.000Z');
    fc.assert(
      fc.property(fc.date({ min: new Date('2022-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), (arrival) => {
        const due = stayNoticeDueAt(arrival);
        expect(due.getTime()).toBeGreaterThan(arrival.getTime());
        expect(due.getTime() - arrival.getTime()).toBeLessThanOrEqual(23 * 3_600_000 + 60_000);
      }),
    );
  });
});

describe('search without diacritics', () => {
  it('"Nguyen Van Hung" finds "Nguyễn Văn Hùng", and đ reads d', () => {
    expect(matchesWithoutDiacritics('Nguyễn Văn Hùng', 'Nguyen Van Hung')).toBe(true);
    expect(matchesWithoutDiacritics('Đặng Thị Huệ', 'dang thi hue')).toBe(true);
    expect(matchesWithoutDiacritics('Nguyễn Văn Hùng', 'Nguyen Van Hai')).toBe(false);
    // Decomposed input (as some phones type it) folds the same.
    expect(foldVietnamese('Nguyễn'.normalize('NFD'))).toBe('nguyen');
  });
  it('folding is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(foldVietnamese(foldVietnamese(s))).toBe(foldVietnamese(s));
      }),
    );
  });
});

describe('names, stays and retention', () => {
  it('masks a name to the family name and initials', () => {
    expect(maskPersonName('Nguyễn Văn Hùng')).toBe('Nguyễn V. H.');
    expect(maskPersonName('Hùng')).toBe('H.');
  });
  it('puts a stay in its 15-day renewal window (Luật Cư trú 2020 Art. 28)', () => {
    expect(renewalWindowStart('2026-12-10')).toBe('2026-11-25');
    expect(stayState('2026-12-10', '2026-11-24')).toBe('current');
    expect(stayState('2026-12-10', '2026-11-25')).toBe('expiring');
    expect(stayState('2026-12-10', '2026-12-11')).toBe('expired');
    expect(stayState(null, '2026-12-11')).toBe('current');
  });
  it('keeps records for the number of days set', () => {
    expect(retentionCutoff('2026-11-26', 365)).toBe('2025-11-26');
  });
});

describe('public notification form', () => {
  it('needs consent and at least one guest', () => {
    const base = {
      wardCode: 'thanh-vinh',
      address: '12 Lê Mao',
      hostName: 'Trần Văn A',
      hostContact: '0912345678',
      arrivalDate: '2026-11-20',
      arrivalTime: '21:30',
      guests: [{ name: 'Nguyễn Văn B' }],
      consent: true,
    };
    expect(publicNotificationSchema.safeParse(base).success).toBe(true);
    expect(publicNotificationSchema.safeParse({ ...base, consent: false }).success).toBe(false);
    expect(publicNotificationSchema.safeParse({ ...base, guests: [] }).success).toBe(false);
    expect(publicNotificationSchema.safeParse({ ...base, arrivalTime: '24:00' }).success).toBe(false);
  });
});

describe('readDayParts (three date boxes)', () => {
  it('reads forgiving days and months', () => {
    expect(readDayParts({ day: '3', month: 'T3', year: '2026' })).toEqual({ ok: true, date: '2026-03-03' });
    expect(readDayParts({ day: ' 03 ', month: 'tháng 12', year: '1990' })).toEqual({ ok: true, date: '1990-12-03' });
    expect(readDayParts({ day: '', month: '', year: '' })).toEqual({ ok: true, date: null });
  });
  it('names the first box to fix', () => {
    expect(readDayParts({ day: '3', month: '', year: '2026' })).toMatchObject({ ok: false, problem: 'missingPart', part: 'month' });
    expect(readDayParts({ day: '32', month: '1', year: '2026' })).toMatchObject({ ok: false, problem: 'day' });
    expect(readDayParts({ day: '1', month: '13', year: '2026' })).toMatchObject({ ok: false, problem: 'month' });
    expect(readDayParts({ day: '1', month: '1', year: '26' })).toMatchObject({ ok: false, problem: 'year', part: 'year' });
    expect(readDayParts({ day: '30', month: '2', year: '2026' })).toMatchObject({ ok: false, problem: 'notReal', part: 'day' });
  });
});
