/**
 * PostgreSQL's jsonb containment (`a @> b`) on plain JSON values: objects contain every key of the
 * pattern with a contained value, arrays contain every pattern item somewhere, scalars are equal.
 */
export function jsonContains(value: unknown, pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== "object") return value === pattern;
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return false;
    return pattern.every((p) => value.some((v) => jsonContains(v, p)));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  return Object.entries(pattern).every(
    ([key, p]) => Object.prototype.hasOwnProperty.call(object, key) && jsonContains(object[key], p),
  );
}
