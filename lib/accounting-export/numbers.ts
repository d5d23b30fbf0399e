/**
 * A float as the plain decimal text of its shortest round-trip form (String(value)), so
 * 0.06 stays "0.06" and not "0.059999999999999997779". The API's JSON may have written more
 * digits (e.g. "0.8958740000000000"): JSON.parse keeps only the number, so trailing zeros
 * are lost, but the value is the same. String() switches to exponents below 1e-6 and from
 * 1e21 on; spreadsheets and accounting imports read plain decimals more reliably, so the
 * same digits are written out without one.
 */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', lead = '', fraction = '', exponent = '0'] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The usage CSV writes every number as a float: 10 → "10.0". */
export function csvFloat(value: number): string {
  const text = plainDecimal(value);
  return Number.isInteger(value) ? `${text}.0` : text;
}

/** Unix seconds as the dashboard writes them: "2025-10-05T00:00:00+00:00". */
export function isoUtc(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

