-- The dashboard's and the roll-up's tip counts, read like report_tip_counts (T2610): as the owner, counting only the
-- rows of the caller's own scope (app.ward_ids, or every ward for an account whose scope is all wards), so that a city
-- or province reader's dashboard shows how many tips its wards received without ever reading a tip. Counts only.
CREATE FUNCTION dashboard_tip_counts(unit_ids uuid[], from_on date, to_on date)
  RETURNS TABLE (month text, unit_id uuid, category text, n integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT to_char(t.received_on, 'YYYY-MM'), t.unit_id, t.category, count(*)::int
  FROM tips t
  WHERE t.unit_id = ANY (unit_ids) AND t.received_on BETWEEN from_on AND to_on AND t.status <> 'spam'
    AND (app_all_wards() OR t.ward_id = ANY (app_ward_ids()))
  GROUP BY 1, 2, 3
$$;
REVOKE ALL ON FUNCTION dashboard_tip_counts(uuid[], date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dashboard_tip_counts(uuid[], date, date) TO binh_an_app;

-- Open tips of a set of units whose earliest legal clock (next_due_at) has run out at a time.
CREATE FUNCTION overdue_tip_count(unit_ids uuid[], at_time timestamptz)
  RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::int
  FROM tips t
  WHERE t.status IN ('new', 'verifying', 'transferred') AND t.next_due_at < at_time AND t.unit_id = ANY (unit_ids)
    AND (app_all_wards() OR t.ward_id = ANY (app_ward_ids()))
$$;
REVOKE ALL ON FUNCTION overdue_tip_count(uuid[], timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION overdue_tip_count(uuid[], timestamptz) TO binh_an_app;

-- Tips received (spam apart) per ward over a period, for the roll-up of a city or province.
CREATE FUNCTION tip_counts_by_ward(ward_ids uuid[], from_on date, to_on date)
  RETURNS TABLE (ward_id uuid, n integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.ward_id, count(*)::int
  FROM tips t
  WHERE t.ward_id = ANY (ward_ids) AND t.received_on BETWEEN from_on AND to_on AND t.status <> 'spam'
    AND (app_all_wards() OR t.ward_id = ANY (app_ward_ids()))
  GROUP BY 1
$$;
REVOKE ALL ON FUNCTION tip_counts_by_ward(uuid[], date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tip_counts_by_ward(uuid[], date, date) TO binh_an_app;
