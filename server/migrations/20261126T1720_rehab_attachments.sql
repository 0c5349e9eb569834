-- The typed documents of a rehab dossier (health and criminal data): each file sealed under its own data key, which is
-- sealed by the key outside the database; names sealed too.
CREATE TABLE rehab_attachments (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  kind text NOT NULL,
  mime text NOT NULL,
  size integer NOT NULL,
  name_enc text NOT NULL,
  data_key text NOT NULL,
  storage_key text NOT NULL UNIQUE,
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, dossier_id) REFERENCES rehab_dossiers (ward_id, id) ON DELETE CASCADE
);
CREATE INDEX rehab_attachments_dossier ON rehab_attachments (ward_id, dossier_id);

GRANT SELECT, INSERT ON rehab_attachments TO binh_an_app;
ALTER TABLE rehab_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY rehab_attachments_in_scope ON rehab_attachments
  USING (ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
