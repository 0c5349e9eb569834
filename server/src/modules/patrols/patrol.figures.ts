import { type PatrolSummary, toHours } from '@binh-an/domain';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db.ts';

/**
 * The patrol figures of a set of units over a period, counted in the database in one statement: the rounds of the
 * period are read once (by `(unit_id, started_on)`), and their participants, incidents, residence checks and the blocks
 * they reached are counted against them. The same counting as `totalRounds` and `blockCoverage` (patrols.rules.ts):
 * - a round counts by the Vietnamese day it started, bounds included (its start compared with the period's bounds in
 *   Vietnam time, converted once);
 * - its minutes are `Math.round((end − start) / 60 000)` on the millisecond clock, never below zero;
 * - incidents and residence checks are those of the rounds stored under a day of the period;
 * - a block is covered when it was in force during the period and a round reached it (a checkpoint in it marked, or a
 *   residence check in it).
 */
export async function countPatrolFigures(tx: DbOrTx, unitIds: readonly string[], from: string, to: string): Promise<PatrolSummary> {
  if (unitIds.length === 0) {
    return {
      rounds: 0,
      turns: 0,
      officerTurns: 0,
      civilianTurns: 0,
      hours: 0,
      incidents: 0,
      residenceChecks: 0,
      blocks: 0,
      blocksCovered: 0,
    };
  }
  const ids = `{${unitIds.join(',')}}`;
  const [row] = await queryRows<{
    rounds: number;
    minutes: string | number;
    officers: number;
    civilians: number;
    incidents: number;
    checks: number;
    blocks: number;
    covered: number;
  }>(
    tx,
    sql`WITH r AS MATERIALIZED (
          SELECT ward_id, id, started_at, ended_at,
                 started_at >= (${from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                   AND started_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AS counts
          FROM patrol_rounds
          WHERE unit_id = ANY(${ids}::uuid[]) AND started_on BETWEEN ${from}::date AND ${to}::date
        ),
        b AS (
          SELECT id FROM units WHERE id = ANY(${ids}::uuid[]) AND type = 'block'
            AND (valid_from IS NULL OR valid_from <= ${to}::date) AND (valid_to IS NULL OR valid_to >= ${from}::date)
        ),
        reached AS (
          SELECT cp.unit_id FROM patrol_checkpoint_visits v
            JOIN r ON r.ward_id = v.ward_id AND r.id = v.round_id
            JOIN patrol_checkpoints cp ON cp.ward_id = v.ward_id AND cp.id = v.checkpoint_id
          WHERE cp.unit_id IS NOT NULL
          UNION
          SELECT c.unit_id FROM patrol_residence_checks c JOIN r ON r.ward_id = c.ward_id AND r.id = c.round_id
          WHERE c.unit_id IS NOT NULL
        ),
        t AS (
          SELECT count(*)::int AS rounds,
                 coalesce(sum(greatest(0, round(extract(epoch FROM
                   date_trunc('milliseconds', ended_at) - date_trunc('milliseconds', started_at)) / 60))), 0)::text AS minutes
          FROM r WHERE counts
        ),
        p AS (
          SELECT count(*) FILTER (WHERE p.kind = 'officer')::int AS officers,
                 count(*) FILTER (WHERE p.kind = 'civilian')::int AS civilians
          FROM patrol_round_participants p JOIN r ON r.ward_id = p.ward_id AND r.id = p.round_id WHERE r.counts
        )
        SELECT t.rounds, t.minutes, p.officers, p.civilians,
               (SELECT count(*) FROM patrol_incidents i JOIN r ON r.ward_id = i.ward_id AND r.id = i.round_id)::int AS incidents,
               (SELECT count(*) FROM patrol_residence_checks c JOIN r ON r.ward_id = c.ward_id AND r.id = c.round_id)::int AS checks,
               (SELECT count(*) FROM b)::int AS blocks,
               (SELECT count(*) FROM b WHERE b.id IN (SELECT unit_id FROM reached))::int AS covered
        FROM t, p`,
  );
  const officers = Number(row?.officers ?? 0);
  const civilians = Number(row?.civilians ?? 0);
  return {
    rounds: Number(row?.rounds ?? 0),
    turns: officers + civilians,
    officerTurns: officers,
    civilianTurns: civilians,
    hours: toHours(Number(row?.minutes ?? 0)),
    incidents: Number(row?.incidents ?? 0),
    residenceChecks: Number(row?.checks ?? 0),
    blocks: Number(row?.blocks ?? 0),
    blocksCovered: Number(row?.covered ?? 0),
  };
}
