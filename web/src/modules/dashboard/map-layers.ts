import { CHART_COLOURS } from './chart-options.ts';

/** What the map shows; each can be turned off. */
export type MapLayers = { tip: boolean; case: boolean; incident: boolean; routes: boolean; boundaries: boolean };

export const ALL_LAYERS: MapLayers = { tip: true, case: true, incident: true, routes: true, boundaries: true };

/** The points' colours: the Analysis Function palette in order, as in the charts (ux.md §5). */
export const KIND_COLOURS = { tip: CHART_COLOURS[0], case: CHART_COLOURS[2], incident: CHART_COLOURS[3] } as const;
export const ROUTE_COLOUR = CHART_COLOURS[1];
