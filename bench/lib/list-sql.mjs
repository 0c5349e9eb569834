// The first page as the application asks for it for an officer of one ward (findCasesInScope: the ward, newest
// discovered first with the keyset's tie-breakers, the unit's name, the assigned officers' names).
export const LIST_SQL = `SELECT c.*, u.name AS unit_name,
    (SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.display_name)), '[]') FROM users o WHERE o.id = ANY(c.officer_ids)) AS officers
  FROM cases c JOIN units u ON u.id = c.unit_id
  WHERE c.ward_id = $1
  ORDER BY c.discovered_on DESC, c.year DESC, c.seq DESC, c.id DESC LIMIT 51`;
