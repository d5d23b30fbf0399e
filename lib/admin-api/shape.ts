/**
 * Minimal run-time readers for JSON of unknown shape. Each names the path it was reading,
 * so a changed API fails with "data[3].amount.value should be a number" instead of NaN
 * somewhere in a chart. Unknown fields are never looked at.
 */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path} should be ${expected}`);
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(path, 'an object');
  }
  return value as JsonObject;
}

export function readObject(obj: JsonObject, key: string, path: string): JsonObject {
  return asObject(obj[key], `${path}.${key}`);
}

export function readArray(obj: JsonObject, key: string, path: string): readonly unknown[] {
  const value = obj[key];
  if (!Array.isArray(value)) throw new ShapeError(`${path}.${key}`, 'an array');
  return value;
}

export function readString(obj: JsonObject, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string') throw new ShapeError(`${path}.${key}`, 'a string');
  return value;
}

/** Absent and null both mean "not set": the API omits group-by keys it was not asked for. */
export function readOptionalString(obj: JsonObject, key: string, path: string): string | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ShapeError(`${path}.${key}`, 'a string or null');
  return value;
}

export function readBoolean(obj: JsonObject, key: string, path: string): boolean {
  const value = obj[key];
  if (typeof value !== 'boolean') throw new ShapeError(`${path}.${key}`, 'a boolean');
  return value;
}

export function readFiniteNumber(obj: JsonObject, key: string, path: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(`${path}.${key}`, 'a number');
  return value;
}

/** Counts and timestamps: whole, non-negative and exact (so sums stay exact too). */
export function readCount(obj: JsonObject, key: string, path: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ShapeError(`${path}.${key}`, 'a non-negative integer');
  }
  return value;
}

export function readOptionalCount(obj: JsonObject, key: string, path: string): number | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  return readCount(obj, key, path);
}
