-- Community cameras (mô hình "Camera cộng đồng"): the registry of residents', businesses' and the ward's cameras with their
-- fields of view, the ward's limits on footage requests, the requests (each citing a tip or a case) and the cameras they
-- asked with the owners' answers. Footage stays with the owners: only what an owner chooses to upload is kept, sealed.
-- Owners' names and contacts are sealed; a keyed hash of the contact groups one owner's cameras for the owner's page.

CREATE TABLE cameras (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('resident', 'business', 'ward')),
  source text NOT NULL CHECK (source IN ('staff', 'public')),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  address text NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  direction double precision NOT NULL CHECK (direction >= 0 AND direction < 360),
  angle double precision NOT NULL CHECK (angle > 0 AND angle <= 360),
  range_m double precision NOT NULL CHECK (range_m > 0 AND range_m <= 200),
  covers text[] NOT NULL DEFAULT '{}',
  retention_days integer NOT NULL CHECK (retention_days BETWEEN 1 AND 90),
  working boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  withdrawn_at timestamptz,
  withdraw_reason text,
  owner_name_enc text,
  contact_enc text,
  contact_hash text,
  channel text CHECK (channel IN ('sms', 'email', 'zalo')),
  contact_verified boolean NOT NULL DEFAULT false,
  -- The consent text's version the owner agreed to, and when; null for the ward's own cameras.
  consent_version text,
  consent_at timestamptz,
  -- Raised to invalidate the owner's earlier links.
  link_version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  CHECK (kind = 'ward' OR (contact_enc IS NOT NULL AND consent_version IS NOT NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX cameras_unit ON cameras (unit_id);
CREATE INDEX cameras_ward_status ON cameras (ward_id, status, working);
CREATE INDEX cameras_contact ON cameras (ward_id, contact_hash);

-- The ward's limits on footage requests (defaults 12 hours, 500 m), set by the chief; every change is audited.
CREATE TABLE camera_limits (
  ward_id uuid NOT NULL REFERENCES units (id),
  max_window_hours integer NOT NULL CHECK (max_window_hours BETWEEN 1 AND 24),
  max_radius_m integer NOT NULL CHECK (max_radius_m BETWEEN 10 AND 2000),
  reason text,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id)
);

CREATE TABLE footage_counters (
  ward_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (ward_id, year)
);

CREATE TABLE footage_requests (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  seq integer NOT NULL,
  reference text NOT NULL,
  reference_kind text NOT NULL CHECK (reference_kind IN ('tip', 'case')),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  lat double precision NOT NULL,
  lng double precision NOT NULL,
  radius_m integer NOT NULL CHECK (radius_m > 0),
  from_at timestamptz NOT NULL,
  to_at timestamptz NOT NULL,
  -- Beyond the default limits (within the ward's own): audited as an exception.
  exception boolean NOT NULL DEFAULT false,
  limits jsonb NOT NULL,
  requested_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, year, seq),
  CHECK (to_at > from_at)
);
CREATE INDEX footage_requests_ward_created ON footage_requests (ward_id, created_at DESC, id);

-- One row per camera a request asked, with the owner's answer (kept for good: owners see every request ever made).
CREATE TABLE footage_request_cameras (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL,
  camera_id uuid NOT NULL,
  distance_m double precision NOT NULL,
  notified boolean NOT NULL DEFAULT false,
  outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'share', 'no_footage', 'decline')),
  answered_at timestamptz,
  note text,
  file_key text,
  -- The file's own data key, sealed by the server key (platform/envelope.ts).
  file_data_key text,
  file_mime text,
  file_name text,
  file_quarantined boolean,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, request_id, camera_id),
  FOREIGN KEY (ward_id, request_id) REFERENCES footage_requests (ward_id, id),
  FOREIGN KEY (ward_id, camera_id) REFERENCES cameras (ward_id, id)
);
CREATE INDEX footage_request_cameras_camera ON footage_request_cameras (ward_id, camera_id);

-- One-time codes of the public registration form: keyed hashes only, for 10 minutes; written as the owner.
CREATE TABLE camera_contact_codes (
  ward_id uuid NOT NULL REFERENCES units (id),
  id text NOT NULL,
  contact_hash text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (ward_id, id)
);
CREATE INDEX camera_contact_codes_expiry ON camera_contact_codes (expires_at);

GRANT SELECT, INSERT, UPDATE ON cameras, camera_limits, footage_counters, footage_requests, footage_request_cameras TO binh_an_app;

-- Figures for a province-level reader (all wards) are counts only; the service never returns rows to them.
ALTER TABLE cameras ENABLE ROW LEVEL SECURITY;
CREATE POLICY cameras_in_scope ON cameras
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE camera_limits ENABLE ROW LEVEL SECURITY;
CREATE POLICY camera_limits_in_scope ON camera_limits
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE footage_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY footage_counters_in_scope ON footage_counters
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE footage_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY footage_requests_in_scope ON footage_requests
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE footage_request_cameras ENABLE ROW LEVEL SECURITY;
CREATE POLICY footage_request_cameras_in_scope ON footage_request_cameras
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
-- camera_contact_codes is written by the public form as the owner only: no grant; RLS for safety.
ALTER TABLE camera_contact_codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY camera_contact_codes_in_scope ON camera_contact_codes
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
