-- A province's own rules for the "An toàn về an ninh, trật tự" movement, kept by a province-level administrator:
-- criteria added to the national ones (TT 124/2021/TT-BCA Art. 8.1), each for some unit types and evaluation years,
-- and the least points of each class of the movement's classification (QĐ 510/QĐ-BCA-V05 2022; without a row the
-- defaults of domain/src/certification apply). Like the case-type catalogue they belong to no ward: every ward of the
-- province reads them, and only the service (certification.configure, province level, audited) writes them.
CREATE TABLE certification_province_criteria (
  province_id uuid NOT NULL REFERENCES units (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  article text NOT NULL CHECK (length(article) BETWEEN 1 AND 80),
  unit_types text[] NOT NULL
    CHECK (cardinality(unit_types) >= 1 AND unit_types <@ ARRAY['residential_area', 'ward', 'agency', 'enterprise', 'school']),
  evidence text[] NOT NULL
    CHECK (cardinality(evidence) >= 1 AND evidence <@ ARRAY['document', 'minutes', 'figure', 'attestation']),
  from_year integer NOT NULL CHECK (from_year BETWEEN 2012 AND 2100),
  to_year integer CHECK (to_year IS NULL OR to_year >= from_year),
  label_vi text NOT NULL CHECK (length(label_vi) BETWEEN 1 AND 500),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 500),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province_id, id)
);

CREATE TABLE certification_class_thresholds (
  province_id uuid NOT NULL REFERENCES units (id),
  cls text NOT NULL CHECK (cls IN ('excellent', 'good', 'average', 'weak')),
  min_points integer NOT NULL CHECK (min_points BETWEEN 0 AND 100),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province_id, cls)
);

GRANT SELECT, INSERT, UPDATE ON certification_province_criteria, certification_class_thresholds TO binh_an_app;

-- The province a unit lies in, for the wards' accounts (which do not see the units above their ward): its id, code
-- and name only.
CREATE FUNCTION certification_province_of(unit uuid) RETURNS TABLE (id uuid, code text, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p.id, p.code, p.name FROM units u JOIN units p ON p.path @> u.path
  WHERE u.id = unit AND p.type = 'province' ORDER BY nlevel(p.path) DESC LIMIT 1
$$;
REVOKE ALL ON FUNCTION certification_province_of(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION certification_province_of(uuid) TO binh_an_app;
