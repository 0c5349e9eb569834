-- Periodic reports written in the background (a province over a year): who asked, for what, how far the job has come,
-- and the document once written, kept a day for its download. Each account sees only its own jobs, like its
-- idempotency keys. The worker writes progress and the document as the owner; requests read them as binh_an_app.
CREATE TABLE report_jobs (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  -- The ward of the unit reported on; null for a unit above ward level (a city, a province).
  ward_id uuid,
  unit_id uuid NOT NULL,
  unit_key text NOT NULL CHECK (length(unit_key) BETWEEN 1 AND 100),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  format text NOT NULL CHECK (format IN ('pdf', 'docx', 'xlsx')),
  lang text NOT NULL CHECK (lang IN ('vi', 'en')),
  -- Scheme and host the request came from, for the links printed in the document.
  origin text NOT NULL CHECK (length(origin) <= 300),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  file_name text,
  mime text,
  document bytea,
  -- An error code, never a message with data in it.
  error text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, id)
);
CREATE UNIQUE INDEX report_jobs_id ON report_jobs (id);
CREATE INDEX report_jobs_expires ON report_jobs (expires_at);

GRANT SELECT, INSERT ON report_jobs TO binh_an_app;
ALTER TABLE report_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_jobs_own ON report_jobs
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
