// The data generator: a province-year of records for 100 wards (tips, cases, patrol rounds, inspections, mediation),
// written by set-based SQL (generate_series), not through the API. At full size 1,000,000 records of 2025.
//
//   node bench/generate.mjs --url postgres://… [--fraction 1] [--from 0]
//
// The database must have the application's migrations applied (start the server on it once). Records are written in
// slices: `--from 0 --fraction 0.1` writes the first tenth of each ward's numbers, `--from 0.1 --fraction 0.9` the
// rest, so that a list page can be measured at a tenth of the data and again at the whole of it.
import pg from 'pg';

export const PROVINCE_CODE = 'bench-province';
export const WARDS = 100;
export const BLOCKS_PER_WARD = 10;
export const YEAR = 2025;
/** Records per ward in the year at full size: 10,000 a ward, 1,000,000 for the province. */
export const PER_WARD = { tips: 1500, cases: 1000, patrolRounds: 4500, inspections: 2000, mediation: 1000 };
export const wardCode = (i) => `bench-w${String(i).padStart(3, '0')}`;

/** Creates the province, its wards and blocks, a patrol team per ward; idempotent. Answers the ward ids by index. */
export async function ensureUnits(client) {
  const found = await client.query('SELECT id FROM units WHERE code = $1 AND parent_id IS NULL', [PROVINCE_CODE]);
  if (!found.rows.length) {
    await client.query('BEGIN');
    const [{ id: province }] = (
      await client.query(`INSERT INTO units (parent_id, code, name, type) VALUES (NULL, $1, 'Tỉnh Thử tải', 'province') RETURNING id`, [
        PROVINCE_CODE,
      ])
    ).rows;
    await client.query(
      `INSERT INTO units (parent_id, code, name, type)
       SELECT $1, 'bench-w' || lpad(i::text, 3, '0'), 'Phường Thử tải ' || i, 'ward' FROM generate_series(1, $2::int) i`,
      [province, WARDS],
    );
    await client.query(
      `INSERT INTO units (parent_id, code, name, type)
       SELECT w.id, 'k' || lpad(k::text, 2, '0'), 'Khối ' || k, 'block'
       FROM units w CROSS JOIN generate_series(1, $2::int) k WHERE w.parent_id = $1`,
      [province, BLOCKS_PER_WARD],
    );
    await client.query(
      `INSERT INTO patrol_teams (ward_id, unit_id, kind, name, established_on)
       SELECT w.id, w.id, 'ward_police', 'Công an phường ' || w.name, '2020-01-01' FROM units w WHERE w.parent_id = $1`,
      [province],
    );
    await client.query('COMMIT');
  }
  const wards = await client.query(
    `SELECT w.id, w.code FROM units w JOIN units p ON p.id = w.parent_id WHERE p.code = $1 AND p.parent_id IS NULL ORDER BY w.code`,
    [PROVINCE_CODE],
  );
  return wards.rows;
}

/**
 * Writes the slice [from, from + fraction) of each ward's records. `officerId`, when given, is named on the cases of
 * the first ward (the list page then looks up an assignee's name per row, as it does in use).
 */
export async function generate(client, { from = 0, fraction = 1, officerId = null, log = () => {} } = {}) {
  const wards = await ensureUnits(client);
  const started = performance.now();
  // ward index (1..100), block index (0..9) → ids; the team of each ward.
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS bench_blocks AS
    SELECT dense_rank() OVER (ORDER BY w.code)::int AS wi, w.id AS ward_id, (b.code::text)::text AS bcode,
           (substr(b.code, 2)::int - 1) AS bi, b.id AS block_id, t.id AS team_id
    FROM units p JOIN units w ON w.parent_id = p.id JOIN units b ON b.parent_id = w.id
    JOIN patrol_teams t ON t.ward_id = w.id
    WHERE p.code = '${PROVINCE_CODE}' AND p.parent_id IS NULL`);
  const range = (n) => [Math.floor(from * n) + 1, Math.floor((from + fraction) * n)];
  const counts = {};
  const day = (n, k) => `(DATE '${YEAR}-01-01' + ((${n}::bigint * ${k}) % 365)::int)`;
  const run = async (name, perWard, text, extra = []) => {
    const [a, b] = range(perWard);
    if (b < a) return;
    const t0 = performance.now();
    const r = await client.query(text, [a, b, ...extra]);
    counts[name] = r.rowCount;
    log(`  ${name}: ${r.rowCount.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  await client.query('BEGIN');
  await client.query('SET LOCAL synchronous_commit = off');
  await run(
    'tips',
    PER_WARD.tips,
    `INSERT INTO tips (ward_id, unit_id, year, seq, channel, reporter_identity, classification, category, status, received_on,
       data_key, body_enc, transferred_at, transfer_due_at, intake_due_on, last_activity_on, closed_at)
     SELECT b.ward_id, b.block_id, ${YEAR}, n,
       (ARRAY['online','mailbox','hotline','in_person','post','vneid','other'])[1 + n % 7],
       (ARRAY['anonymous','identified'])[1 + n % 2],
       (ARRAY['to_giac','tin_bao','administrative','dispute'])[1 + n % 4],
       (ARRAY['drugs','theft','fraud','gambling','firecrackers','disorder','traffic','other'])[1 + n % 8],
       s.status, d.on,
       'sealed-by-the-generator', 'sealed-by-the-generator',
       CASE WHEN s.status IN ('transferred','closed') THEN d.on + interval '1 day' + (n % 5) * interval '1 day' END,
       d.on + interval '3 days', d.on + 3, d.on + 2,
       CASE WHEN s.status = 'closed' THEN d.on + interval '10 days' END
     FROM bench_blocks b CROSS JOIN generate_series($1::int, $2::int) n
     CROSS JOIN LATERAL (SELECT ${day('n', 7919)} AS on) d
     CROSS JOIN LATERAL (SELECT (ARRAY['new','verifying','transferred','closed','closed','spam'])[1 + (n / 7) % 6] AS status) s
     WHERE b.bi = n % ${BLOCKS_PER_WARD}`,
  );
  // Counters follow the numbers written, so that the next tip or case of the ward is numbered after them.
  await client.query(
    `INSERT INTO tip_counters (ward_id, year, last) SELECT ward_id, ${YEAR}, max(seq) FROM tips WHERE year = ${YEAR}
       AND ward_id IN (SELECT ward_id FROM bench_blocks) GROUP BY ward_id
     ON CONFLICT (ward_id, year) DO UPDATE SET last = EXCLUDED.last`,
  );
  await run(
    'cases',
    PER_WARD.cases,
    `WITH types AS (SELECT array_agg(code ORDER BY position) AS codes, array_agg(report_group ORDER BY position) AS groups,
                           array_agg(penal_code_article ORDER BY position) AS articles, count(*)::int AS k FROM case_types)
     INSERT INTO cases (ward_id, unit_id, year, seq, type, report_group, penal_code_article, status, occurred_on, discovered_on,
       place, summary, officer_ids, cleared_on)
     SELECT b.ward_id, b.block_id, ${YEAR}, n, t.codes[1 + n % t.k], t.groups[1 + n % t.k], t.articles[1 + n % t.k],
       st.status, d.on - (n % 3), d.on, 'Địa điểm ' || n, 'Vụ việc số ' || n || ' được tạo để đo hiệu năng.',
       CASE WHEN b.wi = 1 AND $3::uuid IS NOT NULL THEN ARRAY[$3::uuid] ELSE '{}'::uuid[] END,
       CASE WHEN st.status IN ('cleared','transferred','prosecuted') THEN d.on + 5 END
     FROM bench_blocks b CROSS JOIN generate_series($1::int, $2::int) n CROSS JOIN types t
     CROSS JOIN LATERAL (SELECT ${day('n', 4099)} AS on) d
     CROSS JOIN LATERAL (SELECT (ARRAY['received','verifying','cleared','cleared','transferred','prosecuted','closed_no_crime'])[1 + (n / 3) % 7] AS status) st
     WHERE b.bi = n % ${BLOCKS_PER_WARD}`,
    [officerId],
  );
  await client.query(
    `INSERT INTO case_counters (ward_id, register, year, last) SELECT ward_id, 'case', ${YEAR}, max(seq) FROM cases WHERE year = ${YEAR}
       AND ward_id IN (SELECT ward_id FROM bench_blocks) GROUP BY ward_id
     ON CONFLICT (ward_id, register, year) DO UPDATE SET last = EXCLUDED.last`,
  );
  await run(
    'patrol rounds',
    PER_WARD.patrolRounds,
    `INSERT INTO patrol_rounds (ward_id, team_id, unit_id, started_at, ended_at, started_on, recorded_at)
     SELECT b.ward_id, b.team_id, b.block_id, s.at, s.at + interval '2 hours', (s.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, s.at + interval '3 hours'
     FROM bench_blocks b CROSS JOIN generate_series($1::int, $2::int) n
     CROSS JOIN LATERAL (SELECT (${day('n', 6151)}::timestamp + (n % 24) * interval '1 hour') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at) s
     WHERE b.bi = n % ${BLOCKS_PER_WARD}`,
  );
  await run(
    'inspections',
    PER_WARD.inspections,
    `INSERT INTO residence_inspections (ward_id, year, seq, unit_id, kind, status, planned_on, done_at, inspectors, people_found,
       violations, measure)
     SELECT b.ward_id, ${YEAR}, n, b.block_id, (ARRAY['planned','unannounced'])[1 + n % 2], st.status, d.on,
       CASE WHEN st.status = 'done' THEN d.on + interval '20 hours' END, 'Tổ kiểm tra ' || (n % 9), n % 6,
       CASE WHEN n % 5 = 0 THEN ARRAY['no_stay_notice'] ELSE '{}'::text[] END,
       CASE WHEN n % 5 = 0 THEN (ARRAY['reminder','warning','fine_referred'])[1 + n % 3] ELSE 'none' END
     FROM bench_blocks b CROSS JOIN generate_series($1::int, $2::int) n
     CROSS JOIN LATERAL (SELECT ${day('n', 3571)} AS on) d
     CROSS JOIN LATERAL (SELECT (ARRAY['done','done','done','planned','cancelled'])[1 + (n / 2) % 5] AS status) st
     WHERE b.bi = n % ${BLOCKS_PER_WARD}`,
  );
  await run(
    'mediation',
    PER_WARD.mediation,
    `INSERT INTO mediation_cases (ward_id, unit_id, year, seq, received_on, ground, type, summary, status, result_on, risk, recurring)
     SELECT b.ward_id, b.block_id, ${YEAR}, n, d.on, (ARRAY['party_request','mediator_observed','leader_assigned','organisation_proposal'])[1 + n % 4],
       (ARRAY['land_boundary','neighbours','noise_hygiene','debt','family','inheritance','property','minor_violation','other'])[1 + n % 9],
       'Tranh chấp số ' || n || ' được tạo để đo hiệu năng.', st.status,
       CASE WHEN st.status IN ('settled','not_settled','stopped') THEN d.on + 7 END,
       (ARRAY['none','none','none','none','violence','escalation'])[1 + n % 6], n % 11 = 0
     FROM bench_blocks b CROSS JOIN generate_series($1::int, $2::int) n
     CROSS JOIN LATERAL (SELECT ${day('n', 2887)} AS on) d
     CROSS JOIN LATERAL (SELECT (ARRAY['in_progress','settled','settled','settled','not_settled','stopped'])[1 + (n / 5) % 6] AS status) st
     WHERE b.bi = n % ${BLOCKS_PER_WARD}`,
  );
  await client.query('COMMIT');
  const t0 = performance.now();
  // VACUUM as well: the first reads after a bulk load would otherwise set the new rows' hint bits (writing pages) while
  // being timed, or meet autovacuum doing it; a database in service has long been through both.
  await client.query('VACUUM (ANALYZE)');
  log(`  VACUUM (ANALYZE) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { wards: wards.length, counts, total, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const client = new pg.Client({ connectionString: arg('url', process.env.DATABASE_URL) });
  await client.connect();
  const r = await generate(client, { from: Number(arg('from', 0)), fraction: Number(arg('fraction', 1)), log: console.log });
  console.log(`${r.total.toLocaleString('en')} records for ${r.wards} wards in ${r.seconds.toFixed(1)} s`);
  await client.end();
}
