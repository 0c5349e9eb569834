-- A survey sent on its own after a patrol period ("do you feel safer?"), not attached to a news item: an announcement
-- of kind 'survey' naming the period it asks about.
ALTER TABLE outreach_announcements DROP CONSTRAINT outreach_announcements_kind_check;
ALTER TABLE outreach_announcements ADD CONSTRAINT outreach_announcements_kind_check CHECK (kind IN ('news', 'alert', 'survey'));
ALTER TABLE outreach_announcements ADD COLUMN period_from date;
ALTER TABLE outreach_announcements ADD COLUMN period_to date;
ALTER TABLE outreach_announcements ADD CONSTRAINT outreach_announcements_period_check
  CHECK ((kind = 'survey') = (period_from IS NOT NULL AND period_to IS NOT NULL) AND (period_from IS NULL OR period_from <= period_to) AND (kind <> 'survey' OR survey));
