-- The unit tree: province → (historic district) → ward/commune → block, with schools, agencies and enterprises
-- attached to a ward. A unit never changes parent: a reorganisation closes units (valid_to) and opens successors.
CREATE TABLE units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES units (id),
  ward_id uuid REFERENCES units (id),
  path ltree NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('province', 'district', 'ward', 'commune', 'special_zone', 'block', 'school', 'agency', 'enterprise')),
  school_level text CHECK (school_level IN ('nursery', 'preschool', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'university', 'other')),
  valid_from date,
  valid_to date,
  is_demo boolean NOT NULL DEFAULT false,
  contact_phone text,
  contact_email text,
  contact_address text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT units_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
  CONSTRAINT units_school_level CHECK ((type = 'school') = (school_level IS NOT NULL)),
  CONSTRAINT units_code_per_parent UNIQUE (parent_id, code)
);
CREATE UNIQUE INDEX units_root_code ON units (code) WHERE parent_id IS NULL;
CREATE INDEX units_path_gist ON units USING gist (path);
CREATE INDEX units_ward ON units (ward_id);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_name_trgm ON units USING gin (f_unaccent(lower(name)) gin_trgm_ops);

-- Predecessor links: the 2025 mergers (Lê Mao → Quang Trung → Thành Vinh) keep their history this way.
CREATE TABLE unit_predecessors (
  unit_id uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  predecessor_id uuid NOT NULL REFERENCES units (id),
  PRIMARY KEY (unit_id, predecessor_id),
  CHECK (unit_id <> predecessor_id)
);
CREATE INDEX unit_predecessors_pred ON unit_predecessors (predecessor_id);

-- The tree path and the owning ward are derived from the parent, never sent by a client.
CREATE FUNCTION units_derive() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  parent record;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.type <> OLD.type) THEN
    RAISE EXCEPTION 'a unit never changes parent or type' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    NEW.path := OLD.path;
    NEW.ward_id := OLD.ward_id;
    NEW.updated_at := now();
    RETURN NEW;
  END IF;
  IF NEW.parent_id IS NULL THEN
    NEW.path := text2ltree('u' || replace(NEW.id::text, '-', ''));
    NEW.ward_id := NULL;
  ELSE
    SELECT u.path, u.ward_id INTO parent FROM units u WHERE u.id = NEW.parent_id;
    NEW.path := parent.path || text2ltree('u' || replace(NEW.id::text, '-', ''));
    NEW.ward_id := parent.ward_id;
  END IF;
  IF NEW.type IN ('ward', 'commune', 'special_zone') THEN
    NEW.ward_id := NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER units_derive BEFORE INSERT OR UPDATE ON units FOR EACH ROW EXECUTE FUNCTION units_derive();
