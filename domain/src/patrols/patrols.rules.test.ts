import { describe, expect, it } from 'vitest';
import { CASE_TYPE_CODES } from '../cases/cases.schemas.ts';
import {
  ageOn,
  blockCoverage,
  checkpointQrPayload,
  checkpointVisitCheck,
  countIncidentsByType,
  countTurns,
  distanceMetres,
  excellentQuota,
  INCIDENT_CASE_TYPES,
  isLegacyKind,
  isRoundInPeriod,
  leaderRatingError,
  memberEligibilityError,
  memberRatingError,
  occurrences,
  parseCheckpointQr,
  participantKindOf,
  participantsError,
  ratingPeriod,
  ratingYearOf,
  roundTimesError,
  shiftInstants,
  teamKindDayError,
  teamRatingError,
  teamUnitError,
  totalRounds,
  vnDayOf,
} from './patrols.rules.ts';
import { createRoundSchema, participantInputSchema, recurrenceSchema } from './patrols.schemas.ts';

describe('team kinds (Luật Lực lượng tham gia bảo vệ ANTT ở cơ sở 2023, in force 01/07/2024; domain-vn.md §5)', () => {
  it('keeps bảo vệ dân phố for records before 01/07/2024 and refuses it from that day', () => {
    expect(isLegacyKind('neighbourhood_guard')).toBe(true);
    expect(isLegacyKind('security_team')).toBe(false);
    expect(teamKindDayError('neighbourhood_guard', '2020-03-14')).toBeNull();
    expect(teamKindDayError('neighbourhood_guard', '2024-06-30')).toBeNull();
    expect(teamKindDayError('neighbourhood_guard', '2024-07-01')).toBe('patrols.kind.legacyAfterLaw');
  });

  it('has the Tổ bảo vệ ANTT only from 01/07/2024 (Art. 2, 14)', () => {
    expect(teamKindDayError('security_team', '2024-06-30')).toBe('patrols.kind.beforeLaw');
    expect(teamKindDayError('security_team', '2024-07-01')).toBeNull();
    expect(teamKindDayError('people_patrol', '2020-01-01')).toBeNull();
  });

  it('puts a people’s patrol team in a block (the Lê Mao article: Trung Mỹ, Tân Quang) and a gate team in a school', () => {
    expect(teamUnitError('people_patrol', 'block')).toBeNull();
    expect(teamUnitError('people_patrol', 'ward')).toBe('patrols.kind.unitType');
    expect(teamUnitError('school_gate', 'school')).toBeNull();
    expect(teamUnitError('ward_police', 'block')).toBe('patrols.kind.unitType');
    expect(teamUnitError('security_team', 'block')).toBeNull();
  });

  it('counts the ward police as officers and every other team as civilians', () => {
    expect(participantKindOf('ward_police')).toBe('officer');
    for (const kind of ['security_team', 'neighbourhood_guard', 'people_patrol', 'school_gate'] as const) {
      expect(participantKindOf(kind)).toBe('civilian');
    }
  });
});

describe('member eligibility: 18 to 70 years old (Luật 2023, Điều 13)', () => {
  it('counts age in full years on the day of joining', () => {
    expect(ageOn('2006-07-02', '2024-07-01')).toBe(17);
    expect(ageOn('2006-07-01', '2024-07-01')).toBe(18);
    expect(ageOn('2004-02-29', '2024-02-28')).toBe(19);
  });

  it('refuses a member under 18 and accepts one who turns 18 that day', () => {
    expect(memberEligibilityError('security_team', '2006-07-02', '2024-07-01', false)).toBe('patrols.eligibility.tooYoung');
    expect(memberEligibilityError('security_team', '2006-07-01', '2024-07-01', false)).toBeNull();
  });

  it('accepts a member of 70, refuses 71 unless the commune chair decided it', () => {
    expect(memberEligibilityError('security_team', '1954-07-01', '2025-06-30', false)).toBeNull();
    expect(memberEligibilityError('security_team', '1954-07-01', '2025-07-01', false)).toBe('patrols.eligibility.tooOld');
    expect(memberEligibilityError('security_team', '1954-07-01', '2025-07-01', true)).toBeNull();
  });

  it('needs the date of birth where the law sets an age, and no age where it does not', () => {
    expect(memberEligibilityError('security_team', null, '2025-01-01', false)).toBe('patrols.eligibility.birthDateRequired');
    expect(memberEligibilityError('people_patrol', null, '2020-01-01', false)).toBeNull();
    expect(memberEligibilityError('people_patrol', '2010-01-01', '2020-01-01', false)).toBeNull();
  });
});

describe('turns: each participant of a round is one turn (the article: 120 rounds, 380 turns)', () => {
  it('counts officers and civilians apart', () => {
    expect(countTurns([{ kind: 'officer' }, { kind: 'civilian' }, { kind: 'civilian' }])).toEqual({ total: 3, officers: 1, civilians: 2 });
    expect(countTurns([])).toEqual({ total: 0, officers: 0, civilians: 0 });
  });

  it('refuses the same person twice in one round', () => {
    expect(participantsError([{ memberId: 'a' }, { memberId: 'b' }])).toBeNull();
    expect(participantsError([{ memberId: 'a' }, { memberId: 'a' }])).toBe('patrols.participantTwice');
    expect(participantsError([{ name: 'Nguyễn Văn A' }, { name: ' nguyễn văn a ' }])).toBe('patrols.participantTwice');
  });

  it('takes a participant as a member, or as a named person with a force', () => {
    expect(participantInputSchema.safeParse({ memberId: '00000000-0000-4000-8000-000000000001' }).success).toBe(true);
    expect(participantInputSchema.safeParse({ name: 'Khách', kind: 'civilian' }).success).toBe(true);
    expect(participantInputSchema.safeParse({ name: 'Khách' }).success).toBe(false);
    expect(participantInputSchema.safeParse({ memberId: '00000000-0000-4000-8000-000000000001', kind: 'officer' }).success).toBe(false);
  });

  it('adds 120 rounds into 380 turns, 140 by officers, with hours and person-hours', () => {
    const rounds = Array.from({ length: 120 }, (_, i) => ({
      startedAt: `2020-03-01T21:00:00+07:00`,
      endedAt: `2020-03-01T23:30:00+07:00`,
      officers: i < 20 ? 2 : 1,
      civilians: 2,
    }));
    const t = totalRounds(rounds, { from: '2020-01-01', to: '2020-06-30' });
    expect(t).toEqual({ rounds: 120, turns: 380, officerTurns: 140, civilianTurns: 240, hours: 300, personHours: 950 });
  });

  it('puts a round in the period of the Vietnamese day it started (30/06 23:00 to 01/07 01:00 is June)', () => {
    expect(vnDayOf('2020-06-30T16:30:00Z')).toBe('2020-06-30');
    expect(vnDayOf('2020-06-30T17:00:00Z')).toBe('2020-07-01');
    expect(isRoundInPeriod('2020-06-30T23:00:00+07:00', { from: '2020-01-01', to: '2020-06-30' })).toBe(true);
    expect(isRoundInPeriod('2020-01-01T00:30:00+07:00', { from: '2020-01-01', to: '2020-06-30' })).toBe(true);
    expect(isRoundInPeriod('2019-12-31T23:59:00+07:00', { from: '2020-01-01', to: '2020-06-30' })).toBe(false);
    const t = totalRounds(
      [
        { startedAt: '2020-06-30T23:00:00+07:00', endedAt: '2020-07-01T01:00:00+07:00', officers: 1, civilians: 1 },
        { startedAt: '2020-07-01T20:00:00+07:00', endedAt: '2020-07-01T21:00:00+07:00', officers: 1, civilians: 5 },
      ],
      { from: '2020-06-01', to: '2020-06-30' },
    );
    expect(t).toMatchObject({ rounds: 1, turns: 2, hours: 2 });
  });

  it('refuses a round that ends before it starts, lasts over 24 hours or ends in the future', () => {
    const now = new Date('2020-03-02T00:00:00+07:00');
    expect(roundTimesError('2020-03-01T21:00:00+07:00', '2020-03-01T23:00:00+07:00', now)).toBeNull();
    expect(roundTimesError('2020-03-01T21:00:00+07:00', '2020-03-01T21:00:00+07:00', now)).toBe('patrols.endBeforeStart');
    expect(roundTimesError('2020-02-28T21:00:00+07:00', '2020-03-01T23:00:00+07:00', now)).toBe('patrols.roundTooLong');
    expect(roundTimesError('2020-03-01T23:00:00+07:00', '2020-03-02T02:00:00+07:00', now)).toBe('patrols.roundInFuture');
    expect(createRoundSchema.safeParse({}).success).toBe(false);
  });
});

describe('block coverage per period', () => {
  it('counts a block covered when a round reached it, and names the others', () => {
    const c = blockCoverage(['a', 'b', 'c', 'd'], ['a', 'a', 'c', null, 'x']);
    expect(c).toEqual({ blocks: 4, covered: 2, rate: 0.5, uncoveredIds: ['b', 'd'] });
    expect(blockCoverage([], ['a']).rate).toBeNull();
    expect(blockCoverage(['a'], []).covered).toBe(0);
  });

  it('counts incidents by type with every type present', () => {
    const byType = countIncidentsByType(['theft', 'theft', 'fight']);
    expect(byType.theft).toBe(2);
    expect(byType.fight).toBe(1);
    expect(byType.drugs).toBe(0);
  });
});

describe('checkpoints', () => {
  const id = '0b7c8b1e-7f45-4c55-9a6e-3f1d6b2a9c10';

  it('reads back the QR payload it prints, and nothing else', () => {
    const text = checkpointQrPayload(id, 'Ab3_x-9KqLm2');
    expect(text).toBe(`BINHAN-CP1:${id}:Ab3_x-9KqLm2`);
    expect(parseCheckpointQr(` ${text} `)).toEqual({ checkpointId: id, code: 'Ab3_x-9KqLm2' });
    expect(parseCheckpointQr('https://example.vn')).toBeNull();
    expect(parseCheckpointQr(`BINHAN-CP1:${id}:a b`)).toBeNull();
  });

  it('verifies a matching QR code or a GPS fix within the radius; a tap alone proves nothing', () => {
    const cp = { code: 'Ab3_x-9KqLm2', lat: 18.6745, lng: 105.6905, radiusM: 50 };
    expect(checkpointVisitCheck({ method: 'qr', code: 'Ab3_x-9KqLm2' }, cp).verified).toBe(true);
    expect(checkpointVisitCheck({ method: 'qr', code: 'wrong-code' }, cp).verified).toBe(false);
    expect(checkpointVisitCheck({ method: 'tap' }, cp)).toEqual({ verified: false, distanceM: null });
    const near = checkpointVisitCheck({ method: 'gps', lat: 18.6748, lng: 105.6905, accuracyM: 10 }, cp);
    expect(near.verified).toBe(true);
    expect(near.distanceM).toBeGreaterThan(25);
    expect(checkpointVisitCheck({ method: 'gps', lat: 18.68, lng: 105.6905, accuracyM: 500 }, cp).verified).toBe(false);
    expect(Math.round(distanceMetres({ lat: 0, lng: 0 }, { lat: 0, lng: 1 }) / 1000)).toBe(111);
  });
});

describe('schedules', () => {
  it('makes weekly shifts on ISO weekdays', () => {
    const r = recurrenceSchema.parse({ freq: 'weekly', weekdays: [5, 6] });
    expect(occurrences(r, '2020-03-01', '2020-03-15')).toEqual(['2020-03-06', '2020-03-07', '2020-03-13', '2020-03-14']);
  });

  it('makes monthly shifts and skips a day the month lacks (RFC 5545 BYMONTHDAY)', () => {
    const r = recurrenceSchema.parse({ freq: 'monthly', monthDays: [31, 15] });
    expect(occurrences(r, '2020-01-20', '2020-05-01')).toEqual(['2020-01-31', '2020-02-15', '2020-03-15', '2020-03-31', '2020-04-15']);
  });

  it('starts a shift at its Vietnamese time and ends it after its length, past midnight if need be', () => {
    const { startsAt, endsAt } = shiftInstants('2020-03-06', '22:00', 180);
    expect(startsAt.toISOString()).toBe('2020-03-06T15:00:00.000Z');
    expect(endsAt.toISOString()).toBe('2020-03-06T18:00:00.000Z');
  });
});

describe('yearly rating (Hướng dẫn 01/HD-BCA-V05; domain-vn.md §5.3)', () => {
  it('rates over 15/11 of the year before to 14/11', () => {
    expect(ratingPeriod(2025)).toEqual({ from: '2024-11-15', to: '2025-11-14' });
    expect(ratingYearOf('2025-11-14')).toBe(2025);
    expect(ratingYearOf('2025-11-15')).toBe(2026);
  });

  it('does not rate a member who served less than 9 months, or left before the period ended', () => {
    expect(memberRatingError({ joinedOn: '2025-02-15', leftOn: null }, 2025)).toBeNull();
    expect(memberRatingError({ joinedOn: '2025-02-16', leftOn: null }, 2025)).toBe('patrols.rating.tooShort');
    expect(memberRatingError({ joinedOn: '2020-01-01', leftOn: '2025-10-01' }, 2025)).toBe('patrols.rating.leftBeforeEnd');
    expect(teamRatingError({ establishedOn: '2024-07-01', closedOn: null }, 2025)).toBeNull();
    expect(teamRatingError({ establishedOn: '2025-03-01', closedOn: null }, 2025)).toBe('patrols.rating.teamTooNew');
  });

  it('never rates a leader above the team', () => {
    expect(leaderRatingError('excellent', 'good')).toBe('patrols.rating.leaderAboveTeam');
    expect(leaderRatingError('good', 'good')).toBeNull();
    expect(leaderRatingError('excellent', null)).toBeNull();
  });

  it('allows "excellent" for at most 20 % of those rated "good"', () => {
    expect(excellentQuota(['good', 'good', 'good', 'good', 'good', 'excellent'])).toEqual({
      excellent: 1,
      good: 5,
      maxExcellent: 1,
      withinQuota: true,
    });
    expect(excellentQuota(['good', 'good', 'good', 'good', 'excellent']).withinQuota).toBe(false);
  });
});

describe('incidents handed to the police (Luật 2023 Art. 7: report immediately to the commune police)', () => {
  it('records each incident type under a built-in case type', () => {
    for (const type of Object.values(INCIDENT_CASE_TYPES)) expect(CASE_TYPE_CODES as readonly string[]).toContain(type);
  });
});
