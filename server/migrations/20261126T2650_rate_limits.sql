-- Rate-limit counters shared by every server of an installation (two or more behind a load balancer count together).
-- One row per source key and route group: the number of requests in the current fixed window and when it ends.
-- UNLOGGED: nothing here is worth a WAL record or survives a crash (the counters start again at zero), and it is not
-- sent to replicas. The key is a keyed hash of the address (platform/rate-limit-store.ts), never the address itself;
-- rows expire with their window and are deleted by the servers as they go.
CREATE UNLOGGED TABLE rate_limit_hits (
  bucket text NOT NULL CHECK (length(bucket) BETWEEN 1 AND 300),
  hits integer NOT NULL,
  window_end timestamptz NOT NULL,
  PRIMARY KEY (bucket)
);
CREATE INDEX rate_limit_hits_window_end ON rate_limit_hits (window_end);
-- Counted by the servers as the database owner before a request has an actor; the application role has no use for it.
REVOKE ALL ON rate_limit_hits FROM PUBLIC;
