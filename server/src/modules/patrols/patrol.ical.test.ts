import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { foldLine, icsEscape, icsTime, renderCalendar } from './patrol.ical.ts';

describe('iCalendar text (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks (§3.3.11)', () => {
    expect(icsEscape('Mang đèn pin, áo phản quang; gặp tại C:\\nhà\nvăn hóa')).toBe(
      'Mang đèn pin\\, áo phản quang\\; gặp tại C:\\\\nhà\\nvăn hóa',
    );
  });

  it('folds lines at 75 octets without cutting a Vietnamese letter in two (§3.1)', () => {
    const line = `SUMMARY:${'Tuần tra khép kín khu dân cư Trung Mỹ – Tân Quang '.repeat(4)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(3);
    for (const l of folded) {
      expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
      expect(l).not.toContain('\ufffd');
    }
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
  });

  it('writes UTC times and a calendar a real parser reads back', () => {
    expect(icsTime(new Date('2020-03-14T13:05:00.000Z'))).toBe('20200314T130500Z');
    const text = renderCalendar({
      name: 'Ca tuần tra — Lê Văn Bình',
      description: 'Chỉ đọc',
      now: new Date('2026-11-26T00:00:00Z'),
      events: [
        {
          uid: 'shift-1@binh-an',
          start: new Date('2026-11-27T14:00:00Z'),
          end: new Date('2026-11-27T17:00:00Z'),
          lastModified: new Date('2026-11-20T00:00:00Z'),
          summary: 'Ca tuần tra: Tổ bảo vệ an ninh, trật tự khối Trung Mỹ – Tân Quang',
          description: 'Tuyến: A; B\nGhi chú: mang đèn',
          cancelled: false,
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const event = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent');
    expect(event?.getFirstPropertyValue('summary')).toBe('Ca tuần tra: Tổ bảo vệ an ninh, trật tự khối Trung Mỹ – Tân Quang');
    expect(event?.getFirstPropertyValue('description')).toBe('Tuyến: A; B\nGhi chú: mang đèn');
    const start = event?.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.toJSDate().toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });
});
