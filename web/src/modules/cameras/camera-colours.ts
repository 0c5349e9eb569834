/** The colours of the camera map and its legend (kept apart from the map so that the legend does not load Leaflet). */
export const CAMERA_COLOURS = {
  ward: '#0b5cad',
  owner: '#00703c',
  broken: '#b3261e',
  blind: '#6f3198',
  site: '#b45309',
  block: '#6f3198',
} as const;
