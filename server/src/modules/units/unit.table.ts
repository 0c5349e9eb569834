import { boolean, date, doublePrecision, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  parentId: uuid('parent_id'),
  wardId: uuid('ward_id'),
  // Derived by the units_derive trigger from the parent; never written by the application.
  path: text('path')
    .notNull()
    .$defaultFn(() => ''),
  code: text('code').notNull(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  schoolLevel: text('school_level'),
  validFrom: date('valid_from'),
  validTo: date('valid_to'),
  isDemo: boolean('is_demo').notNull().default(false),
  isRemote: boolean('is_remote').notNull().default(false),
  contactPhone: text('contact_phone'),
  contactEmail: text('contact_email'),
  contactAddress: text('contact_address'),
  note: text('note'),
  // Where the unit lies on the map (migration 20261126T2000): a centroid and a GeoJSON boundary, both optional.
  centroidLat: doublePrecision('centroid_lat'),
  centroidLng: doublePrecision('centroid_lng'),
  boundary: jsonb('boundary'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const unitPredecessors = pgTable(
  'unit_predecessors',
  {
    unitId: uuid('unit_id').notNull(),
    predecessorId: uuid('predecessor_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.predecessorId] })],
);
