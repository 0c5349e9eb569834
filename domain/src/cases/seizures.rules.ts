import type { Locale } from '../common/common.schemas.ts';
import {
  QUANTITY_DIMENSIONS,
  QUANTITY_MAX_DECIMALS,
  QUANTITY_UNIT_SCALE,
  QUANTITY_UNITS,
  type QuantityDimension,
  type QuantityUnit,
  SEIZURE_KINDS,
  type SeizureKind,
} from './seizures.schemas.ts';

/** A quantity: a decimal string with a dot, in a unit. */
export type Quantity = { quantity: string; unit: QuantityUnit };
export type SeizureTotal = { kind: SeizureKind; quantity: string; unit: QuantityUnit };

export type QuantityErrorCode = 'cases.quantity.incompatibleUnits' | 'cases.quantity.otherUnit' | 'cases.seizure.quantityFormat';

/** A refused sum or an unreadable quantity; `code` is the message key, `message` says what was refused in English. */
export class QuantityError extends Error {
  readonly code: QuantityErrorCode;
  constructor(code: QuantityErrorCode, message: string) {
    super(message);
    this.name = 'QuantityError';
    this.code = code;
  }
}

/** The dimension a unit measures (mass, volume, money, or one of the count units). */
export function quantityDimension(unit: QuantityUnit): QuantityDimension {
  return QUANTITY_UNIT_SCALE[unit].dimension;
}

/** Whether two units can be added: same dimension, and neither is the unnamed `other`. */
export function areUnitsCompatible(a: QuantityUnit, b: QuantityUnit): boolean {
  return a !== 'other' && b !== 'other' && quantityDimension(a) === quantityDimension(b);
}

/** Digits kept below the dimension's smallest unit, so that every accepted quantity is a whole number of atoms. */
const places = (unit: QuantityUnit) => QUANTITY_UNIT_SCALE[unit].exponent + QUANTITY_MAX_DECIMALS;

/** A quantity as a whole number of atoms (10^-6 of mg, ml, item, đồng): exact integer arithmetic, no float. */
function toAtoms(q: Quantity): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(q.quantity.trim());
  const fraction = m?.[2] ?? '';
  if (!m || fraction.length > places(q.unit)) {
    throw new QuantityError('cases.seizure.quantityFormat', `Not a decimal quantity: "${q.quantity}" ${q.unit}`);
  }
  return BigInt(`${m[1]}${fraction.padEnd(places(q.unit), '0')}`);
}

/** Atoms back to a decimal string in `unit`, without trailing zeros ("2.4", "900", "0.3"). */
function fromAtoms(atoms: bigint, unit: QuantityUnit): string {
  const p = places(unit);
  const digits = atoms.toString().padStart(p + 1, '0');
  const whole = digits.slice(0, digits.length - p);
  const fraction = digits.slice(digits.length - p).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * The unit a total is shown in: the largest unit of the dimension in which it reaches 1, but never one smaller than
 * the smallest unit added (1.2 kg + 1.2 kg = 2.4 kg; 500 g + 1.2 kg = 1.7 kg; 800 g + 100 g = 900 g; 0.1 kg + 0.2 kg = 0.3 kg).
 */
function displayUnit(atoms: bigint, dimension: QuantityDimension, added: readonly QuantityUnit[]): QuantityUnit {
  const floor = Math.min(...added.map((u) => QUANTITY_UNIT_SCALE[u].exponent));
  const candidates = QUANTITY_UNITS.filter((u) => QUANTITY_UNIT_SCALE[u].dimension === dimension).sort(
    (a, b) => QUANTITY_UNIT_SCALE[a].exponent - QUANTITY_UNIT_SCALE[b].exponent,
  );
  let chosen = candidates.find((u) => QUANTITY_UNIT_SCALE[u].exponent === floor) ?? added[0] ?? 'other';
  for (const u of candidates) {
    if (QUANTITY_UNIT_SCALE[u].exponent > floor && atoms >= 10n ** BigInt(places(u))) chosen = u;
  }
  return chosen;
}

/**
 * The exact sum of quantities of one dimension, in the unit `displayUnit` picks. Throws a `QuantityError` when the
 * units measure different things (mass + volume, tablets + items, money + mass) or one is the unnamed `other`.
 */
export function addQuantities(first: Quantity, ...rest: readonly Quantity[]): Quantity {
  const all = [first, ...rest];
  const dimension = quantityDimension(first.unit);
  for (const q of all) {
    if (q.unit === 'other' && all.length > 1) {
      throw new QuantityError('cases.quantity.otherUnit', 'A quantity in an unnamed unit ("other") cannot be added to another quantity');
    }
    if (quantityDimension(q.unit) !== dimension) {
      throw new QuantityError(
        'cases.quantity.incompatibleUnits',
        `Cannot add ${q.unit} (${quantityDimension(q.unit)}) to ${first.unit} (${dimension})`,
      );
    }
  }
  if (first.unit === 'other') return { quantity: fromAtoms(toAtoms(first), 'other'), unit: 'other' };
  const atoms = all.reduce((sum, q) => sum + toAtoms(q), 0n);
  const unit = displayUnit(
    atoms,
    dimension,
    all.map((q) => q.unit),
  );
  return { quantity: fromAtoms(atoms, unit), unit };
}

/** One quantity in the unit a total would be shown in (1500 g → 1.5 kg; 0.5 kg stays 0.5 kg). */
export function normaliseQuantity(q: Quantity): Quantity {
  return addQuantities(q);
}

/**
 * Totals of seized items per kind, in the largest sensible unit. A kind recorded in two dimensions (firecrackers in kg
 * and in boxes) gives one line per dimension rather than an error; items in the unnamed unit `other` are listed one by
 * one, never added. Lines follow the order of `SEIZURE_KINDS`, then of `QUANTITY_DIMENSIONS`.
 */
export function sumByKind(items: readonly (Quantity & { kind: SeizureKind })[]): SeizureTotal[] {
  const groups = new Map<string, { kind: SeizureKind; dimension: QuantityDimension; quantities: Quantity[] }>();
  const unnamed: SeizureTotal[] = [];
  for (const item of items) {
    if (item.unit === 'other') {
      unnamed.push({ kind: item.kind, ...normaliseQuantity(item) });
      continue;
    }
    const dimension = quantityDimension(item.unit);
    const key = `${item.kind}|${dimension}`;
    const group = groups.get(key) ?? { kind: item.kind, dimension, quantities: [] };
    group.quantities.push({ quantity: item.quantity, unit: item.unit });
    groups.set(key, group);
  }
  const totals = [...groups.values()].flatMap(({ kind, dimension, quantities }) => {
    const [first, ...rest] = quantities;
    return first ? [{ kind, dimension, ...addQuantities(first, ...rest) }] : [];
  });
  const order = (kind: SeizureKind, dimension: QuantityDimension) =>
    SEIZURE_KINDS.indexOf(kind) * QUANTITY_DIMENSIONS.length + QUANTITY_DIMENSIONS.indexOf(dimension);
  return [...totals, ...unnamed.map((u) => ({ ...u, dimension: 'other' as const }))]
    .map((t, i) => ({ t, i }))
    .sort((a, b) => order(a.t.kind, a.t.dimension) - order(b.t.kind, b.t.dimension) || a.i - b.i)
    .map(({ t }) => ({ kind: t.kind, quantity: t.quantity, unit: t.unit }));
}

const SEPARATORS: Record<Locale, { thousands: string; decimal: string }> = {
  vi: { thousands: '.', decimal: ',' },
  en: { thousands: ',', decimal: '.' },
};

const UNIT_SYMBOLS: Record<Locale, Record<QuantityUnit, { one: string; other: string }>> = {
  vi: {
    mg: { one: 'mg', other: 'mg' },
    g: { one: 'g', other: 'g' },
    kg: { one: 'kg', other: 'kg' },
    ml: { one: 'ml', other: 'ml' },
    l: { one: 'lít', other: 'lít' },
    item: { one: 'cái', other: 'cái' },
    tablet: { one: 'viên', other: 'viên' },
    pack: { one: 'gói', other: 'gói' },
    VND: { one: 'đồng', other: 'đồng' },
    other: { one: '', other: '' },
  },
  en: {
    mg: { one: 'mg', other: 'mg' },
    g: { one: 'g', other: 'g' },
    kg: { one: 'kg', other: 'kg' },
    ml: { one: 'ml', other: 'ml' },
    l: { one: 'l', other: 'l' },
    item: { one: 'item', other: 'items' },
    tablet: { one: 'tablet', other: 'tablets' },
    pack: { one: 'pack', other: 'packs' },
    VND: { one: 'VND', other: 'VND' },
    other: { one: '', other: '' },
  },
};

/**
 * A quantity for people to read: Vietnamese groups thousands with "." and writes decimals with "," (2,4 kg;
 * 1.234 viên; 1.500.000 đồng); English uses "," and "." (2.4 kg; 1,234 tablets). The digits are kept as given.
 */
export function formatQuantity(q: Quantity, locale: Locale): string {
  const sep = SEPARATORS[locale];
  const [whole = '0', fraction] = q.quantity.trim().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep.thousands);
  const number = fraction ? `${grouped}${sep.decimal}${fraction}` : grouped;
  const symbol = UNIT_SYMBOLS[locale][q.unit][q.quantity.trim() === '1' ? 'one' : 'other'];
  return symbol ? `${number} ${symbol}` : number;
}
