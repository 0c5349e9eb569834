import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { type RefObject, useEffect, useRef, useState } from 'react';

/** Where a map opens when there is nothing to show and no place to open on: the whole country. */
const COUNTRY_VIEW = { center: [16.0, 106.0] as L.LatLngTuple, zoom: 6 };

type LeafletMapOptions = {
  /** The zoom buttons' titles, in the user's language. */
  zoomInTitle: string;
  zoomOutTitle: string;
  /** The tile layer the server names (`MAP_TILE_URL`); without one the map draws on the blank ground of its CSS. */
  tiles: { url: string; attribution: string } | null | undefined;
};

/**
 * A Leaflet map in the element the caller renders (`element`): created once with the zoom buttons in the user's
 * language and no attribution prefix, the server's tile layer when it names one, removed when the element goes. The map
 * is state, so that the caller's drawing effects, which depend on it, run once it exists. Leaflet is imported here:
 * only screens loaded on demand may use this hook, which keeps Leaflet out of the first load.
 */
export function useLeafletMap({ zoomInTitle, zoomOutTitle, tiles }: LeafletMapOptions): {
  element: RefObject<HTMLElement | null>;
  map: L.Map | null;
} {
  const element = useRef<HTMLElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const created = L.map(element.current, { zoomControl: false, attributionControl: true, minZoom: 5, maxZoom: 19 });
    created.attributionControl.setPrefix(false);
    setMap(created);
    return () => {
      created.remove();
      setMap(null);
    };
  }, []);

  // The zoom buttons, titled again when the language changes.
  useEffect(() => {
    if (!map) return;
    const zoom = L.control.zoom({ zoomInTitle, zoomOutTitle }).addTo(map);
    return () => {
      zoom.remove();
    };
  }, [map, zoomInTitle, zoomOutTitle]);

  const tileUrl = tiles?.url ?? null;
  const attribution = tiles?.attribution ?? '';
  useEffect(() => {
    if (!map || !tileUrl) return;
    const layer = L.tileLayer(tileUrl, { attribution, maxZoom: 19, crossOrigin: false }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, tileUrl, attribution]);

  return { element, map };
}

/**
 * Opens a map on what is drawn (`bounds`, with a margin, never closer than street level), else on `center` (a unit's
 * place), else on the whole country.
 */
export function showOnMap(map: L.Map, bounds: L.LatLngBounds, center?: { lat: number; lng: number } | null): void {
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
  else if (center) map.setView([center.lat, center.lng], 15);
  else map.setView(COUNTRY_VIEW.center, COUNTRY_VIEW.zoom);
}
