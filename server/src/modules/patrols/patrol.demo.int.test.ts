import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['truongcongan', 'canbo', 'theodoi', 'tobaove', 'truongkhoi', 'canbo.truongvinh'])
    auth[u] = `Bearer ${await t.tokenFor(u)}`;
});
afterAll(() => t.close());

const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { ...CSRF, authorization: auth[who] as string } });

describe('the demo patrol log reproduces the Lê Mao article (seed/le-mao-2020.en.md)', () => {
  it('states 120 rounds and 380 turns for 1 Jan – 30 Jun 2020 in the report summary', async () => {
    const res = await get('truongcongan', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const { patrols } = res.json();
    expect(patrols).toMatchObject({ rounds: 120, turns: 380, officerTurns: 140, civilianTurns: 240, blocks: 9, blocksCovered: 9 });
    expect(patrols.hours).toBeGreaterThan(200);
    expect(patrols.incidents).toBeGreaterThan(0);
    expect(patrols.residenceChecks).toBe(40);
  });

  it('gives a viewer the same figures, and the figures endpoint the detail', async () => {
    const viewer = (await get('theodoi', '/api/v1/reports/summary?unit=le-mao&from=2020-01-01&to=2020-06-30')).json();
    expect(viewer.patrols).toMatchObject({ rounds: 120, turns: 380 });
    expect((await get('theodoi', '/api/v1/patrols/figures?unit=le-mao&from=2020-01-01&to=2020-06-30')).statusCode).toBe(403);
    const f = (await get('canbo', '/api/v1/patrols/figures?unit=le-mao&from=2020-01-01&to=2020-06-30')).json();
    expect(f).toMatchObject({ rounds: 120, turns: 380, officerTurns: 140, civilianTurns: 240 });
    expect(f.coverage).toMatchObject({ blocks: 9, covered: 9, rate: 1, uncovered: [] });
    expect(f.byMonth).toHaveLength(6);
    expect(f.byMonth.reduce((a: number, m: { rounds: number }) => a + m.rounds, 0)).toBe(120);
    expect(f.byTeam.map((x: { name: string }) => x.name)).toContain('Tổ tuần tra nhân dân khối Trung Mỹ');
    expect(f.incidents.byHandling.handed_to_police).toBeGreaterThan(0);
    // The summary counts in the database what the figures screen counts by the rules (totalRounds, blockCoverage).
    expect(viewer.patrols).toEqual({
      rounds: f.rounds,
      turns: f.turns,
      officerTurns: f.officerTurns,
      civilianTurns: f.civilianTurns,
      hours: f.hours,
      incidents: f.incidents.total,
      residenceChecks: f.residenceChecks.total,
      blocks: f.coverage.blocks,
      blocksCovered: f.coverage.covered,
    });
  });

  it('shows recent work in Thành Vinh on every screen', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 95 * 86_400_000).toISOString().slice(0, 10);
    const f = (await get('canbo', `/api/v1/patrols/figures?unit=thanh-vinh&from=${from}&to=${today}`)).json();
    expect(f.rounds).toBeGreaterThan(40);
    expect(f.residenceChecks.total).toBeGreaterThan(5);
    const summary = (await get('canbo', `/api/v1/reports/summary?unit=thanh-vinh&from=${from}&to=${today}`)).json();
    expect(summary.patrols).toMatchObject({ rounds: f.rounds, turns: f.turns, hours: f.hours, blocksCovered: f.coverage.covered });
    expect(summary.patrols.incidents).toBe(f.incidents.total);
    const rounds = (await get('canbo', '/api/v1/patrols/rounds?limit=5')).json();
    expect(rounds.items).toHaveLength(5);
    const teams = (await get('canbo', '/api/v1/patrols/teams')).json();
    expect(teams.items.length).toBeGreaterThanOrEqual(7);
  });
});
