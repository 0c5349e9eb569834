import type { DashboardMap } from '@binh-an/domain';
import L from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { showOnMap, useLeafletMap } from '../../ui/use-leaflet-map.ts';
import { circleRadius } from './dashboard-model.ts';
import { KIND_COLOURS, type MapLayers, ROUTE_COLOUR } from './map-layers.ts';

type DashboardMapViewProps = { data: DashboardMap; layers: MapLayers };

/**
 * The map, drawn with Leaflet (loaded with this screen only): the tile layer when the server names one, the outlines of
 * the unit and its blocks, tips, cases and incidents as translucent circles whose area grows with their number, and
 * the patrol routes with their checkpoints. Circles rather than a heat-map plugin: for readers who are not police every
 * point is a block's centroid, and a heat blur over a few centroids would suggest a precision the data does not have;
 * a circle says "this many, somewhere in this block", carries a tooltip, and needs no extra library.
 */
export default function DashboardMapView({ data, layers }: DashboardMapViewProps) {
  const { t } = useTranslation();
  // The map itself, once, and the tiles only when the server has a tile source (MAP_TILE_URL); otherwise the blank
  // ground of dashboard.css.
  const { element, map } = useLeafletMap({
    zoomInTitle: t('mapPage.zoomIn'),
    zoomOutTitle: t('mapPage.zoomOut'),
    tiles: data.tiles,
  });

  // What is drawn: outlines, points and routes; redrawn when the data or the chosen layers change.
  useEffect(() => {
    if (!map) return;
    const group = L.featureGroup().addTo(map);
    let unitOutline: L.Layer | null = null;
    if (layers.boundaries) {
      for (const area of data.areas) {
        if (!area.boundary) continue;
        const isUnit = area.id === data.unit.id;
        const outline = L.geoJSON(area.boundary as GeoJSON.Geometry, {
          style: {
            color: isUnit ? '#0b0c0c' : '#505a5f',
            weight: isUnit ? 3 : 1.5,
            dashArray: area.isActive ? undefined : '4 4',
            fill: !isUnit,
            fillOpacity: 0.04,
          },
        })
          .bindTooltip(area.name, { sticky: true })
          .addTo(group);
        if (isUnit) unitOutline = outline;
      }
    }
    const shown = data.points.filter((p) => layers[p.kind]);
    const max = Math.max(0, ...shown.map((p) => p.count));
    const templates = { tip: 'mapPage.pointTip', case: 'mapPage.pointCase', incident: 'mapPage.pointIncident' } as const;
    // Larger circles first, so that smaller ones at the same place stay on top and reachable.
    for (const p of [...shown].sort((a, b) => b.count - a.count)) {
      const place = p.precision === 'exact' ? t('mapPage.recordedPlace') : (p.areaName ?? data.unit.name);
      L.circleMarker([p.lat, p.lng], {
        radius: circleRadius(p.count, max),
        color: KIND_COLOURS[p.kind],
        weight: p.precision === 'exact' ? 3 : 1,
        fillColor: KIND_COLOURS[p.kind],
        fillOpacity: 0.35,
      })
        .bindTooltip(t(templates[p.kind], { place, n: formatNumber(p.count) }))
        .addTo(group);
    }
    if (layers.routes) {
      for (const route of data.routes ?? []) {
        const line = route.checkpoints.map((c) => L.latLng(c.lat, c.lng));
        if (line.length > 1) L.polyline(line, { color: ROUTE_COLOUR, weight: 3, dashArray: '6 6' }).bindTooltip(route.name).addTo(group);
        route.checkpoints.forEach((c, i) => {
          L.circleMarker([c.lat, c.lng], { radius: 4, color: ROUTE_COLOUR, weight: 2, fillColor: '#ffffff', fillOpacity: 1 })
            .bindTooltip(t('mapPage.checkpoint', { n: i + 1, name: c.name }))
            .addTo(group);
        });
      }
    }
    // Open on what is drawn inside the unit (a merged ward is many times the size of its old blocks), else on the unit.
    const inner = L.latLngBounds([]);
    group.eachLayer((layer) => {
      if (layer !== unitOutline && 'getBounds' in layer) inner.extend((layer as L.FeatureGroup).getBounds());
      else if (layer !== unitOutline && 'getLatLng' in layer) inner.extend((layer as L.CircleMarker).getLatLng());
    });
    showOnMap(map, inner.isValid() ? inner : group.getBounds(), data.center);
    return () => {
      group.remove();
    };
  }, [map, data, layers, t]);

  return <section ref={element} className="dashboard-map" aria-label={t('mapPage.region', { unit: data.unit.name })} />;
}
