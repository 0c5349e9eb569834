import L from 'leaflet';
import './cameras.css';
import type { Boundary } from '@binh-an/domain';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showOnMap, useLeafletMap } from '../../ui/use-leaflet-map.ts';
import type { CameraMapData } from './api.ts';
import { CAMERA_COLOURS } from './camera-colours.ts';

type Point = { lat: number; lng: number; label: string };
type Props = {
  data: CameraMapData;
  blind: Point[];
  /** The ranked places where the next camera would help most, drawn with their rank. */
  sites?: (Point & { rank: number })[];
  /** The blocks with most incidents out of view, outlined. */
  highlighted?: { name: string; boundary: Boundary | null }[];
};

/** A GeoJSON polygon or multipolygon as Leaflet rings ([latitude, longitude]). */
const ringsOf = (b: Boundary): L.LatLngExpression[][][] =>
  (b.type === 'Polygon' ? [b.coordinates] : b.coordinates).map((rings) => rings.map((r) => r.map(([lng = 0, lat = 0]) => [lat, lng])));

/**
 * The cameras' fields of view drawn with Leaflet (loaded with this screen only): each camera's sector as a translucent
 * polygon (the ward's in blue, owners' in green, out of order in red, dashed), the camera as a dot, and the recent
 * incidents no camera sees as purple circles (the blind spots), the ranked places where the next camera would help as
 * numbered orange markers, and the blocks with most incidents out of view outlined in purple.
 */
export default function CameraMapView({ data, blind, sites = [], highlighted = [] }: Props) {
  const { t } = useTranslation();
  const { element, map } = useLeafletMap({
    zoomInTitle: t('camerasPage.map.zoomIn'),
    zoomOutTitle: t('camerasPage.map.zoomOut'),
    tiles: data.tiles,
  });

  useEffect(() => {
    if (!map) return;
    const group = L.featureGroup().addTo(map);
    for (const b of highlighted) {
      if (!b.boundary) continue;
      L.polygon(ringsOf(b.boundary), { color: CAMERA_COLOURS.block, weight: 3, dashArray: '8 6', fillOpacity: 0.06 })
        .bindTooltip(b.name, { sticky: true })
        .addTo(group);
    }
    for (const c of data.cameras) {
      const colour = !c.working ? CAMERA_COLOURS.broken : c.kind === 'ward' ? CAMERA_COLOURS.ward : CAMERA_COLOURS.owner;
      L.polygon(
        c.sector.map(([lng, lat]) => L.latLng(lat, lng)),
        { color: colour, weight: 1, fillColor: colour, fillOpacity: 0.2, dashArray: c.working ? undefined : '4 4' },
      )
        .bindTooltip(c.label, { sticky: true })
        .addTo(group);
      L.circleMarker([c.lat, c.lng], { radius: 3, color: colour, weight: 2, fillColor: '#ffffff', fillOpacity: 1 }).addTo(group);
    }
    for (const b of blind) {
      L.circleMarker([b.lat, b.lng], {
        radius: 7,
        color: CAMERA_COLOURS.blind,
        weight: 3,
        fillColor: CAMERA_COLOURS.blind,
        fillOpacity: 0.3,
      })
        .bindTooltip(b.label)
        .addTo(group);
    }
    for (const s of sites) {
      L.marker([s.lat, s.lng], {
        icon: L.divIcon({ className: 'camera-site-marker', html: String(s.rank), iconSize: [24, 24] }),
        title: s.label,
        alt: s.label,
        keyboard: false,
      })
        .bindTooltip(s.label)
        .addTo(group);
    }
    showOnMap(map, group.getBounds());
    return () => {
      group.remove();
    };
  }, [map, data, blind, sites, highlighted]);

  return <section ref={element} className="camera-map" aria-label={t('camerasPage.map.region')} />;
}
