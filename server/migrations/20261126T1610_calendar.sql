-- The working-day calendar (lịch ngày làm việc): Monday to Friday are working days and Saturday and Sunday rest days
-- (Decision 188/1999/QĐ-TTg), except the days stored here: holidays and compensatory days off on weekdays, weekend
-- days that are working days, and any day an administrator named. Deployment-wide: not scoped by ward.
CREATE TABLE calendar_days (
  day date PRIMARY KEY,
  is_working boolean NOT NULL,
  kind text NOT NULL CHECK (kind IN ('weekend', 'holiday', 'tet', 'compensatory', 'working_weekend', 'custom')),
  name text NOT NULL,
  -- 'seed': computed from the law and date-holidays when the year was first needed; 'admin': set by an administrator,
  -- never overwritten by seeding.
  source text NOT NULL CHECK (source IN ('seed', 'admin')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The years already seeded, so that seeding happens once per year and a reset can tell a seeded year from a new one.
CREATE TABLE calendar_years (
  year int PRIMARY KEY,
  seeded_at timestamptz DEFAULT now()
);

-- Every request may read the calendar and seed a year on first use; changes are checked by the service
-- (calendar.manage, administrators only) and recorded in the audit log.
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_days TO binh_an_app;
GRANT SELECT, INSERT ON calendar_years TO binh_an_app;
