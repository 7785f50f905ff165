/**
 * Whether the object or array `value` has more than `max` entries (own enumerable keys of an object), counting
 * no further than `max + 1`, so that a huge object costs no more than a small one.
 */
export function entriesOver(value: object, max: number): boolean {
  if (Array.isArray(value)) return value.length > max;
  let count = 0;
  for (const key in value) {
    if (Object.hasOwn(value, key) && ++count > max) return true;
  }
  return false;
}
