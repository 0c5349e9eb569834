-- A tip's sender learns only that their information was used in a case, never which case (issue: cases and results).
ALTER TABLE tips ADD COLUMN used_in_case boolean NOT NULL DEFAULT false;
