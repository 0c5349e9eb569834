-- The vote that elected a team leader (Luật Hòa giải ở cơ sở 2013 Art. 14.1; more than half of the team's mediators,
-- NQLT 01/2014): mediators in favour and the team's mediators on the day. Null for members and for leaders recorded
-- before the vote was kept.
ALTER TABLE mediation_members
  ADD COLUMN leader_votes_for integer,
  ADD COLUMN leader_votes_total integer,
  ADD CONSTRAINT mediation_members_leader_vote CHECK (
    (leader_votes_for IS NULL AND leader_votes_total IS NULL)
    OR (leader_votes_total >= 1 AND leader_votes_for >= 0 AND leader_votes_for <= leader_votes_total)
  );
