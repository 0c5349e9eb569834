-- The SECURITY DEFINER counts of tips (T2610, T2710) read the request's scope once per statement too, as the row
-- policies do since T2800: the same functions, with app_all_wards() / app_ward_ids() called through a sub-select.

CREATE OR REPLACE FUNCTION report_tip_counts(unit_ids uuid[], from_on date, to_on date)
  RETURNS TABLE (channel text, outcome text, is_spam boolean, n integer, transferred integer, on_time integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.channel, t.outcome, t.status = 'spam',
         count(*)::int,
         count(*) FILTER (WHERE t.transferred_at IS NOT NULL)::int,
         count(*) FILTER (WHERE t.transferred_at IS NOT NULL AND t.transferred_at <= t.transfer_due_at)::int
  FROM tips t
  WHERE t.unit_id = ANY (unit_ids) AND t.received_on BETWEEN from_on AND to_on
    AND ((SELECT app_all_wards()) OR t.ward_id = ANY ((SELECT app_ward_ids())::uuid[]))
  GROUP BY 1, 2, 3
$$;

CREATE OR REPLACE FUNCTION dashboard_tip_counts(unit_ids uuid[], from_on date, to_on date)
  RETURNS TABLE (month text, unit_id uuid, category text, n integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT to_char(t.received_on, 'YYYY-MM'), t.unit_id, t.category, count(*)::int
  FROM tips t
  WHERE t.unit_id = ANY (unit_ids) AND t.received_on BETWEEN from_on AND to_on AND t.status <> 'spam'
    AND ((SELECT app_all_wards()) OR t.ward_id = ANY ((SELECT app_ward_ids())::uuid[]))
  GROUP BY 1, 2, 3
$$;

CREATE OR REPLACE FUNCTION overdue_tip_count(unit_ids uuid[], at_time timestamptz)
  RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::int
  FROM tips t
  WHERE t.status IN ('new', 'verifying', 'transferred') AND t.next_due_at < at_time AND t.unit_id = ANY (unit_ids)
    AND ((SELECT app_all_wards()) OR t.ward_id = ANY ((SELECT app_ward_ids())::uuid[]))
$$;

CREATE OR REPLACE FUNCTION tip_counts_by_ward(ward_ids uuid[], from_on date, to_on date)
  RETURNS TABLE (ward_id uuid, n integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.ward_id, count(*)::int
  FROM tips t
  WHERE t.ward_id = ANY (ward_ids) AND t.received_on BETWEEN from_on AND to_on AND t.status <> 'spam'
    AND ((SELECT app_all_wards()) OR t.ward_id = ANY ((SELECT app_ward_ids())::uuid[]))
  GROUP BY 1
$$;
