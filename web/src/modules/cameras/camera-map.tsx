import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './cameras.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraMapData } from './api.ts';
import { CAMERA_COLOURS } from './camera-colours.ts';

type Props = { data: CameraMapData; blind: { lat: number; lng: number; label: string }[] };

/**
 * The cameras' fields of view drawn with Leaflet (loaded with this screen only): each camera's sector as a translucent
 * polygon (the ward's in blue, owners' in green, out of order in red, dashed), the camera as a dot, and the recent
 * incidents no camera sees as purple squares-as-circles: the blind spots.
 */
export default function CameraMapView({ data, blind }: Props) {
  const { t } = useTranslation();
  const element = useRef<HTMLElement>(null);
  const map = useRef<L.Map | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const created = L.map(element.current, { zoomControl: false, attributionControl: true, minZoom: 5, maxZoom: 19 });
    L.control.zoom({ zoomInTitle: t('camerasPage.map.zoomIn'), zoomOutTitle: t('camerasPage.map.zoomOut') }).addTo(created);
    created.attributionControl.setPrefix(false);
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
    };
  }, [t]);

  const tileUrl = data.tiles?.url ?? null;
  const attribution = data.tiles?.attribution ?? '';
  useEffect(() => {
    const m = map.current;
    if (!m || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, { attribution, maxZoom: 19, crossOrigin: false }).addTo(m);
    return () => {
      tiles.remove();
    };
  }, [tileUrl, attribution]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const group = L.featureGroup().addTo(m);
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
    const bounds = group.getBounds();
    if (bounds.isValid()) m.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
    else m.setView([16.0, 106.0], 6);
    return () => {
      group.remove();
    };
  }, [data, blind]);

  return <section ref={element} className="camera-map" aria-label={t('camerasPage.map.region')} />;
}
