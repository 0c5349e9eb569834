-- Where a unit lies on the map: an optional boundary (a GeoJSON Polygon or MultiPolygon, RFC 7946: [longitude, latitude]
-- in WGS 84) and an optional centroid, the point the dashboard's map blurs the unit's records to for readers who are not
-- police. Both are kept by the administrator; the application checks the GeoJSON in full (domain units/geometry.schemas.ts),
-- the database only its outline.
ALTER TABLE units
  ADD COLUMN centroid_lat double precision CHECK (centroid_lat BETWEEN -90 AND 90),
  ADD COLUMN centroid_lng double precision CHECK (centroid_lng BETWEEN -180 AND 180),
  ADD COLUMN boundary jsonb CHECK (
    boundary IS NULL OR (jsonb_typeof(boundary) = 'object' AND boundary ->> 'type' IN ('Polygon', 'MultiPolygon')
      AND jsonb_typeof(boundary -> 'coordinates') = 'array')
  ),
  ADD CONSTRAINT units_centroid_pair CHECK ((centroid_lat IS NULL) = (centroid_lng IS NULL));
