import { type Boundary, boundaryCentroid, type LatLng } from '@binh-an/domain';
import type { DbOrTx } from '../../platform/db.ts';
import { updateUnitGeometry } from '../units/index.ts';

/**
 * Where the demo's units lie: phường Lê Mao in the centre of Vinh (Nghệ An), around 18.67 N, 105.69 E, cut into its 9
 * blocks, inside phường Quang Trung (2024) and phường Thành Vinh (2025), with Trường Vinh to the south-east. The
 * outlines are plausible, not surveyed: each block is the part of the ward nearest its patrol checkpoint (so that the
 * demo's checkpoints fall in their own blocks), and the later wards are drawn around it at about their real size
 * (domain-vn.md §7: Quang Trung 2.12 km², Thành Vinh 15.5 km²). Positions are [longitude, latitude] (GeoJSON).
 */
type Ring = [number, number][];

const LE_MAO: Ring = [
  [105.6849, 18.6643],
  [105.6902, 18.6639],
  [105.6947, 18.665],
  [105.6951, 18.6702],
  [105.6944, 18.6756],
  [105.689, 18.6761],
  [105.6851, 18.6752],
  [105.6846, 18.67],
  [105.6849, 18.6643],
];

const BLOCKS: Record<string, Ring> = {
  'trung-my': [
    [105.6849, 18.6643],
    [105.68976, 18.66393],
    [105.68968, 18.66434],
    [105.68855, 18.66642],
    [105.68685, 18.66766],
    [105.6847, 18.66806],
    [105.6849, 18.6643],
  ],
  'tan-quang': [
    [105.69281, 18.67575],
    [105.69041, 18.67597],
    [105.68775, 18.67206],
    [105.68915, 18.67104],
    [105.68955, 18.67096],
    [105.69281, 18.67575],
  ],
  'yen-giang': [
    [105.69496, 18.66843],
    [105.6951, 18.6702],
    [105.69454, 18.67454],
    [105.69135, 18.66986],
    [105.69275, 18.66884],
    [105.69496, 18.66843],
  ],
  'tan-phuong': [
    [105.69095, 18.66994],
    [105.68955, 18.67096],
    [105.68915, 18.67104],
    [105.68685, 18.66766],
    [105.68855, 18.66642],
    [105.69095, 18.66994],
  ],
  'dao-phat': [
    [105.68976, 18.66393],
    [105.6902, 18.6639],
    [105.6947, 18.665],
    [105.69496, 18.66843],
    [105.69275, 18.66884],
    [105.68968, 18.66434],
    [105.68976, 18.66393],
  ],
  'hong-ngu': [
    [105.69041, 18.67597],
    [105.689, 18.6761],
    [105.6851, 18.6752],
    [105.68485, 18.6726],
    [105.68775, 18.67206],
    [105.69041, 18.67597],
  ],
  'my-thuong': [
    [105.69454, 18.67454],
    [105.6944, 18.6756],
    [105.69281, 18.67575],
    [105.68955, 18.67096],
    [105.69095, 18.66994],
    [105.69135, 18.66986],
    [105.69454, 18.67454],
  ],
  'tan-tien': [
    [105.68915, 18.67104],
    [105.68775, 18.67206],
    [105.68485, 18.6726],
    [105.6846, 18.67],
    [105.6847, 18.66806],
    [105.68685, 18.66766],
    [105.68915, 18.67104],
  ],
  'dong-lam': [
    [105.69275, 18.66884],
    [105.69135, 18.66986],
    [105.69095, 18.66994],
    [105.68855, 18.66642],
    [105.68968, 18.66434],
    [105.69275, 18.66884],
  ],
};

const QUANG_TRUNG: Ring = [
  [105.6788, 18.6621],
  [105.6925, 18.6608],
  [105.6989, 18.6655],
  [105.6992, 18.6738],
  [105.6957, 18.6798],
  [105.6846, 18.6806],
  [105.6781, 18.6752],
  [105.6788, 18.6621],
];

const THANH_VINH: Ring = [
  [105.6652, 18.6548],
  [105.6851, 18.6521],
  [105.7043, 18.6562],
  [105.7088, 18.6705],
  [105.7052, 18.6873],
  [105.6886, 18.6932],
  [105.6705, 18.6897],
  [105.6631, 18.6742],
  [105.6652, 18.6548],
];

const TRUONG_VINH: Ring = [
  [105.6872, 18.6335],
  [105.7095, 18.6322],
  [105.7208, 18.6418],
  [105.7176, 18.6541],
  [105.7021, 18.6549],
  [105.6883, 18.6498],
  [105.6872, 18.6335],
];

const TRUONG_VINH_BLOCKS: Record<string, Ring> = {
  'khoi-1': [
    [105.6883, 18.6345],
    [105.7012, 18.6338],
    [105.7021, 18.6442],
    [105.6886, 18.6451],
    [105.6883, 18.6345],
  ],
  'khoi-2': [
    [105.7012, 18.6338],
    [105.7151, 18.6372],
    [105.7163, 18.6465],
    [105.7021, 18.6442],
    [105.7012, 18.6338],
  ],
};

/** Schools are points: their gate. */
const SCHOOLS: Record<string, LatLng> = {
  'thcs-le-mao': { lat: 18.6684, lng: 105.6914 },
  'thpt-le-mao': { lat: 18.6729, lng: 105.6873 },
  'tc-nghe-le-mao': { lat: 18.6671, lng: 105.6877 },
};

const polygon = (ring: Ring): Boundary => ({ type: 'Polygon', coordinates: [ring] });

/**
 * Writes the demo's geometry. `ids` are the demo loader's unit ids: `le-mao`, `lm:<block>`, `tv:<block>`, `trv:<block>`,
 * and so on.
 */
export async function loadDemoGeometry(tx: DbOrTx, ids: Record<string, string>): Promise<void> {
  const set = async (key: string, boundary: Boundary | null, centroid?: LatLng) => {
    const id = ids[key];
    if (!id) return;
    await updateUnitGeometry(tx, id, { boundary, centroid: centroid ?? (boundary ? boundaryCentroid(boundary) : null) });
  };
  await set('province', null, { lat: 19.2342, lng: 104.92 });
  await set('vinh', null, { lat: 18.6796, lng: 105.6813 });
  await set('le-mao', polygon(LE_MAO));
  await set('quang-trung', polygon(QUANG_TRUNG));
  await set('thanh-vinh', polygon(THANH_VINH));
  await set('truong-vinh', polygon(TRUONG_VINH));
  for (const [code, ring] of Object.entries(BLOCKS)) {
    await set(`lm:${code}`, polygon(ring));
    await set(`tv:${code}`, polygon(ring));
  }
  for (const [code, ring] of Object.entries(TRUONG_VINH_BLOCKS)) await set(`trv:${code}`, polygon(ring));
  for (const [code, at] of Object.entries(SCHOOLS)) {
    await set(`lm:${code}`, null, at);
    await set(`tv:${code}`, null, at);
  }
}
