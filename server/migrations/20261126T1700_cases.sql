-- The ward's case register (sổ vụ việc): incidents and criminal cases, the people involved, seized items, the tips that
-- led to them, and the dossiers for compulsory drug rehabilitation. Every table carries the ward (the tenant) first in
-- its keys. ID numbers are stored sealed, with a keyed hash for exact look-up; views mask them for roles without need.

-- Register numbers per ward, register (case or rehab dossier) and year.
CREATE TABLE case_counters (
  ward_id uuid NOT NULL REFERENCES units (id),
  register text NOT NULL CHECK (register IN ('case', 'rehab')),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (ward_id, register, year)
);

CREATE TABLE cases (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  seq integer NOT NULL,
  type text NOT NULL,
  report_group text NOT NULL,
  penal_code_article text,
  status text NOT NULL,
  occurred_on date NOT NULL,
  -- The day the ward learned of it: the clearance rate counts a case in the period of this day.
  discovered_on date NOT NULL,
  place text,
  summary text NOT NULL,
  officer_ids uuid[] NOT NULL DEFAULT '{}',
  cleared_on date,
  transferred_on date,
  transferred_to text,
  prosecuted_on date,
  closed_on date,
  import_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, year, seq),
  UNIQUE (ward_id, import_key),
  CHECK (discovered_on >= occurred_on)
);
CREATE INDEX cases_ward_occurred ON cases (ward_id, occurred_on DESC, year DESC, seq DESC);
CREATE INDEX cases_ward_group ON cases (ward_id, report_group, discovered_on);
CREATE INDEX cases_unit_discovered ON cases (unit_id, discovered_on);
CREATE INDEX cases_summary_trgm ON cases USING gin (f_unaccent(lower(summary)) gin_trgm_ops);

CREATE TABLE case_people (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('suspect', 'victim', 'witness')),
  full_name text NOT NULL,
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  id_number_enc text,
  id_number_hash text,
  address text,
  arrested_at timestamptz,
  measure text,
  note text,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, case_id) REFERENCES cases (ward_id, id) ON DELETE CASCADE
);
CREATE INDEX case_people_case ON case_people (ward_id, case_id);
CREATE INDEX case_people_id_hash ON case_people (ward_id, id_number_hash);
CREATE INDEX case_people_name_trgm ON case_people USING gin (f_unaccent(lower(full_name)) gin_trgm_ops);

CREATE TABLE case_seizures (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL,
  quantity numeric(24, 6) NOT NULL CHECK (quantity > 0),
  unit text NOT NULL,
  note text,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, case_id) REFERENCES cases (ward_id, id) ON DELETE CASCADE
);
CREATE INDEX case_seizures_case ON case_seizures (ward_id, case_id);

CREATE TABLE case_tips (
  ward_id uuid NOT NULL,
  case_id uuid NOT NULL,
  tip_id uuid NOT NULL,
  PRIMARY KEY (ward_id, case_id, tip_id),
  FOREIGN KEY (ward_id, case_id) REFERENCES cases (ward_id, id) ON DELETE CASCADE,
  FOREIGN KEY (ward_id, tip_id) REFERENCES tips (ward_id, id)
);
CREATE INDEX case_tips_tip ON case_tips (ward_id, tip_id);

CREATE TABLE rehab_dossiers (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  seq integer NOT NULL,
  status text NOT NULL,
  full_name text NOT NULL,
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  id_number_enc text,
  address text,
  case_id uuid,
  ground text,
  -- The day the person was found in one of the situations of the Law on Drug Prevention 2021 Art. 32: the 5-working-day
  -- clock to compile the dossier runs from here.
  found_on date NOT NULL,
  compile_due_on date,
  compiled_on date,
  sent_on date,
  court text,
  decision text CHECK (decision IN ('accepted', 'rejected')),
  decision_number text,
  decision_on date,
  carried_out_on date,
  note text,
  import_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, year, seq),
  UNIQUE (ward_id, import_key),
  FOREIGN KEY (ward_id, case_id) REFERENCES cases (ward_id, id),
  CHECK (decision IS NULL OR (decision_number IS NOT NULL AND decision_on IS NOT NULL AND sent_on IS NOT NULL))
);
CREATE INDEX rehab_dossiers_ward_found ON rehab_dossiers (ward_id, found_on DESC);
CREATE INDEX rehab_dossiers_unit_found ON rehab_dossiers (unit_id, found_on);

GRANT SELECT, INSERT, UPDATE ON case_counters, cases, rehab_dossiers TO binh_an_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON case_people, case_seizures, case_tips TO binh_an_app;

ALTER TABLE case_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_counters_in_scope ON case_counters USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases_in_scope ON cases
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE case_people ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_people_in_scope ON case_people USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE case_seizures ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_seizures_in_scope ON case_seizures
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE case_tips ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_tips_in_scope ON case_tips USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE rehab_dossiers ENABLE ROW LEVEL SECURITY;
CREATE POLICY rehab_dossiers_in_scope ON rehab_dossiers
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
