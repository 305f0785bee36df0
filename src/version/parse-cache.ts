/**
 * A bounded memo for schemes whose parse allocates (maven, pep440): the matcher compares the same
 * few thousand version strings over and over, so parsing each once saves most of the work.
 */

/** Wraps a parse function with a cache that is dropped whole when it reaches `max` entries. */
export function cachedParser<T>(parse: (v: string) => T, max = 50_000): (v: string) => T {
  let cache = new Map<string, T>();
  return (v) => {
    const hit = cache.get(v);
    if (hit !== undefined || cache.has(v)) return hit as T;
    const parsed = parse(v);
    if (cache.size >= max) cache = new Map();
    cache.set(v, parsed);
    return parsed;
  };
}
