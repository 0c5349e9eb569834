import { z } from 'zod';
import { caseGroupSchema } from '../cases/cases.schemas.ts';
import { dateOnly, localeSchema } from '../common/common.schemas.ts';
import { boundaryViewSchema } from '../units/geometry.schemas.ts';
import { MAP_RECORD_KINDS } from './map.rules.ts';
import { REPORT_MAX_DAYS, reportFigureSchema, reportValueSchema } from './report.schemas.ts';

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * `GET /api/v1/reports/dashboard`, `/map` and `/rollup`: the unit by its code (or id) with its sub-units, and the period
 * (both days inclusive, Vietnam days), as the periodic report takes them; the language of the labels (the caller's
 * when absent).
 */
export const dashboardQuerySchema = z
  .strictObject({
    unit: z.string().min(1).max(100),
    from: dateOnly,
    to: dateOnly,
    lang: localeSchema.optional(),
  })
  .refine((v) => v.from <= v.to, { message: 'reports.periodInverted', path: ['to'] })
  .refine((v) => v.from > v.to || daysBetween(v.from, v.to) <= REPORT_MAX_DAYS, { message: 'reports.periodTooLong', path: ['to'] });
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const count = z.number().int().min(0);
const unitRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), type: z.string() });
const period = z.object({ from: z.string(), to: z.string(), label: z.string() });
const latLng = z.object({ lat: z.number(), lng: z.number() });

/**
 * The level a dashboard is drawn at: a block or school (`area`), a ward (commune, special zone), or a city or province
 * (`city`, where the wards are set side by side in the roll-up).
 */
export const DASHBOARD_LEVELS = ['area', 'ward', 'city'] as const;

/** The dashboard of a unit over a period (response; no transform). */
export const dashboardSchema = z.object({
  unit: unitRef,
  level: z.enum(DASHBOARD_LEVELS),
  period,
  previousPeriod: period,
  /**
   * The headline figures, as the periodic report states them (same counting, same small-count rule, same links): tips
   * received, cases and cases cleared with the clearance rate, rehab dossiers, patrol rounds and turns, block coverage.
   */
  headline: z.array(reportFigureSchema),
  /**
   * Month by month (Vietnam days): tips received, cases, patrol rounds and turns. Tips are counted for every reader, a
   * city's or province's too, within the reader's scope (the tip figures' database functions).
   */
  months: z.array(z.object({ month: z.string(), tips: count, cases: count, rounds: count, turns: count })),
  /** Cases of the period by report group, and how many of them are cleared. */
  casesByGroup: z.array(z.object({ group: caseGroupSchema, count, cleared: count })),
  /** Tips of the period by the category given at triage (`unclassified` before triage). */
  tipsByCategory: z.array(z.object({ category: z.string(), count })),
  /**
   * The blocks, schools and other units directly below a ward (a block's own figures at block level), each with its
   * tips, cases and the patrol rounds booked on it, and whether a round reached it (checkpoint or residence check); the
   * ward's own row (`isOwn`) holds what is booked on the ward itself. Empty above ward level (see the roll-up).
   */
  areas: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      type: z.string(),
      isActive: z.boolean(),
      isOwn: z.boolean(),
      tips: count,
      cases: count,
      rounds: count,
      /** Null for units that are not blocks (coverage counts blocks). */
      isReached: z.boolean().nullable(),
    }),
  ),
  /** Patrol coverage: blocks in force during the period, and those a round reached (as the report summary counts). */
  coverage: z.object({
    blocks: count,
    covered: count,
    rate: z.number().nullable(),
    uncovered: z.array(z.object({ id: z.uuid(), name: z.string() })),
  }),
  /** Work past its limit on the day of the dashboard (not bound to the period). */
  overdue: z.object({
    asOf: z.string(),
    /** Tips with a legal clock run out (tip.clocks.ts). */
    tips: count,
    /** Rehab dossiers past their 5-working-day compile limit; hidden ("< 5") like other small counts of people. */
    rehab: reportValueSchema,
    /** Cases still "received" more than `caseDays` days after they were discovered. */
    cases: count,
    caseDays: z.number().int(),
    caseBasis: z.string(),
    /** The lists behind each count, for readers allowed to open them. */
    links: z.object({ tips: z.string().nullable(), rehab: z.string().nullable(), cases: z.string().nullable() }),
  }),
  /** Whether small counts about people are hidden from this reader. */
  isSuppressed: z.boolean(),
  /**
   * The "An toàn về ANTT" recognitions in force during the period, the models and the awards: the periodic report's
   * certification figures (empty when the unit has no block, school or model).
   */
  certification: z.object({ isAvailable: z.boolean(), figures: z.array(reportFigureSchema) }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** The dashboard's map (response): areas with their boundaries and counts, points, patrol routes, and the tile source. */
export const dashboardMapSchema = z.object({
  unit: unitRef,
  period: z.object({ from: z.string(), to: z.string() }),
  /** The tile layer (`MAP_TILE_URL`), or null when the server runs without tiles: the map then draws on a blank ground. */
  tiles: z.object({ url: z.string(), attribution: z.string() }).nullable(),
  /** Whether records may be drawn where they happened (the ward police); otherwise every point is a unit's centroid. */
  isExact: z.boolean(),
  /** Where the map opens: the unit's centroid, or null when neither it nor any unit below has one. */
  center: latLng.nullable(),
  areas: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: z.string(),
      isActive: z.boolean(),
      centroid: latLng.nullable(),
      boundary: boundaryViewSchema.nullable(),
      tips: count,
      cases: count,
      incidents: count,
      rounds: count,
    }),
  ),
  points: z.array(
    z.object({
      kind: z.enum(MAP_RECORD_KINDS),
      lat: z.number(),
      lng: z.number(),
      count,
      precision: z.enum(['exact', 'area']),
      areaId: z.uuid().nullable(),
      /** The name of the unit a blurred point sits at (null for an exact one). */
      areaName: z.string().nullable(),
    }),
  ),
  /** Records not drawn because neither their unit nor any unit above it has a place on the map. */
  unplaced: z.object({ tip: count, case: count, incident: count }),
  /** Patrol routes with their checkpoints that have a position, for readers of the patrol log; null for others. */
  routes: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        checkpoints: z.array(z.object({ name: z.string(), lat: z.number(), lng: z.number() })),
      }),
    )
    .nullable(),
});
export type DashboardMap = z.infer<typeof dashboardMapSchema>;

const rollupFigures = z.object({
  tips: count,
  cases: count,
  cleared: count,
  clearanceRate: z.number().nullable(),
  rehab: reportValueSchema,
  rounds: count,
  turns: count,
});
export type RollupFigures = z.infer<typeof rollupFigures>;

const wardRef = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

/** The roll-up of a city or province: every ward side by side and their sum, mergers counted once (rollup.rules.ts). */
export const rollupSchema = z.object({
  unit: unitRef,
  period,
  rows: z.array(
    z.object({
      ward: wardRef,
      isInForce: z.boolean(),
      /** Merged wards whose figures in the period this row carries. */
      absorbed: z.array(wardRef),
      figures: rollupFigures,
    }),
  ),
  total: rollupFigures,
  isSuppressed: z.boolean(),
});
export type RollupView = z.infer<typeof rollupSchema>;
