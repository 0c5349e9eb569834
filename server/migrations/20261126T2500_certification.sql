-- The "An toàn về an ninh, trật tự" recognition (TT 124/2021/TT-BCA as amended by TT 48/2025/TT-BCA): one cycle per
-- unit and evaluation year (registration, self-assessment meeting, dossier, appraisal, decision), the movement models
-- (mô hình) and their replication, and awards (khen thưởng) with their proposals and decisions. The criteria are data in
-- domain/src/certification; a cycle keeps the answers by criterion id. The ward (the tenant) comes first in every key.

CREATE TABLE certification_cycles (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL CHECK (year BETWEEN 2012 AND 2100),
  cert_type text NOT NULL CHECK (cert_type IN ('residential_area', 'ward', 'agency', 'enterprise', 'school')),
  stage text NOT NULL CHECK (stage IN ('registered', 'self_assessed', 'submitted', 'appraised', 'decided')),
  registered_on date NOT NULL,
  resolution_ref text,
  plan_ref text,
  households_registered integer CHECK (households_registered >= 0),
  households_total integer CHECK (households_total >= 0),
  enterprise_size text CHECK (enterprise_size IN ('micro', 'small', 'medium', 'large')),
  armed_forces boolean NOT NULL DEFAULT false,
  meeting_on date,
  chaired_by text,
  attendees text,
  -- [{criterionId, met, note}]: the meeting's answer to each criterion of the year's sets.
  answers jsonb NOT NULL DEFAULT '[]',
  submitted_on date,
  appraised_on date,
  appraisal_opinion text,
  decided_on date,
  outcome text CHECK (outcome IN ('recognised', 'not_recognised')),
  decision_ref text,
  certificate_no text,
  reason text,
  -- The QĐ 510/2022 sheet: {lineId: points}, the total and the class.
  class_scores jsonb,
  class_total integer CHECK (class_total BETWEEN 0 AND 100),
  class_result text CHECK (class_result IN ('excellent', 'good', 'average', 'weak')),
  note text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, unit_id, year),
  CHECK ((stage = 'decided') = (outcome IS NOT NULL AND decided_on IS NOT NULL))
);
CREATE INDEX certification_cycles_unit ON certification_cycles (unit_id, year);
CREATE INDEX certification_cycles_ward_year ON certification_cycles (ward_id, year);

CREATE TABLE certification_models (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  run_by text NOT NULL,
  started_on date NOT NULL,
  ended_on date,
  activities text,
  effect text,
  effective boolean NOT NULL DEFAULT true,
  -- Replication: the further units where it runs.
  replicated_unit_ids uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX certification_models_unit ON certification_models (unit_id);

CREATE TABLE certification_awards (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind text NOT NULL CHECK (kind IN ('emulation_flag', 'lead_flag', 'certificate_of_merit', 'commendation', 'medal')),
  recipient text NOT NULL CHECK (recipient IN ('group', 'individual')),
  person_name text,
  issuer text NOT NULL,
  reason text,
  status text NOT NULL CHECK (status IN ('proposed', 'granted', 'refused')),
  proposed_on date NOT NULL,
  under_review boolean NOT NULL DEFAULT false,
  discipline_until date,
  decided_on date,
  decision_ref text,
  refusal text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  CHECK ((recipient = 'individual') = (person_name IS NOT NULL)),
  CHECK (status <> 'granted' OR NOT under_review)
);
CREATE INDEX certification_awards_ward_year ON certification_awards (ward_id, year DESC, id);

GRANT SELECT, INSERT, UPDATE ON certification_cycles, certification_models, certification_awards TO binh_an_app;

-- Figures for a province-level reader (all wards) are counts only; the service never returns rows to them.
ALTER TABLE certification_cycles ENABLE ROW LEVEL SECURITY;
CREATE POLICY certification_cycles_in_scope ON certification_cycles
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE certification_models ENABLE ROW LEVEL SECURITY;
CREATE POLICY certification_models_in_scope ON certification_models
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE certification_awards ENABLE ROW LEVEL SECURITY;
CREATE POLICY certification_awards_in_scope ON certification_awards
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
