-- Indexes for the dashboard, its map and the roll-up of wards (reports/dashboard.*). Each query filters a business table
-- by its units (the dashboard: a unit's subtree) or its wards (the roll-up) and a period, or by the open states of
-- overdue work; the indexes below are those the existing ones did not cover.

-- Tips of a unit's subtree by the day received (month trend, areas, map); the roll-up's tips per ward.
CREATE INDEX tips_unit_received ON tips (unit_id, received_on);
CREATE INDEX tips_ward_received ON tips (ward_id, received_on);
-- Patrol rounds per ward by the Vietnam day they started (the roll-up; the dashboard uses patrol_rounds_unit_day).
CREATE INDEX patrol_rounds_ward_day ON patrol_rounds (ward_id, started_on);
-- Overdue work: cases still received, by the day discovered; rehab dossiers not yet compiled, by their compile limit.
CREATE INDEX cases_ward_received ON cases (ward_id, discovered_on) WHERE status = 'received';
CREATE INDEX rehab_dossiers_compile_due ON rehab_dossiers (ward_id, compile_due_on)
  WHERE status IN ('opened', 'documents_gathered');
