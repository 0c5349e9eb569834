-- Materials attached to an outreach activity (leaflets, outlines, slides, photos): files in the blob store, pictures
-- re-encoded without metadata. Public information, not personal data: stored unsealed.
CREATE TABLE outreach_materials (
  ward_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  mime text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  storage_key text NOT NULL,
  uploaded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, id),
  FOREIGN KEY (ward_id, activity_id) REFERENCES outreach_activities (ward_id, id)
);
CREATE INDEX outreach_materials_activity ON outreach_materials (ward_id, activity_id);

GRANT SELECT, INSERT ON outreach_materials TO binh_an_app;
ALTER TABLE outreach_materials ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_materials_in_scope ON outreach_materials
  USING (app_all_wards() OR ward_id = ANY (app_ward_ids())) WITH CHECK (ward_id = ANY (app_ward_ids()));
