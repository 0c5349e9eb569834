import { bearingDegrees, greatCircleMetres, sectorPolygon } from '@binh-an/domain';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { showOnMap, useLeafletMap } from '../../ui/use-leaflet-map.ts';
import type { CameraMapData } from './api.ts';
import { CAMERA_COLOURS } from './camera-colours.ts';
import './cameras.css';

type View = { lat: number; lng: number; direction: number; angle: number; range: number };
type Props = {
  value: Partial<View>;
  onChange: (patch: Partial<View>) => void;
  context: CameraMapData | undefined;
};

const complete = (v: Partial<View>): v is View =>
  [v.lat, v.lng, v.direction, v.angle, v.range].every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * Draws a camera's field of view on the map (loaded with the form only): the first click places the camera, the next
 * click points it (the direction, and the range up to 200 m) at what it sees. The numeric fields beside it stay the
 * accessible way to enter the same values; the other cameras of the ward are drawn faintly for orientation.
 */
export default function PositionPicker({ value, onChange, context }: Props) {
  const { t } = useTranslation();
  const { element, map } = useLeafletMap({
    zoomInTitle: t('camerasPage.map.zoomIn'),
    zoomOutTitle: t('camerasPage.map.zoomOut'),
    tiles: context?.tiles,
  });
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  // Opens on the whole country until the centring below has somewhere to go; inside a dialog the map is laid out after
  // its opening transition: measure again then.
  useEffect(() => {
    if (!map) return;
    showOnMap(map, L.latLngBounds([]));
    const resize = window.setTimeout(() => map.invalidateSize(), 300);
    return () => {
      window.clearTimeout(resize);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    const place = (e: L.LeafletMouseEvent) => {
      const { value: v, onChange: change } = latest.current;
      const at = { lat: Number(e.latlng.lat.toFixed(6)), lng: Number(e.latlng.lng.toFixed(6)) };
      if (typeof v.lat !== 'number' || typeof v.lng !== 'number' || !Number.isFinite(v.lat) || !Number.isFinite(v.lng)) {
        change(at);
        return;
      }
      const from = { lat: v.lat, lng: v.lng };
      const distance = greatCircleMetres(from, at);
      if (distance < 2) return;
      change({ direction: Math.round(bearingDegrees(from, at)), range: Math.min(200, Math.max(2, Math.round(distance))) });
    };
    map.on('click', place);
    return () => {
      map.off('click', place);
    };
  }, [map]);

  // Centred once: on the camera being changed, else on the ward's cameras when they have loaded.
  const centred = useRef(false);
  useEffect(() => {
    if (!map) return;
    const group = L.featureGroup().addTo(map);
    const hasPlace =
      typeof value.lat === 'number' && typeof value.lng === 'number' && Number.isFinite(value.lat) && Number.isFinite(value.lng);
    if (!centred.current) {
      const bounds = L.latLngBounds((context?.cameras ?? []).map((c) => L.latLng(c.lat, c.lng)));
      if (hasPlace) map.setView([value.lat as number, value.lng as number], 18);
      else if (bounds.isValid()) showOnMap(map, bounds);
      centred.current = hasPlace || bounds.isValid();
    }
    for (const c of context?.cameras ?? []) {
      L.polygon(
        c.sector.map(([lng, lat]) => L.latLng(lat, lng)),
        { color: '#505a5f', weight: 1, fillOpacity: 0.05, interactive: false },
      ).addTo(group);
    }
    if (hasPlace) {
      if (complete(value)) {
        L.polygon(
          sectorPolygon(value).map(([lng, lat]) => L.latLng(lat, lng)),
          { color: CAMERA_COLOURS.ward, weight: 2, fillColor: CAMERA_COLOURS.ward, fillOpacity: 0.25, interactive: false },
        ).addTo(group);
      }
      L.circleMarker([value.lat as number, value.lng as number], {
        radius: 5,
        color: CAMERA_COLOURS.ward,
        weight: 3,
        fillColor: '#ffffff',
        fillOpacity: 1,
      }).addTo(group);
    }
    return () => {
      group.remove();
    };
  }, [map, value, context]);

  return <section ref={element} className="camera-map camera-map-small" aria-label={t('camerasPage.fields.mapLabel')} />;
}
