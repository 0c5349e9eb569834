-- The audit chain is linked after commit instead of under a lock held by every writer until it commits.
-- A writer appends its entry with the next number of a sequence (no lock, no wait); one chainer at a time
-- (pg_try_advisory_xact_lock) then gives the committed entries their place in the chain, in the order it finds them,
-- with prev_hash and hash. Entries written before this migration keep their place: chain_pos = seq.
CREATE SEQUENCE audit_log_seq_seq OWNED BY audit_log.seq;
SELECT setval('audit_log_seq_seq', COALESCE((SELECT max(seq) FROM audit_log), 0) + 1, false);
ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq_seq');

ALTER TABLE audit_log ADD COLUMN chain_pos bigint;
UPDATE audit_log SET chain_pos = seq;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chained_whole
  CHECK ((chain_pos IS NULL AND prev_hash IS NULL AND hash IS NULL) OR (chain_pos IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL));
CREATE UNIQUE INDEX audit_log_chain_pos ON audit_log (chain_pos);
CREATE INDEX audit_log_unchained ON audit_log (seq) WHERE chain_pos IS NULL;

-- The application role appends entries but never places them in the chain.
REVOKE INSERT ON audit_log FROM binh_an_app;
GRANT INSERT (at, ward_id, actor_id, actor_name, action, entity_type, entity_id, outcome, detail) ON audit_log TO binh_an_app;
GRANT USAGE ON SEQUENCE audit_log_seq_seq TO binh_an_app;

-- The head of the linked chain (its position and hash), for backups' manifests; no lock any more.
CREATE OR REPLACE FUNCTION audit_head() RETURNS TABLE (seq bigint, hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.chain_pos, a.hash FROM audit_log a WHERE a.chain_pos IS NOT NULL ORDER BY a.chain_pos DESC LIMIT 1
$$;
