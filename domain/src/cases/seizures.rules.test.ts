import { describe, expect, it } from 'vitest';
import { addQuantities, formatQuantity, normaliseQuantity, type Quantity, QuantityError, sumByKind } from './seizures.rules.ts';

const q = (quantity: string, unit: Quantity['unit']): Quantity => ({ quantity, unit });

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof QuantityError ? e.code : 'not a QuantityError';
  }
  return undefined;
}

describe('adding seized quantities (SI units, the legal units of measurement of Luật Đo lường 2011)', () => {
  it('adds two 1.2 kg bags of firecracker powder to 2.4 kg', () => {
    expect(addQuantities(q('1.2', 'kg'), q('1.2', 'kg'))).toEqual(q('2.4', 'kg'));
  });

  it('converts grams and kilograms, showing kg from 1 kg on', () => {
    expect(addQuantities(q('500', 'g'), q('1.2', 'kg'))).toEqual(q('1.7', 'kg'));
    expect(addQuantities(q('800', 'g'), q('100', 'g'))).toEqual(q('900', 'g'));
    expect(addQuantities(q('999', 'g'), q('1', 'g'))).toEqual(q('1', 'kg'));
    expect(addQuantities(q('0.3', 'kg'), q('500', 'g'))).toEqual(q('800', 'g'));
    expect(normaliseQuantity(q('1500', 'g'))).toEqual(q('1.5', 'kg'));
  });

  it('never shows a total in a unit smaller than every quantity added', () => {
    expect(addQuantities(q('0.1', 'kg'), q('0.2', 'kg'))).toEqual(q('0.3', 'kg'));
    expect(addQuantities(q('0.5', 'g'), q('0.2', 'g'))).toEqual(q('0.7', 'g'));
    expect(addQuantities(q('500', 'mg'), q('0.7', 'g'))).toEqual(q('1.2', 'g'));
    expect(addQuantities(q('750', 'ml'), q('0.5', 'l'))).toEqual(q('1.25', 'l'));
  });

  it('is exact where floating point drifts', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addQuantities(q('0.1', 'kg'), q('0.2', 'kg')).quantity).toBe('0.3');
    const tenths = Array.from({ length: 10 }, () => q('0.1', 'g'));
    expect(addQuantities(tenths[0] as Quantity, ...tenths.slice(1))).toEqual(q('1', 'g'));
    expect(addQuantities(q('0.000001', 'kg'), q('999999.999999', 'kg'))).toEqual(q('1000000', 'kg'));
    expect(addQuantities(q('123456789012.345678', 'kg'), q('0.000322', 'kg'))).toEqual(q('123456789012.346', 'kg'));
  });

  it('adds counts and money only to the same unit', () => {
    expect(addQuantities(q('1200', 'tablet'), q('34', 'tablet'))).toEqual(q('1234', 'tablet'));
    expect(addQuantities(q('1500000', 'VND'), q('500000', 'VND'))).toEqual(q('2000000', 'VND'));
  });

  it('refuses to add quantities of different kinds, with a message key', () => {
    expect(refusal(() => addQuantities(q('1', 'g'), q('1', 'ml')))).toBe('cases.quantity.incompatibleUnits');
    expect(refusal(() => addQuantities(q('1', 'kg'), q('1', 'l')))).toBe('cases.quantity.incompatibleUnits');
    expect(refusal(() => addQuantities(q('10', 'tablet'), q('1', 'item')))).toBe('cases.quantity.incompatibleUnits');
    expect(refusal(() => addQuantities(q('1000', 'VND'), q('1', 'g')))).toBe('cases.quantity.incompatibleUnits');
    expect(refusal(() => addQuantities(q('1', 'other'), q('1', 'other')))).toBe('cases.quantity.otherUnit');
    expect(() => addQuantities(q('1', 'g'), q('1', 'ml'))).toThrow('Cannot add ml (volume) to g (mass)');
  });

  it('refuses a quantity that is not a decimal string', () => {
    expect(refusal(() => addQuantities(q('2,4', 'kg'), q('1', 'kg')))).toBe('cases.seizure.quantityFormat');
    expect(refusal(() => addQuantities(q('-1', 'kg'), q('1', 'kg')))).toBe('cases.seizure.quantityFormat');
    expect(refusal(() => addQuantities(q('1e3', 'g'), q('1', 'g')))).toBe('cases.seizure.quantityFormat');
  });
});

describe('seizure totals per kind (the ward report, domain-vn.md §9)', () => {
  it('totals each kind in its largest sensible unit, one line per kind and dimension', () => {
    const totals = sumByKind([
      { kind: 'firecracker_powder', ...q('1.2', 'kg') },
      { kind: 'heroin', ...q('0.5', 'g') },
      { kind: 'ecstasy', ...q('100', 'tablet') },
      { kind: 'firecracker_powder', ...q('1.2', 'kg') },
      { kind: 'heroin', ...q('1.25', 'g') },
      { kind: 'ecstasy', ...q('3', 'g') },
      { kind: 'ecstasy', ...q('20', 'tablet') },
      { kind: 'firecrackers', ...q('800', 'g') },
      { kind: 'firecrackers', ...q('2', 'item') },
      { kind: 'firecrackers', ...q('300', 'g') },
      { kind: 'other', ...q('3', 'other') },
      { kind: 'other', ...q('2', 'other') },
    ]);
    expect(totals).toEqual([
      { kind: 'heroin', quantity: '1.75', unit: 'g' },
      { kind: 'ecstasy', quantity: '3', unit: 'g' },
      { kind: 'ecstasy', quantity: '120', unit: 'tablet' },
      { kind: 'firecrackers', quantity: '1.1', unit: 'kg' },
      { kind: 'firecrackers', quantity: '2', unit: 'item' },
      { kind: 'firecracker_powder', quantity: '2.4', unit: 'kg' },
      { kind: 'other', quantity: '3', unit: 'other' },
      { kind: 'other', quantity: '2', unit: 'other' },
    ]);
    expect(sumByKind([])).toEqual([]);
  });
});

describe('formatting quantities', () => {
  it('uses Vietnamese separators: "," for decimals, "." for thousands', () => {
    expect(formatQuantity(q('2.4', 'kg'), 'vi')).toBe('2,4 kg');
    expect(formatQuantity(q('1234', 'tablet'), 'vi')).toBe('1.234 viên');
    expect(formatQuantity(q('1500000', 'VND'), 'vi')).toBe('1.500.000 đồng');
    expect(formatQuantity(q('1234567.125', 'g'), 'vi')).toBe('1.234.567,125 g');
    expect(formatQuantity(q('3', 'other'), 'vi')).toBe('3');
  });
  it('uses English separators in English', () => {
    expect(formatQuantity(q('2.4', 'kg'), 'en')).toBe('2.4 kg');
    expect(formatQuantity(q('1234', 'tablet'), 'en')).toBe('1,234 tablets');
    expect(formatQuantity(q('1', 'tablet'), 'en')).toBe('1 tablet');
  });
});
