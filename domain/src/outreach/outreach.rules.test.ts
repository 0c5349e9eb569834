import { describe, expect, it } from 'vitest';
import {
  audienceTotal,
  isSecurityDay,
  reaches,
  retryDelayMs,
  SUBSCRIPTION_CONSENT_TEXTS,
  SUBSCRIPTION_CONSENT_VERSION,
  saferShare,
  sendableAt,
} from './outreach.rules.ts';

describe('outreach rules', () => {
  it('19 August is the day of the whole people protecting national security (QĐ 521/QĐ-TTg 2005)', () => {
    expect(isSecurityDay('2020-08-19')).toBe(true);
    expect(isSecurityDay('2020-08-18')).toBe(false);
  });

  it('adds an audience counted by group', () => {
    expect(audienceTotal({ residents: 120, youth: 30 })).toBe(150);
    expect(audienceTotal({})).toBe(0);
  });

  it('reaches subscribers by topic and block; an urgent alert whatever their topics', () => {
    const trungMy = 'b1';
    const sub = { topics: ['fraud'], blockIds: [trungMy] };
    expect(reaches(sub, { topic: 'fraud', blockIds: [trungMy], urgent: false })).toBe(true);
    expect(reaches(sub, { topic: 'fraud', blockIds: [], urgent: false })).toBe(true);
    expect(reaches(sub, { topic: 'fraud', blockIds: ['b2'], urgent: false })).toBe(false);
    expect(reaches(sub, { topic: 'drugs', blockIds: [trungMy], urgent: false })).toBe(false);
    expect(reaches(sub, { topic: 'drugs', blockIds: [trungMy], urgent: true })).toBe(true);
    expect(reaches({ topics: ['drugs'], blockIds: [] }, { topic: 'drugs', blockIds: ['b2'], urgent: false })).toBe(true);
  });

  it('holds a message until the end of quiet hours in Vietnam time, across midnight; urgent goes at once', () => {
    const quiet = { from: '22:00', to: '06:00' };
    const night = new Date('2026-11-26T16:30:00Z'); // 23:30 in Vietnam
    expect(sendableAt(night, quiet, false).toISOString()).toBe('2026-11-26T23:00:00.000Z'); // 06:00 the next day
    expect(sendableAt(night, quiet, true)).toBe(night);
    const day = new Date('2026-11-26T03:00:00Z'); // 10:00
    expect(sendableAt(day, quiet, false)).toBe(day);
    expect(sendableAt(new Date('2026-11-26T22:59:00Z'), quiet, false).toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(sendableAt(new Date('2026-11-26T23:00:00Z'), quiet, false).toISOString()).toBe('2026-11-26T23:00:00.000Z');
    const lunch = { from: '12:00', to: '13:30' };
    expect(sendableAt(new Date('2026-11-26T05:15:00Z'), lunch, false).toISOString()).toBe('2026-11-26T06:30:00.000Z');
    expect(sendableAt(day, null, false)).toBe(day);
  });

  it('backs off 1, 2, 4 … minutes between attempts, at most an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });

  it('keeps the consent text of the current version in both languages (NĐ 13/2023 Art. 11)', () => {
    const text = SUBSCRIPTION_CONSENT_TEXTS[SUBSCRIPTION_CONSENT_VERSION];
    expect(text?.vi).toContain('hủy đăng ký');
    expect(text?.en).toContain('unsubscribe');
  });

  it('gives the share of residents feeling safer', () => {
    expect(saferShare({ safer: 3, same: 1 })).toBe(75);
    expect(saferShare({})).toBeNull();
  });
});
