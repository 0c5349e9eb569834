-- Patrols and the civil security force: teams (ward police, Tổ bảo vệ ANTT, the older bảo vệ dân phố, people's patrol
-- teams, school gate teams) with their members and yearly ratings; routes as ordered checkpoints; shift schedules and
-- the shifts they make; the patrol log (rounds, participants, checkpoints reached, residence checks, incidents). Every
-- table carries the ward (the tenant) first in its keys, like the case register. Then the platform's idempotency keys.

CREATE TABLE patrol_teams (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('ward_police', 'security_team', 'neighbourhood_guard', 'people_patrol', 'school_gate')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  established_on date NOT NULL,
  closed_on date,
  close_reason text,
  decision_ref text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  CHECK (closed_on IS NULL OR closed_on >= established_on)
);
CREATE INDEX patrol_teams_ward_name ON patrol_teams (ward_id, name, id);
CREATE INDEX patrol_teams_unit ON patrol_teams (unit_id);
CREATE INDEX patrol_teams_name_trgm ON patrol_teams USING gin (f_unaccent(lower(name)) gin_trgm_ops);

-- The blocks a team is responsible for (địa bàn phụ trách: one or more for a Tổ bảo vệ ANTT, Luật 2023 Art. 14.2).
CREATE TABLE patrol_team_areas (
  ward_id uuid NOT NULL,
  team_id uuid NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  PRIMARY KEY (ward_id, team_id, unit_id),
  FOREIGN KEY (ward_id, team_id) REFERENCES patrol_teams (ward_id, id) ON DELETE CASCADE
);
CREATE INDEX patrol_team_areas_unit ON patrol_team_areas (ward_id, unit_id);

-- A member of a team: a person, linked to an account when they have one. The calendar feed's token is kept only as a
-- keyed hash.
CREATE TABLE patrol_members (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL,
  user_id uuid REFERENCES users (id),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  birth_date date,
  role text NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
  joined_on date NOT NULL,
  left_on date,
  leave_reason text,
  phone text,
  address text,
  age_exception_ref text,
  decision_ref text,
  note text,
  ical_token_hash text UNIQUE,
  ical_created_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, team_id) REFERENCES patrol_teams (ward_id, id),
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX patrol_members_team ON patrol_members (ward_id, team_id);
CREATE INDEX patrol_members_user ON patrol_members (user_id) WHERE user_id IS NOT NULL;
-- One serving leader per team; one serving member per account and team.
CREATE UNIQUE INDEX patrol_members_one_leader ON patrol_members (ward_id, team_id) WHERE role = 'leader' AND left_on IS NULL;
CREATE UNIQUE INDEX patrol_members_user_once ON patrol_members (ward_id, team_id, user_id) WHERE user_id IS NOT NULL AND left_on IS NULL;

-- Yearly ratings (15/11 → 14/11, Hướng dẫn 01/HD-BCA-V05): the team's (member_id null) and each member's.
CREATE TABLE patrol_ratings (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL,
  member_id uuid,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  level text NOT NULL CHECK (level IN ('excellent', 'good', 'completed', 'not_completed')),
  note text,
  rated_by uuid REFERENCES users (id),
  rated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, team_id) REFERENCES patrol_teams (ward_id, id),
  FOREIGN KEY (ward_id, member_id) REFERENCES patrol_members (ward_id, id)
);
CREATE UNIQUE INDEX patrol_ratings_team_year ON patrol_ratings (ward_id, team_id, year) WHERE member_id IS NULL;
CREATE UNIQUE INDEX patrol_ratings_member_year ON patrol_ratings (ward_id, member_id, year) WHERE member_id IS NOT NULL;

CREATE TABLE patrol_routes (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  team_id uuid,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, team_id) REFERENCES patrol_teams (ward_id, id)
);
CREATE INDEX patrol_routes_team ON patrol_routes (ward_id, team_id);

-- Checkpoints in walking order. `code` is the secret part of the checkpoint's QR code; retired checkpoints stay for
-- the rounds that reached them.
CREATE TABLE patrol_checkpoints (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  route_id uuid NOT NULL,
  ordinal integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  unit_id uuid REFERENCES units (id),
  street text,
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lng double precision CHECK (lng BETWEEN -180 AND 180),
  radius_m integer NOT NULL DEFAULT 100 CHECK (radius_m BETWEEN 10 AND 1000),
  code text NOT NULL,
  retired_at timestamptz,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, route_id) REFERENCES patrol_routes (ward_id, id),
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX patrol_checkpoints_route ON patrol_checkpoints (ward_id, route_id, ordinal);

CREATE TABLE patrol_schedules (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL,
  route_id uuid,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  recurrence jsonb NOT NULL,
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 720),
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  member_ids uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, team_id) REFERENCES patrol_teams (ward_id, id),
  FOREIGN KEY (ward_id, route_id) REFERENCES patrol_routes (ward_id, id),
  CHECK (valid_to >= valid_from)
);
CREATE INDEX patrol_schedules_team ON patrol_schedules (ward_id, team_id);

CREATE TABLE patrol_shifts (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL,
  schedule_id uuid,
  route_id uuid,
  on_day date NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  cancelled boolean NOT NULL DEFAULT false,
  note text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, schedule_id, on_day),
  FOREIGN KEY (ward_id, team_id) REFERENCES patrol_teams (ward_id, id),
  FOREIGN KEY (ward_id, schedule_id) REFERENCES patrol_schedules (ward_id, id),
  FOREIGN KEY (ward_id, route_id) REFERENCES patrol_routes (ward_id, id),
  CHECK (ends_at > starts_at)
);
CREATE INDEX patrol_shifts_team_time ON patrol_shifts (ward_id, team_id, starts_at);
CREATE INDEX patrol_shifts_ward_time ON patrol_shifts (ward_id, starts_at);

CREATE TABLE patrol_shift_members (
  ward_id uuid NOT NULL,
  shift_id uuid NOT NULL,
  member_id uuid NOT NULL,
  PRIMARY KEY (ward_id, shift_id, member_id),
  FOREIGN KEY (ward_id, shift_id) REFERENCES patrol_shifts (ward_id, id) ON DELETE CASCADE,
  FOREIGN KEY (ward_id, member_id) REFERENCES patrol_members (ward_id, id)
);
CREATE INDEX patrol_shift_members_member ON patrol_shift_members (ward_id, member_id);

-- One patrol round (đợt tuần tra). `started_on` is the Vietnamese day it started: periods count rounds by it.
CREATE TABLE patrol_rounds (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  route_id uuid,
  shift_id uuid,
  planned_start timestamptz,
  planned_end timestamptz,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  started_on date NOT NULL,
  note text,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  recorded_on_device_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, team_id) REFERENCES patrol_teams (ward_id, id),
  FOREIGN KEY (ward_id, route_id) REFERENCES patrol_routes (ward_id, id),
  FOREIGN KEY (ward_id, shift_id) REFERENCES patrol_shifts (ward_id, id),
  CHECK (ended_at > started_at)
);
CREATE INDEX patrol_rounds_ward_started ON patrol_rounds (ward_id, started_at DESC, id DESC);
CREATE INDEX patrol_rounds_team_started ON patrol_rounds (ward_id, team_id, started_at DESC, id DESC);
CREATE INDEX patrol_rounds_unit_day ON patrol_rounds (unit_id, started_on);
CREATE INDEX patrol_rounds_shift ON patrol_rounds (ward_id, shift_id) WHERE shift_id IS NOT NULL;

-- Each participant is one turn (lượt), an officer's or a civilian's.
CREATE TABLE patrol_round_participants (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL,
  member_id uuid,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('officer', 'civilian')),
  position integer NOT NULL,
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, round_id, member_id),
  FOREIGN KEY (ward_id, round_id) REFERENCES patrol_rounds (ward_id, id) ON DELETE CASCADE,
  FOREIGN KEY (ward_id, member_id) REFERENCES patrol_members (ward_id, id)
);
CREATE INDEX patrol_round_participants_round ON patrol_round_participants (ward_id, round_id);

CREATE TABLE patrol_checkpoint_visits (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL,
  checkpoint_id uuid NOT NULL,
  at timestamptz NOT NULL,
  method text NOT NULL CHECK (method IN ('qr', 'tap', 'gps')),
  verified boolean NOT NULL,
  distance_m integer,
  lat double precision,
  lng double precision,
  accuracy_m double precision,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, round_id) REFERENCES patrol_rounds (ward_id, id) ON DELETE CASCADE,
  FOREIGN KEY (ward_id, checkpoint_id) REFERENCES patrol_checkpoints (ward_id, id)
);
CREATE INDEX patrol_checkpoint_visits_round ON patrol_checkpoint_visits (ward_id, round_id, at);

CREATE TABLE patrol_residence_checks (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL,
  unit_id uuid REFERENCES units (id),
  address text NOT NULL,
  premises text NOT NULL CHECK (premises IN ('household', 'rented_room', 'guest_house', 'dormitory', 'other')),
  people_checked integer NOT NULL CHECK (people_checked BETWEEN 0 AND 500),
  findings text[] NOT NULL DEFAULT '{}',
  action text CHECK (action IN ('reminded', 'guided_to_register', 'reported_to_police')),
  note text,
  position integer NOT NULL,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, round_id) REFERENCES patrol_rounds (ward_id, id) ON DELETE CASCADE
);
CREATE INDEX patrol_residence_checks_round ON patrol_residence_checks (ward_id, round_id);

CREATE TABLE patrol_incidents (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('public_disorder', 'fight', 'theft', 'drugs', 'gambling', 'traffic', 'fire', 'suspicious',
    'domestic_violence', 'noise', 'other')),
  occurred_at timestamptz NOT NULL,
  place text,
  unit_id uuid REFERENCES units (id),
  lat double precision,
  lng double precision,
  description text NOT NULL,
  handling text NOT NULL CHECK (handling IN ('warned', 'mediated', 'handed_to_police', 'noted')),
  handling_note text,
  -- The case recorded in the register when the incident was handed to the ward police.
  case_id uuid,
  case_number text,
  handed_at timestamptz,
  handed_by uuid REFERENCES users (id),
  position integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, round_id) REFERENCES patrol_rounds (ward_id, id) ON DELETE CASCADE,
  FOREIGN KEY (ward_id, case_id) REFERENCES cases (ward_id, id)
);
CREATE INDEX patrol_incidents_round ON patrol_incidents (ward_id, round_id);

GRANT SELECT, INSERT, UPDATE ON patrol_teams, patrol_members, patrol_ratings, patrol_routes, patrol_checkpoints,
  patrol_schedules, patrol_shifts, patrol_rounds, patrol_incidents TO binh_an_app;
GRANT SELECT, INSERT, DELETE ON patrol_team_areas, patrol_shift_members, patrol_round_participants TO binh_an_app;
GRANT SELECT, INSERT ON patrol_checkpoint_visits, patrol_residence_checks TO binh_an_app;
-- Future shifts are made again when their schedule changes.
GRANT DELETE ON patrol_shifts TO binh_an_app;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['patrol_teams', 'patrol_team_areas', 'patrol_members', 'patrol_ratings', 'patrol_routes',
    'patrol_checkpoints', 'patrol_schedules', 'patrol_shifts', 'patrol_shift_members', 'patrol_rounds',
    'patrol_round_participants', 'patrol_checkpoint_visits', 'patrol_residence_checks', 'patrol_incidents'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY %I ON %I USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()))',
      t || '_in_scope', t);
  END LOOP;
END $$;

-- Idempotency keys (draft-ietf-httpapi-idempotency-key-header): the first answer to a request, replayed when the same
-- account sends the same key again. Each account sees only its own keys. Purged after IDEMPOTENCY_DAYS by a job.
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION app_user_id() TO binh_an_app;

CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  idem_key text NOT NULL CHECK (length(idem_key) BETWEEN 1 AND 255),
  ward_id uuid,
  method text NOT NULL,
  route text NOT NULL,
  request_hash text NOT NULL,
  -- Null only inside the transaction that claimed the key; set with the record it answers for, before it commits.
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO binh_an_app;
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_own ON idempotency_keys
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
