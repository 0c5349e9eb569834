-- The tips of a set of units received in a period, counted for the report summary and the periodic report: per channel,
-- outcome and whether marked spam, how many, how many transferred and how many of those on time. Counts only.
--
-- The mailbox's row policy admits ward accounts only (tips_in_scope: app.ward_ids), so that a province or city account
-- never reads a tip; but a count is not a tip, and the province's report must say how many its wards received.
-- SECURITY DEFINER: read as the owner, it still counts only the rows of the caller's own scope — the wards in
-- app.ward_ids, or every ward for an account whose scope is all wards (app.all_wards) — among the units it is given.
-- It returns no row of a tip, no id and no text.
CREATE FUNCTION report_tip_counts(unit_ids uuid[], from_on date, to_on date)
  RETURNS TABLE (channel text, outcome text, is_spam boolean, n integer, transferred integer, on_time integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.channel, t.outcome, t.status = 'spam',
         count(*)::int,
         count(*) FILTER (WHERE t.transferred_at IS NOT NULL)::int,
         count(*) FILTER (WHERE t.transferred_at IS NOT NULL AND t.transferred_at <= t.transfer_due_at)::int
  FROM tips t
  WHERE t.unit_id = ANY (unit_ids) AND t.received_on BETWEEN from_on AND to_on
    AND (app_all_wards() OR t.ward_id = ANY (app_ward_ids()))
  GROUP BY 1, 2, 3
$$;
REVOKE ALL ON FUNCTION report_tip_counts(uuid[], date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION report_tip_counts(uuid[], date, date) TO binh_an_app;
