import { z } from 'zod';

/**
 * Units a seized quantity is recorded in. Mass and volume convert within their dimension (mg, g, kg; ml, l); each
 * count unit (cái/chiếc, viên, gói) and money (đồng) stands alone; `other` is never added to anything.
 */
export const QUANTITY_UNITS = ['mg', 'g', 'kg', 'ml', 'l', 'item', 'tablet', 'pack', 'VND', 'other'] as const;
export const quantityUnitSchema = z.enum(QUANTITY_UNITS);
export type QuantityUnit = z.infer<typeof quantityUnitSchema>;

export const QUANTITY_DIMENSIONS = ['mass', 'volume', 'item', 'tablet', 'pack', 'money', 'other'] as const;
export type QuantityDimension = (typeof QUANTITY_DIMENSIONS)[number];

/** Each unit's dimension and its power of ten over the dimension's smallest unit (1 kg = 10^6 mg, 1 l = 10^3 ml). */
export const QUANTITY_UNIT_SCALE: Record<QuantityUnit, { dimension: QuantityDimension; exponent: number }> = {
  mg: { dimension: 'mass', exponent: 0 },
  g: { dimension: 'mass', exponent: 3 },
  kg: { dimension: 'mass', exponent: 6 },
  ml: { dimension: 'volume', exponent: 0 },
  l: { dimension: 'volume', exponent: 3 },
  item: { dimension: 'item', exponent: 0 },
  tablet: { dimension: 'tablet', exponent: 0 },
  pack: { dimension: 'pack', exponent: 0 },
  VND: { dimension: 'money', exponent: 0 },
  other: { dimension: 'other', exponent: 0 },
};

/** Units counted in whole numbers: a seizure of 2.5 tablets or 1.5 đồng is refused. */
export const WHOLE_NUMBER_UNITS: readonly QuantityUnit[] = ['item', 'tablet', 'pack', 'VND'];

/** At most this many digits after the decimal point (a microgram in g, a milligram in kg). */
export const QUANTITY_MAX_DECIMALS = 6;

/**
 * What was seized, as the ward reports it: drugs by substance (TT 13/2022/TT-BCA drug statistics count heroin,
 * methamphetamine, ecstasy and cannabis apart), firecrackers and firecracker powder, money, vehicles, phones, weapons.
 */
export const SEIZURE_KINDS = [
  'heroin',
  'methamphetamine',
  'ecstasy',
  'cannabis',
  'other_drug',
  'firecrackers',
  'firecracker_powder',
  'money',
  'vehicle',
  'phone',
  'weapon',
  'other',
] as const;
export const seizureKindSchema = z.enum(SEIZURE_KINDS);
export type SeizureKind = z.infer<typeof seizureKindSchema>;

/** The seizure kinds that are narcotics, totalled together as "ma túy" when a report wants one line. */
export const DRUG_SEIZURE_KINDS: readonly SeizureKind[] = ['heroin', 'methamphetamine', 'ecstasy', 'cannabis', 'other_drug'];

/** The units each kind may be recorded in; the first is the one a form offers first. */
export const SEIZURE_KIND_UNITS: Record<SeizureKind, readonly QuantityUnit[]> = {
  heroin: ['g', 'kg', 'mg', 'pack', 'other'],
  methamphetamine: ['g', 'kg', 'mg', 'tablet', 'pack', 'other'],
  ecstasy: ['tablet', 'g', 'kg', 'mg', 'pack', 'other'],
  cannabis: ['g', 'kg', 'mg', 'item', 'pack', 'other'],
  other_drug: ['g', 'kg', 'mg', 'ml', 'l', 'tablet', 'pack', 'other'],
  firecrackers: ['kg', 'g', 'item', 'pack', 'other'],
  firecracker_powder: ['kg', 'g', 'mg', 'other'],
  money: ['VND', 'other'],
  vehicle: ['item'],
  phone: ['item'],
  weapon: ['item', 'other'],
  other: ['item', 'other', 'kg', 'g', 'mg', 'l', 'ml', 'pack', 'tablet', 'VND'],
};

/**
 * A quantity as a decimal string with a dot ("2.4", "1234", "0.125"), without leading zeros: never a JSON number, so that no float drift
 * reaches the arithmetic. No sign, no exponent, no thousands separators.
 */
export const decimalQuantity = z
  .string({ message: 'cases.seizure.quantityFormat' })
  .trim()
  .regex(new RegExp(`^(0|[1-9]\\d{0,11})(\\.\\d{1,${QUANTITY_MAX_DECIMALS}})?$`), { message: 'cases.seizure.quantityFormat' })
  .refine((v) => /[1-9]/.test(v), { message: 'cases.seizure.quantityPositive' });

/** An item seized in a case: kind, quantity in a unit the kind allows (whole numbers for counts and money), a note. */
export const seizureSchema = z
  .strictObject({
    kind: seizureKindSchema,
    quantity: decimalQuantity,
    unit: quantityUnitSchema,
    note: z
      .string()
      .transform((v) => v.normalize('NFC').trim())
      .pipe(z.string().max(1000, { message: 'validation.tooLong' }))
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (!SEIZURE_KIND_UNITS[v.kind].includes(v.unit)) {
      ctx.addIssue({ code: 'custom', message: 'cases.seizure.unitNotForKind', path: ['unit'] });
    }
    if (WHOLE_NUMBER_UNITS.includes(v.unit) && v.quantity.includes('.')) {
      ctx.addIssue({ code: 'custom', message: 'cases.seizure.wholeNumber', path: ['quantity'] });
    }
  });
export type SeizureInput = z.input<typeof seizureSchema>;

/** A total or a seized item as read back: a decimal string in a unit (the response shape; no transform). */
export const quantitySchema = z.object({
  quantity: z.string().regex(/^\d+(\.\d+)?$/),
  unit: quantityUnitSchema,
});

export const seizureViewSchema = z.object({
  id: z.uuid(),
  kind: seizureKindSchema,
  quantity: z.string(),
  unit: quantityUnitSchema,
  note: z.string().nullable(),
});

export const seizureTotalSchema = z.object({ kind: seizureKindSchema, quantity: z.string(), unit: quantityUnitSchema });
