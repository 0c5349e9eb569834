-- The tip mailbox (hòm thư tố giác tội phạm). Everything a sender wrote is sealed with the tip's own data key, which is
-- itself sealed with a key held outside the database; the database never sees plaintext, IP addresses or user agents.
-- Sender-side times are kept to the day (received_on, last_activity_on); officers' actions keep their time.

-- Remote mountain or island communes get 48 hours instead of 24 to transfer urgent tips (TTLT 01/2017 Art. 8.5(a)).
ALTER TABLE units ADD COLUMN is_remote boolean NOT NULL DEFAULT false;

CREATE TABLE tip_counters (
  ward_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (ward_id, year)
);

CREATE TABLE tips (
  ward_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  seq integer NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'mailbox', 'hotline', 'in_person', 'post', 'vneid', 'other')),
  reporter_identity text NOT NULL CHECK (reporter_identity IN ('anonymous', 'identified', 'refused')),
  classification text CHECK (classification IN ('to_giac', 'tin_bao', 'kien_nghi_khoi_to', 'administrative', 'dispute', 'spam')),
  category text CHECK (category IN ('drugs', 'theft', 'fraud', 'gambling', 'firecrackers', 'disorder', 'traffic', 'other')),
  urgency text CHECK (urgency IN ('urgent', 'normal')),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'verifying', 'transferred', 'closed', 'spam')),
  received_on date NOT NULL,
  -- When an officer took the tip into the intake register: the legal clocks run from here.
  accepted_at timestamptz,
  accepted_by uuid REFERENCES users (id),
  assigned_to uuid REFERENCES users (id),
  data_key text NOT NULL,
  body_enc text NOT NULL,
  contact_enc text,
  anonymous_check jsonb,
  transferred_at timestamptz,
  transferred_to text,
  outcome text CHECK (outcome IN ('prosecuted', 'not_prosecuted', 'suspended')),
  outcome_on date,
  extension_until date,
  close_reason text CHECK (close_reason IN ('prosecuted', 'not_prosecuted', 'suspended', 'administrative_handled', 'sent_to_mediation', 'not_criminal', 'anonymous_unverifiable', 'duplicate')),
  closed_at timestamptz,
  -- The legal clocks, fixed when the tip is triaged (by the law in force on its day) and kept with it.
  intake_due_on date,
  transfer_due_at timestamptz,
  receipt_notice_due_on date,
  receipt_notice_sent_on date,
  agency_due_on date,
  -- The earliest clock still running, for sorting the inbox and counting overdue tips.
  next_due_at timestamptz,
  receipt_hash text UNIQUE,
  last_activity_on date NOT NULL,
  has_unread_from_sender boolean NOT NULL DEFAULT false,
  PRIMARY KEY (ward_id, id),
  UNIQUE (ward_id, year, seq)
);
CREATE INDEX tips_ward_status ON tips (ward_id, status, next_due_at);
CREATE INDEX tips_ward_assigned ON tips (ward_id, assigned_to);
CREATE INDEX tips_ward_unit ON tips (ward_id, unit_id);

-- The dialogue: the sender's messages, officers' questions to the sender, and internal notes between officers.
CREATE TABLE tip_messages (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  tip_id uuid NOT NULL,
  n bigint GENERATED ALWAYS AS IDENTITY,
  author text NOT NULL CHECK (author IN ('sender', 'officer')),
  to_sender boolean NOT NULL DEFAULT false,
  author_id uuid REFERENCES users (id),
  body_enc text NOT NULL,
  created_on date NOT NULL,
  created_at timestamptz,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, tip_id) REFERENCES tips (ward_id, id) ON DELETE CASCADE,
  CHECK ((author = 'sender') = (created_at IS NULL))
);
CREATE INDEX tip_messages_tip ON tip_messages (ward_id, tip_id, n);

-- Attachments: the encrypted bytes live in files under DATA_DIR, named by a random key; the name is sealed too.
CREATE TABLE tip_files (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  tip_id uuid NOT NULL,
  n bigint GENERATED ALWAYS AS IDENTITY,
  uploaded_by text NOT NULL CHECK (uploaded_by IN ('sender', 'officer')),
  kind text NOT NULL CHECK (kind IN ('image', 'document', 'audio', 'video')),
  mime text NOT NULL,
  size integer NOT NULL,
  name_enc text NOT NULL,
  storage_key text NOT NULL UNIQUE,
  quarantined boolean NOT NULL,
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, tip_id) REFERENCES tips (ward_id, id) ON DELETE CASCADE
);
CREATE INDEX tip_files_tip ON tip_files (ward_id, tip_id, n);

GRANT SELECT, INSERT, UPDATE ON tips TO binh_an_app;
GRANT SELECT, INSERT ON tip_messages, tip_files TO binh_an_app;
GRANT SELECT, INSERT, UPDATE ON tip_counters TO binh_an_app;

ALTER TABLE tips ENABLE ROW LEVEL SECURITY;
CREATE POLICY tips_in_scope ON tips
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE tip_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tip_messages_in_scope ON tip_messages
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE tip_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY tip_files_in_scope ON tip_files
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
ALTER TABLE tip_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tip_counters_in_scope ON tip_counters
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
