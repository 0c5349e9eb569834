-- Residence checks (kiểm tra tạm trú, tạm vắng): the ward's working tool, not a residence register (that is the national
-- residence database and VNeID). Places the ward watches, stay notifications hosts send it, temporary residents and
-- absences it knows of, and its inspections. Every table carries the ward first in its keys; ID numbers are sealed with a
-- keyed hash for exact look-up; names are searched without diacritics through f_unaccent.

CREATE TABLE residence_counters (
  ward_id uuid NOT NULL REFERENCES units (id),
  register text NOT NULL CHECK (register IN ('notification', 'inspection')),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (ward_id, register, year)
);

CREATE TABLE residence_places (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL,
  name text NOT NULL,
  address text NOT NULL,
  owner_name text NOT NULL,
  manager_name text,
  phone text,
  capacity integer CHECK (capacity IS NULL OR capacity >= 0),
  commitment_signed_on date,
  conditions_met boolean NOT NULL DEFAULT false,
  note text,
  active boolean NOT NULL DEFAULT true,
  import_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, import_key)
);
CREATE INDEX residence_places_unit ON residence_places (unit_id, active);
CREATE INDEX residence_places_name_trgm ON residence_places USING gin (f_unaccent(lower(name || ' ' || address || ' ' || owner_name)) gin_trgm_ops);

CREATE TABLE residence_notifications (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year integer NOT NULL,
  seq integer NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  place_id uuid,
  channel text NOT NULL CHECK (channel IN ('public_form', 'phone', 'in_person', 'email')),
  host_name text NOT NULL,
  -- The host's phone or e-mail, sealed; never logged.
  host_contact_enc text,
  host_verified boolean NOT NULL DEFAULT false,
  address text NOT NULL,
  arrival_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  on_time boolean NOT NULL,
  departure_on date,
  reason text,
  -- What the host agreed to on the public form (the text lives in the code by version: STAY_CONSENT_TEXTS).
  consent_version text,
  consent_text_sha256 text,
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, year, seq),
  FOREIGN KEY (ward_id, place_id) REFERENCES residence_places (ward_id, id)
);
CREATE INDEX residence_notifications_arrival ON residence_notifications (ward_id, arrival_at DESC);
CREATE INDEX residence_notifications_unit ON residence_notifications (unit_id, arrival_at);

CREATE TABLE residence_guests (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  notification_id uuid NOT NULL,
  full_name text NOT NULL,
  birth_date date,
  id_number_enc text,
  id_number_hash text,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, notification_id) REFERENCES residence_notifications (ward_id, id) ON DELETE CASCADE
);
CREATE INDEX residence_guests_notification ON residence_guests (ward_id, notification_id);
CREATE INDEX residence_guests_id_hash ON residence_guests (ward_id, id_number_hash);
CREATE INDEX residence_guests_name_trgm ON residence_guests USING gin (f_unaccent(lower(full_name)) gin_trgm_ops);

CREATE TABLE residence_inspections (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year integer NOT NULL,
  seq integer NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  place_id uuid,
  kind text NOT NULL CHECK (kind IN ('planned', 'unannounced')),
  status text NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
  planned_on date NOT NULL,
  done_at timestamptz,
  inspectors text NOT NULL,
  address text,
  patrol_round_id uuid,
  people_found integer NOT NULL DEFAULT 0 CHECK (people_found >= 0),
  discrepancies text,
  violations text[] NOT NULL DEFAULT '{}',
  measure text NOT NULL DEFAULT 'none' CHECK (measure IN ('none', 'reminder', 'warning', 'fine_referred')),
  follow_up text,
  follow_up_on date,
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, year, seq),
  FOREIGN KEY (ward_id, place_id) REFERENCES residence_places (ward_id, id),
  -- A round of the same ward only: the key starts with the ward, so a round of another ward is no oracle.
  FOREIGN KEY (ward_id, patrol_round_id) REFERENCES patrol_rounds (ward_id, id),
  CHECK (status <> 'done' OR done_at IS NOT NULL)
);
CREATE INDEX residence_inspections_done ON residence_inspections (ward_id, done_at DESC);
CREATE INDEX residence_inspections_unit ON residence_inspections (unit_id, done_at);

CREATE TABLE residence_people (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  place_id uuid,
  inspection_id uuid,
  kind text NOT NULL CHECK (kind IN ('temporary_residence', 'absence')),
  source text NOT NULL,
  full_name text NOT NULL,
  birth_date date,
  id_number_enc text,
  id_number_hash text,
  address text,
  from_on date NOT NULL,
  until_on date,
  reminded_on date,
  note text,
  import_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, import_key),
  FOREIGN KEY (ward_id, place_id) REFERENCES residence_places (ward_id, id),
  FOREIGN KEY (ward_id, inspection_id) REFERENCES residence_inspections (ward_id, id) ON DELETE SET NULL (inspection_id),
  CHECK (until_on IS NULL OR until_on >= from_on)
);
CREATE INDEX residence_people_until ON residence_people (ward_id, until_on);
CREATE INDEX residence_people_unit ON residence_people (unit_id, from_on);
CREATE INDEX residence_people_id_hash ON residence_people (ward_id, id_number_hash);
CREATE INDEX residence_people_name_trgm ON residence_people USING gin (f_unaccent(lower(full_name)) gin_trgm_ops);

-- The ward's own retention periods per record type (days); a missing row means the default in residence.rules.ts.
CREATE TABLE residence_retention (
  ward_id uuid NOT NULL REFERENCES units (id),
  record_type text NOT NULL CHECK (record_type IN ('notification', 'resident', 'inspection')),
  days integer NOT NULL CHECK (days BETWEEN 30 AND 3650),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, record_type)
);

-- One-time codes for a host's contact on the public form: only keyed hashes, for 10 minutes; no address, no agent.
CREATE TABLE residence_contact_codes (
  ward_id uuid NOT NULL REFERENCES units (id),
  id text NOT NULL,
  contact_hash text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (ward_id, id)
);
CREATE INDEX residence_contact_codes_expiry ON residence_contact_codes (expires_at);

GRANT SELECT, INSERT, UPDATE ON residence_counters, residence_places, residence_notifications, residence_inspections TO binh_an_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON residence_guests, residence_people, residence_retention TO binh_an_app;

ALTER TABLE residence_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY residence_counters_in_scope ON residence_counters
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE residence_places ENABLE ROW LEVEL SECURITY;
CREATE POLICY residence_places_in_scope ON residence_places
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE residence_notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY residence_notifications_in_scope ON residence_notifications
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE residence_guests ENABLE ROW LEVEL SECURITY;
CREATE POLICY residence_guests_in_scope ON residence_guests
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE residence_inspections ENABLE ROW LEVEL SECURITY;
CREATE POLICY residence_inspections_in_scope ON residence_inspections
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE residence_people ENABLE ROW LEVEL SECURITY;
CREATE POLICY residence_people_in_scope ON residence_people
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE residence_retention ENABLE ROW LEVEL SECURITY;
CREATE POLICY residence_retention_in_scope ON residence_retention
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
-- residence_contact_codes is written by the public form as the owner only: no grant, policies for safety.
ALTER TABLE residence_contact_codes ENABLE ROW LEVEL SECURITY;
