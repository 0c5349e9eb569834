-- The application role that every request runs as (SET LOCAL ROLE inside its transaction). It owns nothing, is not a
-- superuser and has no BYPASSRLS, so row-level security applies to it; migrations and system tasks run as the owner.
DO $$
BEGIN
  CREATE ROLE binh_an_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
  EXECUTE format('GRANT binh_an_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END $$;

-- The request's scope, set per transaction with set_config(…, true). Missing settings mean no rows: fail closed.
CREATE FUNCTION app_all_wards() RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT coalesce(current_setting('app.all_wards', true), '') = 'on' $$;
CREATE FUNCTION app_ward_ids() RETURNS uuid[] LANGUAGE sql STABLE
  AS $$ SELECT coalesce(nullif(current_setting('app.ward_ids', true), ''), '{}')::uuid[] $$;

GRANT USAGE ON SCHEMA public TO binh_an_app;
GRANT SELECT, INSERT, UPDATE ON units TO binh_an_app;
GRANT SELECT, INSERT, DELETE ON unit_predecessors TO binh_an_app;
GRANT SELECT, INSERT, UPDATE ON users TO binh_an_app;
GRANT SELECT, DELETE ON sessions TO binh_an_app;
GRANT SELECT, INSERT, UPDATE ON api_tokens TO binh_an_app;
GRANT SELECT, INSERT ON audit_log TO binh_an_app;
GRANT EXECUTE ON FUNCTION audit_head() TO binh_an_app;
GRANT EXECUTE ON FUNCTION app_all_wards() TO binh_an_app;
GRANT EXECUTE ON FUNCTION app_ward_ids() TO binh_an_app;
GRANT EXECUTE ON FUNCTION f_unaccent(text) TO binh_an_app;

ALTER TABLE units ENABLE ROW LEVEL SECURITY;
CREATE POLICY units_in_scope ON units
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids()))
  WITH CHECK (app_all_wards() OR ward_id = ANY (app_ward_ids()));

ALTER TABLE unit_predecessors ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_predecessors_in_scope ON unit_predecessors
  USING (EXISTS (SELECT 1 FROM units u WHERE u.id = unit_id))
  WITH CHECK (EXISTS (SELECT 1 FROM units u WHERE u.id = unit_id));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_in_scope ON users
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids()))
  WITH CHECK (app_all_wards() OR ward_id = ANY (app_ward_ids()));

-- Sessions and tokens follow their account: visible exactly when the account is.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY sessions_of_users_in_scope ON sessions
  USING (EXISTS (SELECT 1 FROM users u WHERE u.id = user_id));

ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_tokens_of_users_in_scope ON api_tokens
  USING (EXISTS (SELECT 1 FROM users u WHERE u.id = user_id))
  WITH CHECK (EXISTS (SELECT 1 FROM users u WHERE u.id = user_id));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids()));
CREATE POLICY audit_log_append ON audit_log FOR INSERT WITH CHECK (true);
