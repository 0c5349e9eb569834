// Hand-written SQL of the aggregates the report summary gives (cases by group and state, seizures by kind, rehab
// dossiers, arrests, tips, tips by channel and outcome, patrol rounds, turns, hours and blocks covered, residence checks,
// mediation), each as one set-based query over the unit's subtree: the floor the application's report is held to.
export async function handSummary(client, unitCode, from, to) {
  const { rows: ids } = await client.query(
    `SELECT array_agg(s.id)::text AS ids FROM units u JOIN units s ON s.path <@ u.path WHERE u.code = $1`,
    [unitCode],
  );
  const p = [ids[0].ids, from, to];
  const q = (text) => client.query(text, p).then((r) => r.rows);
  const inUnits = 'unit_id = ANY($1::uuid[])';
  return {
    cases: await q(`SELECT report_group, status, count(*)::int AS n FROM cases
      WHERE ${inUnits} AND discovered_on BETWEEN $2::date AND $3::date GROUP BY 1, 2`),
    seizures: await q(`SELECT s.kind, s.unit, sum(s.quantity)::text AS quantity FROM case_seizures s
      JOIN cases c ON c.ward_id = s.ward_id AND c.id = s.case_id
      WHERE c.${inUnits} AND c.discovered_on BETWEEN $2::date AND $3::date GROUP BY 1, 2`),
    rehab: await q(`SELECT count(*) FILTER (WHERE found_on BETWEEN $2::date AND $3::date)::int AS opened,
        count(*) FILTER (WHERE sent_on BETWEEN $2::date AND $3::date)::int AS sent,
        count(*) FILTER (WHERE decision = 'accepted' AND decision_on BETWEEN $2::date AND $3::date)::int AS accepted,
        count(*) FILTER (WHERE decision = 'rejected' AND decision_on BETWEEN $2::date AND $3::date)::int AS rejected,
        count(*) FILTER (WHERE carried_out_on BETWEEN $2::date AND $3::date)::int AS carried_out
      FROM rehab_dossiers WHERE ${inUnits}`),
    arrests: await q(`SELECT count(*)::int AS n FROM case_people p JOIN cases c ON c.ward_id = p.ward_id AND c.id = p.case_id
      WHERE p.role = 'suspect' AND p.arrested_at IS NOT NULL AND c.${inUnits} AND c.discovered_on BETWEEN $2::date AND $3::date`),
    tips: await q(`SELECT count(*) FILTER (WHERE status <> 'spam')::int AS received,
        count(*) FILTER (WHERE transferred_at IS NOT NULL)::int AS transferred,
        count(*) FILTER (WHERE transferred_at IS NOT NULL AND transferred_at <= transfer_due_at)::int AS on_time
      FROM tips WHERE ${inUnits} AND received_on BETWEEN $2::date AND $3::date`),
    tipsByChannel: await q(`SELECT channel, outcome, count(*)::int AS n FROM tips
      WHERE ${inUnits} AND received_on BETWEEN $2::date AND $3::date AND status <> 'spam' GROUP BY 1, 2`),
    patrols: await q(`SELECT count(*)::int AS rounds, coalesce(sum(r.officers + r.civilians), 0)::int AS turns,
        coalesce(sum(r.officers), 0)::int AS officer_turns, coalesce(sum(r.civilians), 0)::int AS civilian_turns,
        round(coalesce(sum(extract(epoch FROM r.ended_at - r.started_at)), 0) / 3600, 1) AS hours,
        count(DISTINCT r.unit_id)::int AS blocks_covered
      FROM (SELECT r.unit_id, r.started_at, r.ended_at,
                   count(p.id) FILTER (WHERE p.kind = 'officer') AS officers, count(p.id) FILTER (WHERE p.kind = 'civilian') AS civilians
            FROM patrol_rounds r LEFT JOIN patrol_round_participants p ON p.ward_id = r.ward_id AND p.round_id = r.id
            WHERE r.${inUnits} AND r.started_on BETWEEN $2::date AND $3::date GROUP BY r.ward_id, r.id) r`),
    patrolIncidents:
      await q(`SELECT count(*)::int AS n FROM patrol_incidents i JOIN patrol_rounds r ON r.ward_id = i.ward_id AND r.id = i.round_id
      WHERE r.${inUnits} AND r.started_on BETWEEN $2::date AND $3::date`),
    blocks: await q(`SELECT count(*)::int AS n FROM units WHERE id = ANY($1::uuid[]) AND type = 'block'
      AND (valid_from IS NULL OR valid_from <= $3::date) AND (valid_to IS NULL OR valid_to >= $2::date)`),
    residence: await q(`SELECT
        (SELECT count(*)::int FROM residence_places WHERE ${inUnits} AND active AND created_at::date <= $3::date) AS places,
        (SELECT count(*)::int FROM residence_notifications WHERE ${inUnits}
           AND (arrival_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2::date AND $3::date) AS notifications,
        (SELECT count(*)::int FROM residence_people WHERE ${inUnits} AND from_on <= $3::date AND (until_on IS NULL OR until_on >= $2::date)) AS people,
        (SELECT count(*)::int FROM residence_inspections WHERE ${inUnits} AND status = 'done'
           AND (done_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2::date AND $3::date) AS inspections`),
    residenceByBlock: await q(`SELECT unit_id, count(*)::int AS inspections, sum(cardinality(violations))::int AS violations,
        count(*) FILTER (WHERE measure = 'fine_referred')::int AS fines
      FROM residence_inspections WHERE ${inUnits} AND status = 'done'
        AND (done_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2::date AND $3::date GROUP BY 1`),
    mediation: await q(`SELECT type, count(*) FILTER (WHERE received_on BETWEEN $2::date AND $3::date)::int AS received,
        count(*) FILTER (WHERE status = 'settled' AND result_on BETWEEN $2::date AND $3::date)::int AS settled,
        count(*) FILTER (WHERE status = 'not_settled' AND result_on BETWEEN $2::date AND $3::date)::int AS not_settled,
        count(*) FILTER (WHERE status = 'stopped' AND result_on BETWEEN $2::date AND $3::date)::int AS stopped,
        count(*) FILTER (WHERE status = 'referred' AND referred_on BETWEEN $2::date AND $3::date)::int AS referred,
        count(*) FILTER (WHERE received_on BETWEEN $2::date AND $3::date AND risk <> 'none')::int AS at_risk,
        count(*) FILTER (WHERE received_on BETWEEN $2::date AND $3::date AND recurring)::int AS returning
      FROM mediation_cases WHERE ${inUnits} GROUP BY 1`),
    mediationByBlock: await q(`SELECT unit_id, count(*)::int AS n FROM mediation_cases
      WHERE ${inUnits} AND received_on BETWEEN $2::date AND $3::date GROUP BY 1`),
  };
}
