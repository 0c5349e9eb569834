-- The audit log: append-only, hash-chained (hash = SHA-256(prev_hash ‖ canonical entry)).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  ward_id uuid,
  actor_id uuid,
  actor_name text,
  action text NOT NULL,
  entity_type text,
  entity_id text,
  outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  detail jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_ward ON audit_log (ward_id, seq DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq DESC);
CREATE INDEX audit_log_action ON audit_log (action, seq DESC);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);

-- The head of the chain, read under a transaction-scoped lock so that appends are serialised.
-- SECURITY DEFINER: the application role cannot see other wards' rows, but every append needs the true head.
CREATE FUNCTION audit_head() RETURNS TABLE (seq bigint, hash text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(724202);
  RETURN QUERY SELECT a.seq, a.hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
END $$;
