-- Outreach (tuyên truyền): activities with their audiences, the loudspeaker script library (versions) and broadcast
-- schedule, announcements to residents (the public page and feed), residents' subscriptions (a verified contact, sealed,
-- with topics, blocks, quiet hours and the consent version), one delivery row per recipient and announcement, and
-- anonymous survey answers. The ward (the tenant) comes first in every key.

CREATE TABLE outreach_activities (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  type text NOT NULL CHECK (type IN ('block_meeting', 'organisation_meeting', 'loudspeaker', 'school_session', 'leaflet', 'media_article', 'security_day')),
  topic text NOT NULL,
  held_on date NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  organisers text,
  audience_total integer NOT NULL DEFAULT 0 CHECK (audience_total >= 0),
  audience_groups jsonb NOT NULL DEFAULT '{}',
  materials text[] NOT NULL DEFAULT '{}',
  note text,
  broadcast_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id)
);
CREATE INDEX outreach_activities_held ON outreach_activities (ward_id, held_on DESC, id DESC);
CREATE INDEX outreach_activities_unit ON outreach_activities (unit_id);

CREATE TABLE outreach_scripts (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  topic text NOT NULL,
  current_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id)
);

CREATE TABLE outreach_script_versions (
  ward_id uuid NOT NULL,
  script_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, script_id, version),
  FOREIGN KEY (ward_id, script_id) REFERENCES outreach_scripts (ward_id, id)
);

CREATE TABLE outreach_broadcasts (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  script_id uuid NOT NULL,
  script_version integer NOT NULL,
  system text NOT NULL CHECK (system IN ('ward', 'block')),
  airs_at timestamptz NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 240),
  aired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, script_id, script_version) REFERENCES outreach_script_versions (ward_id, script_id, version)
);
CREATE INDEX outreach_broadcasts_airs ON outreach_broadcasts (ward_id, airs_at);

CREATE TABLE outreach_announcements (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('news', 'alert')),
  topic text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  block_ids uuid[] NOT NULL DEFAULT '{}',
  urgent boolean NOT NULL DEFAULT false,
  survey boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id)
);
CREATE INDEX outreach_announcements_published ON outreach_announcements (ward_id, published_at DESC, id DESC);

-- A resident's subscription: no account; the contact is sealed, found by a keyed hash; deleted on unsubscribing.
CREATE TABLE outreach_subscribers (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'zalo')),
  contact_sealed text,
  contact_hash text,
  contact_hint text,
  topics text[] NOT NULL DEFAULT '{}',
  block_ids uuid[] NOT NULL DEFAULT '{}',
  quiet_from text CHECK (quiet_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_to text CHECK (quiet_to ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  consent_version text NOT NULL,
  consent_at timestamptz NOT NULL,
  code_hash text,
  code_expires_at timestamptz,
  code_attempts integer NOT NULL DEFAULT 0,
  verified_at timestamptz,
  unsubscribed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id)
);
CREATE INDEX outreach_subscribers_active ON outreach_subscribers (ward_id) WHERE verified_at IS NOT NULL AND unsubscribed_at IS NULL;

CREATE TABLE outreach_deliveries (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  announcement_id uuid NOT NULL,
  subscriber_id uuid NOT NULL,
  channel text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_at timestamptz,
  last_error text,
  provider_id text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  -- One delivery per recipient and announcement: a retry never makes a second one.
  UNIQUE (ward_id, announcement_id, subscriber_id),
  FOREIGN KEY (ward_id, announcement_id) REFERENCES outreach_announcements (ward_id, id),
  FOREIGN KEY (ward_id, subscriber_id) REFERENCES outreach_subscribers (ward_id, id)
);
CREATE INDEX outreach_deliveries_due ON outreach_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');

CREATE TABLE outreach_survey_answers (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  announcement_id uuid NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  answer text NOT NULL CHECK (answer IN ('safer', 'same', 'less_safe')),
  answered_on date NOT NULL,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, announcement_id) REFERENCES outreach_announcements (ward_id, id)
);

GRANT SELECT, INSERT ON outreach_activities, outreach_script_versions TO binh_an_app;
GRANT SELECT, INSERT, UPDATE ON outreach_scripts, outreach_broadcasts, outreach_announcements TO binh_an_app;
GRANT SELECT, INSERT ON outreach_deliveries TO binh_an_app;
GRANT SELECT ON outreach_subscribers, outreach_survey_answers TO binh_an_app;

ALTER TABLE outreach_activities ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_activities_in_scope ON outreach_activities
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE outreach_scripts ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_scripts_in_scope ON outreach_scripts
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE outreach_script_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_script_versions_in_scope ON outreach_script_versions
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE outreach_broadcasts ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_broadcasts_in_scope ON outreach_broadcasts
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE outreach_announcements ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_announcements_in_scope ON outreach_announcements
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
-- Subscriptions are written by the public pages and the delivery job as the owner; staff read counts and masked hints.
ALTER TABLE outreach_subscribers ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_subscribers_in_scope ON outreach_subscribers
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE outreach_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_deliveries_in_scope ON outreach_deliveries
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE outreach_survey_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_survey_answers_in_scope ON outreach_survey_answers
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
