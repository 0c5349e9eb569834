-- Grassroots mediation (Luật Hòa giải ở cơ sở 2013): teams per block with their mediators (recognition, training,
-- leaving), the mediation book (sổ theo dõi hoạt động hòa giải ở cơ sở) with sessions and the follow-up of settlements,
-- and the area officer's notifications of escalations. The ward (the tenant) comes first in every key.

CREATE TABLE mediation_teams (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  established_on date NOT NULL,
  decision_ref text,
  ethnic_area boolean NOT NULL DEFAULT false,
  closed_on date,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  CHECK (closed_on IS NULL OR closed_on >= established_on)
);
CREATE INDEX mediation_teams_unit ON mediation_teams (unit_id);

CREATE TABLE mediation_members (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  gender text NOT NULL CHECK (gender IN ('female', 'male')),
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  ethnic_minority boolean NOT NULL DEFAULT false,
  role text NOT NULL CHECK (role IN ('leader', 'member')),
  joined_on date NOT NULL,
  -- The list sent by the Front committee head to the chair (starts the 5-working-day clock), the chair's decision.
  proposed_on date,
  recognised_on date,
  decision_ref text,
  trained_on date,
  training_note text,
  left_on date,
  leave_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, team_id) REFERENCES mediation_teams (ward_id, id),
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX mediation_members_team ON mediation_members (ward_id, team_id);

CREATE TABLE mediation_counters (
  ward_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (ward_id, year)
);

CREATE TABLE mediation_cases (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  team_id uuid,
  year integer NOT NULL,
  seq integer NOT NULL,
  received_on date NOT NULL,
  ground text NOT NULL CHECK (ground IN ('party_request', 'mediator_observed', 'leader_assigned', 'organisation_proposal')),
  type text NOT NULL,
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 3000),
  -- [{name, age, address, related}]: the book's column 4.
  parties jsonb NOT NULL DEFAULT '[]',
  party_keys text[] NOT NULL DEFAULT '{}',
  mediator_ids uuid[] NOT NULL DEFAULT '{}',
  invitees text,
  exclusions text[] NOT NULL DEFAULT '{}',
  refusal_note text,
  status text NOT NULL CHECK (status IN ('in_progress', 'settled', 'not_settled', 'stopped', 'refused', 'referred')),
  result_on date,
  agreement text,
  demands text,
  written_record boolean NOT NULL DEFAULT false,
  performance text,
  risk text NOT NULL DEFAULT 'none' CHECK (risk IN ('none', 'violence', 'escalation')),
  risk_note text,
  recurring boolean NOT NULL DEFAULT false,
  source_tip_id uuid,
  source_tip_number text,
  referred_on date,
  referred_case_id uuid,
  referred_case_number text,
  notes text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, year, seq),
  FOREIGN KEY (ward_id, team_id) REFERENCES mediation_teams (ward_id, id)
);
CREATE INDEX mediation_cases_unit_received ON mediation_cases (unit_id, received_on);
CREATE INDEX mediation_cases_ward_received ON mediation_cases (ward_id, received_on DESC, id);
CREATE INDEX mediation_cases_party_keys ON mediation_cases USING gin (party_keys);
CREATE UNIQUE INDEX mediation_cases_tip ON mediation_cases (ward_id, source_tip_id) WHERE source_tip_id IS NOT NULL;

CREATE TABLE mediation_sessions (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  held_on date NOT NULL,
  place text,
  summary text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, case_id) REFERENCES mediation_cases (ward_id, id)
);
CREATE INDEX mediation_sessions_case ON mediation_sessions (ward_id, case_id, held_on);

CREATE TABLE mediation_follow_ups (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  on_day date NOT NULL,
  state text NOT NULL CHECK (state IN ('performed', 'partly', 'not_performed')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, case_id) REFERENCES mediation_cases (ward_id, id)
);
CREATE INDEX mediation_follow_ups_case ON mediation_follow_ups (ward_id, case_id, on_day);

-- The area officer's notifications: one per escalation, read by the ward police of the block's ward.
CREATE TABLE mediation_notifications (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('risk', 'returning', 'referred')),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  read_by uuid REFERENCES users (id),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, case_id) REFERENCES mediation_cases (ward_id, id)
);
CREATE INDEX mediation_notifications_unread ON mediation_notifications (ward_id, created_at DESC) WHERE read_at IS NULL;

GRANT SELECT, INSERT, UPDATE ON mediation_teams, mediation_members, mediation_counters, mediation_cases, mediation_notifications TO binh_an_app;
GRANT SELECT, INSERT ON mediation_sessions, mediation_follow_ups TO binh_an_app;

ALTER TABLE mediation_teams ENABLE ROW LEVEL SECURITY;
CREATE POLICY mediation_teams_in_scope ON mediation_teams
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE mediation_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY mediation_members_in_scope ON mediation_members
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE mediation_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY mediation_counters_in_scope ON mediation_counters
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
-- Figures for a province-level reader (all wards) are counts only; the service never returns rows to them.
ALTER TABLE mediation_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY mediation_cases_in_scope ON mediation_cases
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE mediation_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY mediation_sessions_in_scope ON mediation_sessions
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE mediation_follow_ups ENABLE ROW LEVEL SECURITY;
CREATE POLICY mediation_follow_ups_in_scope ON mediation_follow_ups
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE mediation_notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY mediation_notifications_in_scope ON mediation_notifications
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
