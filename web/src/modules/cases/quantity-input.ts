import { type QuantityUnit, WHOLE_NUMBER_UNITS } from '@binh-an/domain';

const grouped = (separator: '.' | ',') => new RegExp(`^\\d{1,3}(\\${separator}\\d{3})+$`);

/** Drops leading zeros of the whole part and trailing zeros of the fraction: "02.40" → "2.4", "0.50" → "0.5", "3.0" → "3". */
function tidy(whole: string, fraction: string): string {
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return f ? `${w}.${f}` : w;
}

/**
 * Reads a quantity as people type it into the API's decimal string with a dot. Accepts a decimal comma or point
 * ("2,4", "2.4"), thousands grouped with dots, commas or spaces ("1.500.000", "1,500,000", "1 500 000"), and both marks
 * together ("1.234,5", "1,234.5": the last mark is the decimal one). A single dot before exactly three digits in a
 * whole-number unit (đồng, cái, viên, gói) groups thousands ("1.500" đồng = 1500). Null when it is not a number.
 * The schema then checks the rest (more than 0, at most 6 decimals, whole numbers where the unit needs them).
 */
export function readQuantityInput(text: string, unit: QuantityUnit): string | null {
  const s = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (s === '' || !/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const at = s.lastIndexOf(decimal);
    const whole = s.slice(0, at);
    const fraction = s.slice(at + 1);
    if (!/^\d+$/.test(fraction) || s.indexOf(decimal) !== at) return null;
    if (!grouped(thousands).test(whole)) return null;
    return tidy(whole.split(thousands).join(''), fraction);
  }
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null) return tidy(s, '');
  const parts = s.split(mark);
  if (parts.length > 2) return grouped(mark).test(s) ? tidy(parts.join(''), '') : null;
  const [whole = '', fraction = ''] = parts;
  if (whole === '' || fraction === '') return null;
  if (mark === '.' && WHOLE_NUMBER_UNITS.includes(unit) && /^\d{1,3}$/.test(whole) && /^\d{3}$/.test(fraction)) {
    return tidy(`${whole}${fraction}`, '');
  }
  return tidy(whole, fraction);
}
