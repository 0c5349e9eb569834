-- The case-type catalogue (danh mục loại vụ việc), shared by every ward and kept by a province-level administrator:
-- each type's report group (where its cases are counted), its usual Penal Code article (the default for new cases)
-- and its names. Seeded with the built-in types of domain/src/cases (a test holds the two together). Types are
-- retired, never deleted: a retired type stays on the cases that have it.
CREATE TABLE case_types (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  report_group text NOT NULL
    CHECK (report_group IN ('drugs', 'firecrackers', 'theft_fraud', 'gambling', 'assault', 'disorder', 'traffic', 'other')),
  penal_code_article text CHECK (penal_code_article ~ '^[1-9][0-9]{0,2}[a-z]?$'),
  label_vi text NOT NULL CHECK (length(label_vi) BETWEEN 1 AND 120),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 120),
  active boolean NOT NULL DEFAULT true,
  builtin boolean NOT NULL DEFAULT false,
  position integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO case_types (code, report_group, penal_code_article, label_vi, label_en, builtin, position) VALUES
  ('drug_trading', 'drugs', '251', 'Mua bán trái phép chất ma túy', 'Illegal drug trading', true, 10),
  ('drug_transporting', 'drugs', '250', 'Vận chuyển trái phép chất ma túy', 'Illegal drug transporting', true, 20),
  ('drug_storing', 'drugs', '249', 'Tàng trữ trái phép chất ma túy', 'Illegal drug storing', true, 30),
  ('drug_organising_use', 'drugs', '255', 'Tổ chức sử dụng trái phép chất ma túy', 'Organising illegal drug use', true, 40),
  ('drug_harbouring_use', 'drugs', '256', 'Chứa chấp việc sử dụng trái phép chất ma túy', 'Harbouring illegal drug use', true, 50),
  ('drug_using', 'drugs', NULL, 'Sử dụng trái phép chất ma túy', 'Illegal drug use', true, 60),
  ('firecracker_trading', 'firecrackers', '190', 'Buôn bán pháo nổ', 'Trading firecrackers', true, 70),
  ('firecracker_storing', 'firecrackers', '191', 'Tàng trữ, vận chuyển pháo nổ', 'Storing or transporting firecrackers', true, 80),
  ('firecracker_using', 'firecrackers', NULL, 'Đốt pháo nổ', 'Setting off firecrackers', true, 90),
  ('explosives', 'firecrackers', '305', 'Vật liệu nổ, thuốc pháo', 'Explosives, firecracker powder', true, 100),
  ('theft', 'theft_fraud', '173', 'Trộm cắp tài sản', 'Theft', true, 110),
  ('fraud', 'theft_fraud', '174', 'Lừa đảo chiếm đoạt tài sản', 'Fraud', true, 120),
  ('abuse_of_trust', 'theft_fraud', '175', 'Lạm dụng tín nhiệm chiếm đoạt tài sản', 'Abuse of trust to appropriate property', true, 130),
  ('gambling', 'gambling', '321', 'Đánh bạc', 'Gambling', true, 140),
  ('gambling_organising', 'gambling', '322', 'Tổ chức đánh bạc, gá bạc', 'Organising gambling or running a gambling den', true, 150),
  ('assault', 'assault', '134', 'Cố ý gây thương tích', 'Intentional injury', true, 160),
  ('public_disorder', 'disorder', '318', 'Gây rối trật tự công cộng', 'Public disorder', true, 170),
  ('traffic', 'traffic', '260', 'Vi phạm quy định về tham gia giao thông đường bộ', 'Road traffic offence', true, 180),
  ('other', 'other', NULL, 'Khác', 'Other', true, 190);

GRANT SELECT, INSERT, UPDATE ON case_types TO binh_an_app;

-- A type's group decides where its cases are counted: moving a type to another group moves its cases with it, in
-- every ward. The cases policy only lets a role write its own wards' rows, so this one statement runs as the owner;
-- the service checks the permission (case.catalogue, province level) and audits it in the same transaction.
CREATE FUNCTION regroup_case_type(type_code text, new_group text) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  moved integer;
BEGIN
  UPDATE cases SET report_group = new_group, updated_at = now() WHERE type = type_code AND report_group <> new_group;
  GET DIAGNOSTICS moved = ROW_COUNT;
  RETURN moved;
END;
$$;
REVOKE ALL ON FUNCTION regroup_case_type(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION regroup_case_type(text, text) TO binh_an_app;

-- The case's number in the ward's own register before it was imported (sổ cũ): shown beside ours, matched on re-import.
ALTER TABLE cases ADD COLUMN ward_ref text CHECK (length(ward_ref) <= 50);
CREATE INDEX cases_ward_ref ON cases (ward_id, ward_ref) WHERE ward_ref IS NOT NULL;
-- The list sorts by the day discovered too.
CREATE INDEX cases_ward_discovered ON cases (ward_id, discovered_on DESC, year DESC, seq DESC);
