-- Recorded outreach activities can be corrected (audited by the names of the fields changed), and an announcement still
-- a draft can be discarded (never once published: it has been read and sent).
ALTER TABLE outreach_activities ADD COLUMN updated_at timestamptz;
GRANT UPDATE ON outreach_activities TO binh_an_app;
GRANT DELETE ON outreach_announcements TO binh_an_app;
