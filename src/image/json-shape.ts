/**
 * Plain checks of the shape of the few small JSON documents an image source reads (index,
 * manifest, config, `docker save`'s manifest.json). A shape is a function from parsed JSON to a
 * typed value that throws ShapeError naming the path of the first problem. Objects keep only the
 * fields their shape names (unknown fields are allowed and left out), and an absent optional field
 * stays absent. A validation library would do the same, but it costs every `sbom` and `scan` run
 * more to load (zod: ~95 modules, 0.1–0.2 s) than reading all of these documents does.
 */

export type Path = (string | number)[];

/** A value that does not have the shape expected at `path`. */
export class ShapeError extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }
}

export type Shape<T> = (value: unknown, path: Path) => T;
export type ShapeOf<S> = S extends Shape<infer T> ? T : never;

function fail(path: Path, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new ShapeError(path, `expected ${expected}, received ${got}`);
}

export const string: Shape<string> = (v, path) => (typeof v === 'string' ? v : fail(path, 'a string', v));

export const boolean: Shape<boolean> = (v, path) => (typeof v === 'boolean' ? v : fail(path, 'a boolean', v));

/** A whole number >= 0. */
export const count: Shape<number> = (v, path) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fail(path, 'a whole number >= 0', v);

export function literal<T extends string | number>(expected: T): Shape<T> {
  return (v, path) => (v === expected ? expected : fail(path, JSON.stringify(expected), v));
}

/** A string that matches `pattern`, with `message` when it does not. */
export function matching(pattern: RegExp, message: string): Shape<string> {
  return (v, path) => {
    const s = string(v, path);
    if (!pattern.test(s)) throw new ShapeError(path, message);
    return s;
  };
}

/** Absent (undefined) is allowed; null is not. */
export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return (v, path) => (v === undefined ? undefined : shape(v, path));
}

/** Absent or null is allowed, and kept as it was. */
export function nullish<T>(shape: Shape<T>): Shape<T | null | undefined> {
  return (v, path) => (v === undefined || v === null ? v : shape(v, path));
}

export function array<T>(item: Shape<T>): Shape<T[]> {
  return (v, path) => (Array.isArray(v) ? v.map((x, i) => item(x, [...path, i])) : fail(path, 'an array', v));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object of string keys whose values all have one shape. */
export function record<T>(value: Shape<T>): Shape<Record<string, T>> {
  return (v, path) => {
    if (!isObject(v)) return fail(path, 'an object', v);
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v)) out[k] = value(x, [...path, k]);
    return out;
  };
}

type Fields = Record<string, Shape<unknown>>;
type Optional<F extends Fields> = { [K in keyof F]: undefined extends ShapeOf<F[K]> ? K : never }[keyof F];
type ObjectOf<F extends Fields> = { [K in Exclude<keyof F, Optional<F>>]: ShapeOf<F[K]> } & {
  [K in Optional<F>]?: ShapeOf<F[K]>;
};

/** An object with these fields (others are left out); a field whose value is undefined is not set. */
export function object<F extends Fields>(fields: F): Shape<ObjectOf<F>> {
  const entries = Object.entries(fields);
  return (v, path) => {
    if (!isObject(v)) return fail(path, 'an object', v);
    const out: Record<string, unknown> = {};
    for (const [key, shape] of entries) {
      const value = shape(v[key], [...path, key]);
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<F>;
  };
}
