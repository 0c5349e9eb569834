-- Search and order of the rehab dossier list by the person's name.
--
-- The name is stored in clear in rehab_dossiers.full_name, as in case_people.full_name: what is sealed in this register
-- is the ID number (with a keyed hash for exact look-up) and the documents. The name is read only through the scope
-- and the row-level policies of the table, and every list read is audited. So the list searches the name itself,
-- folded (unaccented, lower case) on both sides, with a trigram index, like the case register searches its people;
-- no sealed copy and no keyed hash of the name is needed, and nothing about the name leaves the table.

CREATE INDEX rehab_dossiers_name_trgm ON rehab_dossiers USING gin (lower(f_unaccent(full_name)) gin_trgm_ops);

-- A key that orders names as the staff app does (docs ux §6: given name, that is the last word, then family and middle
-- names; Vietnamese alphabetical order, Intl.Collator('vi')), without an ICU collation, which the embedded database
-- lacks. Compared byte by byte (COLLATE "C"), it sorts like the ICU `vi` collation for Vietnamese names:
--   1. letters without tone, each mapped to a code in Vietnamese order: a ă â b c d đ e ê … o ô ơ … u ư v … y z;
--   2. then the tones, one digit per character: ngang 0 < huyền 1 < hỏi 2 < ngã 3 < sắc 4 < nặng 5;
--   3. then the case, one digit per character (lower case first).
-- chr(1) separates the levels, so that a shorter name sorts before a longer one that starts the same.
CREATE OR REPLACE FUNCTION f_vi_name_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT
      translate(
        translate(l,
          'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
          'aaaaaăăăăăâââââeeeeeêêêêêiiiiioooooôôôôôơơơơơuuuuuưưưưưyyyyy'),
        'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz',
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg')
      || chr(1) ||
      regexp_replace(
        translate(translate(l, '123456789', '000000000'),
          'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
          '142351423514235142351423514235142351423514235142351423514235'),
        '[^0-5]', '0', 'g')
      || chr(1) ||
      regexp_replace(regexp_replace(o, '[^[:upper:]]', '0', 'g'), '[[:upper:]]', '1', 'g')
    FROM (SELECT o, lower(o) AS l
          FROM (SELECT rtrim(regexp_replace(n, '^.* ', '') || ' ' || regexp_replace(n, '[^ ]+$', '')) AS o
                FROM (SELECT regexp_replace(btrim(normalize(replace(name, 'Ð', 'Đ'), NFC)), '\s+', ' ', 'g') AS n) AS spaced
               ) AS given_first
         ) AS folded
  $$;

CREATE INDEX rehab_dossiers_name_key ON rehab_dossiers ((f_vi_name_key(full_name)) COLLATE "C");
