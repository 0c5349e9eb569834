-- A movement model's effect read from another module's records: which figure of the report summary measures it
-- (patrol rounds for a people's patrol team, tips for the tip mailbox, settled disputes for self-mediation, cleared
-- cases for community cameras).
ALTER TABLE certification_models
  ADD COLUMN figure_source text CHECK (figure_source IN ('patrols', 'tips', 'mediation', 'cases'));
