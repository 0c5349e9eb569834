-- Row-level security reads the request's scope once per statement instead of once per row. The policies called
-- app_all_wards() / app_ward_ids() / app_user_id() directly; PostgreSQL inlines those STABLE functions and so parsed the
-- ward list (a text setting cast to uuid[]) again for every row read, and could not estimate the filter: it guessed
-- that 1 row in 70 of a ward's own rows passes, and so read and sorted a whole ward for a 50-row page instead of walking
-- its ordered index. Wrapped as (SELECT …), each call becomes an initplan evaluated once, whose result the planner
-- treats as an unknown parameter (about half the rows pass): the first page of a list walks the ordered index and stops.
-- Every policy that calls them is rewritten here; rls.int.test.ts refuses a policy that calls them bare.
DO $$
DECLARE
  p record;
  fix_qual text;
  fix_check text;
BEGIN
  FOR p IN SELECT schemaname, tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = current_schema() LOOP
    fix_qual := replace(replace(replace(p.qual,
      'app_all_wards()', '(SELECT app_all_wards())'),
      'app_ward_ids()', '((SELECT app_ward_ids())::uuid[])'),
      'app_user_id()', '(SELECT app_user_id())');
    fix_check := replace(replace(replace(p.with_check,
      'app_all_wards()', '(SELECT app_all_wards())'),
      'app_ward_ids()', '((SELECT app_ward_ids())::uuid[])'),
      'app_user_id()', '(SELECT app_user_id())');
    IF fix_qual IS DISTINCT FROM p.qual THEN
      EXECUTE format('ALTER POLICY %I ON %I.%I USING (%s)', p.policyname, p.schemaname, p.tablename, fix_qual);
    END IF;
    IF fix_check IS DISTINCT FROM p.with_check THEN
      EXECUTE format('ALTER POLICY %I ON %I.%I WITH CHECK (%s)', p.policyname, p.schemaname, p.tablename, fix_check);
    END IF;
  END LOOP;
END $$;
