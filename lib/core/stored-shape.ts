/**
 * Checks of stored values' shapes. Storage holds what any older version, another device
 * (storage.sync) or a bug wrote: every item is checked when it is read (versioned-item.ts,
 * read-only-item.ts), and a value of another shape reads as the item's default. The checks
 * go as deep as the code that reads the value; what lies deeper is checked where it is used.
 */
export type Check = (value: unknown) => boolean;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString: Check = (value) => typeof value === 'string';
export const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
export const isBoolean: Check = (value) => typeof value === 'boolean';
export const isAnything: Check = () => true;

// Marked free of side effects: item definitions call these at module level, and a bundle
// that leaves an item out (a content script) must leave its checks out too.

/* @__NO_SIDE_EFFECTS__ */
export function nullable(check: Check): Check {
  return (value) => value === null || check(value);
}
/* @__NO_SIDE_EFFECTS__ */
export function optional(check: Check): Check {
  return (value) => value === undefined || check(value);
}
/* @__NO_SIDE_EFFECTS__ */
export function oneOf(...allowed: readonly unknown[]): Check {
  return (value) => allowed.includes(value);
}
/* @__NO_SIDE_EFFECTS__ */
export function arrayOf(check: Check): Check {
  return (value) => Array.isArray(value) && value.every(check);
}
/* @__NO_SIDE_EFFECTS__ */
export function recordOf(check: Check): Check {
  return (value) => isRecord(value) && Object.values(value).every(check);
}
/** An object with at least these fields, each passing its check (absent fields are undefined). */
/* @__NO_SIDE_EFFECTS__ */
export function shape(fields: Record<string, Check>): Check {
  return (value) => isRecord(value) && Object.entries(fields).every(([name, check]) => check(value[name]));
}
