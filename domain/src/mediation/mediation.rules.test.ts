import { describe, expect, it } from 'vitest';
import { isWeekend } from '../calendar/calendar.rules.ts';
import {
  BOOK_COLUMNS,
  COMPOSITION_ARTICLES,
  canMoveMediation,
  compositionProblems,
  isEscalation,
  isProlongedDispute,
  isReturningDispute,
  LEADER_ELECTION_ARTICLE,
  leaderVoteProblem,
  mediationCaseNumber,
  partyKey,
  recognitionClock,
  recognitionDueOn,
  screenMatter,
  settlementRate,
  startDueOn,
  type TeamMemberFacts,
} from './mediation.rules.ts';
import { createMediationCaseSchema, mediationSummarySchema } from './mediation.schemas.ts';

const m = (over: Partial<TeamMemberFacts> = {}): TeamMemberFacts => ({
  role: 'member',
  gender: 'male',
  ethnicMinority: false,
  joinedOn: '2019-01-01',
  leftOn: null,
  ...over,
});

describe('team composition (Luật Hòa giải ở cơ sở 2013 Art. 12.1)', () => {
  it('accepts a leader and two mediators, one a woman', () => {
    expect(compositionProblems([m({ role: 'leader' }), m({ gender: 'female' }), m()], '2020-03-01')).toEqual([]);
  });
  it('warns when fewer than three mediators serve, counting those who left', () => {
    const team = [m({ role: 'leader', gender: 'female' }), m(), m({ leftOn: '2020-02-01' })];
    expect(compositionProblems(team, '2020-01-15')).toEqual([]);
    expect(compositionProblems(team, '2020-03-01')).toEqual(['tooFewMediators']);
  });
  it('warns when no woman serves, and when there is no leader', () => {
    expect(compositionProblems([m(), m(), m()], '2020-03-01')).toEqual(['noWoman', 'noLeader']);
    expect(COMPOSITION_ARTICLES.noWoman).toBe('Điều 12.1');
  });
  it('asks for an ethnic-minority mediator only where many residents are of ethnic minorities', () => {
    const team = [m({ role: 'leader' }), m({ gender: 'female' }), m()];
    expect(compositionProblems(team, '2020-03-01', { ethnicArea: true })).toEqual(['noEthnicMinority']);
    expect(compositionProblems([...team, m({ ethnicMinority: true })], '2020-03-01', { ethnicArea: true })).toEqual([]);
  });
  it('does not count a member before they joined', () => {
    expect(compositionProblems([m({ role: 'leader', gender: 'female' }), m(), m({ joinedOn: '2020-06-01' })], '2020-03-01')).toEqual([
      'tooFewMediators',
    ]);
  });
});

describe('recognition clock (Art. 8.3, Art. 14; NĐ 15/2014): 5 working days', () => {
  const weekdays = (d: string) => !isWeekend(d);
  it('counts working days on the calendar', () => {
    // Friday 06/03/2020 + 5 working days = Friday 13/03/2020.
    expect(recognitionDueOn('2020-03-06', weekdays)).toBe('2020-03-13');
    // A holiday (30/04, 01/05/2020) pushes the day out.
    const withHolidays = (d: string) => weekdays(d) && d !== '2020-04-30' && d !== '2020-05-01';
    expect(recognitionDueOn('2020-04-28', withHolidays)).toBe('2020-05-07');
  });
  it('is overdue when undecided after the due day, or decided late', () => {
    expect(recognitionClock('2020-03-06', null, '2020-03-16', weekdays).isOverdue).toBe(true);
    expect(recognitionClock('2020-03-06', '2020-03-12', '2020-03-16', weekdays).isOverdue).toBe(false);
    expect(recognitionClock('2020-03-06', '2020-03-20', '2020-03-26', weekdays).isOverdue).toBe(true);
  });
  it('starts mediation within 3 calendar days of the assignment (Art. 20.2)', () => {
    expect(startDueOn('2020-03-06')).toBe('2020-03-09');
  });
});

describe('screening at intake (Art. 3.1)', () => {
  it('takes a matter no exclusion applies to', () => {
    expect(screenMatter([])).toEqual({ inScope: true });
  });
  it('refuses with the reasons and the article each comes from', () => {
    expect(screenMatter(['public_interest'])).toEqual({
      inScope: false,
      reasons: [{ code: 'public_interest', article: 'Điều 3.1.a' }],
      suggestPolice: false,
    });
    expect(screenMatter(['family_forbidden'])).toMatchObject({ reasons: [{ article: 'Điều 3.1.b' }], suggestPolice: false });
    expect(screenMatter(['other_law'])).toMatchObject({ reasons: [{ article: 'Điều 3.1.d' }] });
  });
  it('suggests the police for a matter that must be prosecuted or fined (Art. 3.1.c)', () => {
    expect(screenMatter(['criminal'])).toMatchObject({ reasons: [{ code: 'criminal', article: 'Điều 3.1.c' }], suggestPolice: true });
    expect(screenMatter(['administrative', 'public_interest'])).toMatchObject({ suggestPolice: true });
  });
});

describe('states, early warning and figures', () => {
  it('moves along the Law’s course: a case not settled may be mediated again (Art. 27), a settled one is final', () => {
    expect(canMoveMediation('in_progress', 'settled')).toBe(true);
    expect(canMoveMediation('not_settled', 'in_progress')).toBe(true);
    expect(canMoveMediation('refused', 'referred')).toBe(true);
    expect(canMoveMediation('settled', 'in_progress')).toBe(false);
    expect(canMoveMediation('referred', 'in_progress')).toBe(false);
  });
  it('finds a returning dispute by a party’s name typed without diacritics', () => {
    expect(partyKey('  Đặng  Thị Hằng ')).toBe('dang thi hang');
    const earlier = [{ receivedOn: '2020-02-01', parties: ['Đặng Thị Hằng', 'Lê Văn Quý'] }];
    expect(isReturningDispute(['dang thi hang'], earlier, '2020-09-01')).toBe(true);
    expect(isReturningDispute(['Nguyễn Văn A'], earlier, '2020-09-01')).toBe(false);
    expect(isReturningDispute(['Đặng Thị Hằng'], earlier, '2021-03-01')).toBe(false);
  });
  it('calls a dispute prolonged when unsettled and at risk, returning, or older than 90 days', () => {
    const base = { status: 'in_progress' as const, risk: 'none' as const, recurring: false, receivedOn: '2020-01-01', today: '2020-02-01' };
    expect(isProlongedDispute(base)).toBe(false);
    expect(isProlongedDispute({ ...base, today: '2020-05-01' })).toBe(true);
    expect(isProlongedDispute({ ...base, risk: 'violence' })).toBe(true);
    expect(isProlongedDispute({ ...base, recurring: true, status: 'settled' })).toBe(false);
  });
  it('shows the police escalations only', () => {
    expect(isEscalation({ risk: 'none', recurring: false, status: 'in_progress' })).toBe(false);
    expect(isEscalation({ risk: 'escalation', recurring: false, status: 'in_progress' })).toBe(true);
    expect(isEscalation({ risk: 'none', recurring: false, status: 'referred' })).toBe(true);
  });
  it('computes the settlement rate over cases with a result', () => {
    expect(settlementRate(0, 0)).toBeNull();
    expect(settlementRate(9, 3)).toBe(0.75);
    expect(mediationCaseNumber({ year: 2020, seq: 7 })).toBe('HG-2020-0007');
  });
  it('keeps the nine columns of the book in the form’s order', () => {
    expect(BOOK_COLUMNS.map((c) => c.key)).toEqual([
      'serial',
      'receivedOn',
      'mediators',
      'parties',
      'content',
      'agreement',
      'result',
      'signature',
      'notes',
    ]);
  });
});

describe('mediation schemas', () => {
  it('needs at least one party and refuses unknown fields', () => {
    const base = {
      unitId: '00000000-0000-4000-8000-000000000001',
      receivedOn: '2020-03-02',
      ground: 'party_request',
      type: 'noise_hygiene',
      summary: 'Tiếng ồn karaoke sau 22 giờ',
      parties: [{ name: 'Nguyễn Văn A', age: 45 }],
    };
    expect(createMediationCaseSchema.safeParse(base).success).toBe(true);
    expect(createMediationCaseSchema.safeParse({ ...base, parties: [] }).success).toBe(false);
    expect(createMediationCaseSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(createMediationCaseSchema.safeParse({ ...base, exclusions: ['unknown'] }).success).toBe(false);
  });
  it('describes the summary figures', () => {
    const byType = {
      land_boundary: 1,
      neighbours: 0,
      noise_hygiene: 0,
      debt: 0,
      family: 0,
      inheritance: 0,
      property: 0,
      minor_violation: 0,
      other: 0,
    };
    const figures = {
      received: 1,
      settled: 1,
      notSettled: 0,
      stopped: 0,
      refused: 0,
      referred: 0,
      inProgress: 0,
      settlementRate: 1,
      atRisk: 0,
      returning: 0,
      prolonged: 0,
      byType,
      byBlock: [{ unitId: '3f1c9a52-8d4e-4b7a-9c2d-1e5f6a7b8c9d', name: 'Khối Tân Quang', received: 1, settled: 1 }],
    };
    expect(mediationSummarySchema.parse(figures)).toEqual(figures);
    expect(() => mediationSummarySchema.parse({ ...figures, byBlock: [{ ...figures.byBlock[0], received: -1 }] })).toThrow();
  });
});

describe('electing the team leader (Luật Hòa giải ở cơ sở 2013 Art. 14.1; NQLT 01/2014: more than half of the team)', () => {
  it('names the article', () => {
    expect(LEADER_ELECTION_ARTICLE).toContain('Điều 14.1');
  });
  it('accepts more than half of the team’s mediators', () => {
    expect(leaderVoteProblem({ for: 3, total: 5 }, 5)).toBeNull();
    expect(leaderVoteProblem({ for: 1, total: 1 }, 1)).toBeNull();
    expect(leaderVoteProblem({ for: 3, total: 4 }, 4)).toBeNull();
  });
  it('refuses exactly half, and less', () => {
    expect(leaderVoteProblem({ for: 2, total: 4 }, 4)).toBe('noMajority');
    expect(leaderVoteProblem({ for: 0, total: 3 }, 3)).toBe('noMajority');
  });
  it('counts the whole team, not only those present', () => {
    expect(leaderVoteProblem({ for: 2, total: 3 }, 5)).toBe('totalNotTeam');
    expect(leaderVoteProblem({ for: 4, total: 3 }, 3)).toBe('forOverTotal');
  });
});
