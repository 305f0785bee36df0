/**
 * JSON text in pieces, byte for byte what `JSON.stringify(value)` gives, so a large answer (ten
 * years × 50 images is ~16 MB) is serialised a piece at a time and the caller can give the event
 * loop a turn between pieces, instead of one `JSON.stringify` that holds it for a tenth of a second.
 *
 * Small parts are handed to `JSON.stringify` whole (consecutive array elements and object
 * properties batched until they hold about `BATCH_NODES` values); a part larger than that is
 * descended into. An array's batch is written as `JSON.stringify(slice)` without its brackets, an
 * object's property as `"key":` + its value, which is how `JSON.stringify` writes them too. The
 * one difference: a `toJSON(key)` method of a value inside is called with its key relative to its
 * batch (an index within the slice, or ''), which no answer of this server depends on (its
 * answers are plain data; `Date.prototype.toJSON` ignores the key).
 */

// values (primitives and containers) a part may hold and still be stringified in one call
const BATCH_NODES = 2048;

type Json = unknown;

// an array or a plain object without toJSON: what is written from its own keys and elements
function isContainer(v: Json): v is object {
  if (typeof v !== 'object' || v === null) return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

// how many values `v` holds, counting stops once past `cap`
function weight(v: Json, cap: number): number {
  if (!isContainer(v)) return 1;
  let n = 1;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && n <= cap; i++) n += weight(v[i], cap - n);
  } else {
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      n += weight((v as Record<string, Json>)[k], cap - n);
      if (n > cap) break;
    }
  }
  return n;
}

// what JSON.stringify leaves out of an object (and writes as null in an array)
const omitted = (v: Json) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The JSON text of `value` in pieces whose concatenation is `JSON.stringify(value)`; a part of
 * more than `batchNodes` values is cut further.
 */
export function jsonPieces(value: Json, batchNodes = BATCH_NODES): Generator<string> {
  return valuePieces(value, new Set(), Math.max(1, batchNodes));
}

function* valuePieces(value: Json, ancestors: Set<object>, cap: number): Generator<string> {
  if (!isContainer(value) || weight(value, cap) <= cap) {
    const text = JSON.stringify(value);
    if (text !== undefined) yield text;
    return;
  }
  if (ancestors.has(value)) throw new TypeError('Converting circular structure to JSON');
  ancestors.add(value);
  if (Array.isArray(value)) yield* arrayPieces(value, ancestors, cap);
  else yield* objectPieces(value as Record<string, Json>, ancestors, cap);
  ancestors.delete(value);
}

function* arrayPieces(array: readonly Json[], ancestors: Set<object>, cap: number): Generator<string> {
  yield '[';
  let start = 0; // the first element of the batch not written yet
  let nodes = 0;
  let first = true;
  const flush = function* (end: number) {
    if (end > start) {
      const text = JSON.stringify(array.slice(start, end));
      yield (first ? '' : ',') + text.slice(1, -1);
      first = false;
    }
    start = end;
    nodes = 0;
  };
  for (let i = 0; i < array.length; i++) {
    const w = weight(array[i], cap);
    if (w > cap) {
      yield* flush(i);
      if (!first) yield ',';
      yield* valuePieces(array[i], ancestors, cap);
      first = false;
      start = i + 1;
      continue;
    }
    nodes += w;
    if (nodes >= cap) yield* flush(i + 1);
  }
  yield* flush(array.length);
  yield ']';
}

function* objectPieces(object: Record<string, Json>, ancestors: Set<object>, cap: number): Generator<string> {
  yield '{';
  let first = true;
  // Object.keys: the own enumerable string keys in JSON.stringify's order
  for (const key of Object.keys(object)) {
    const v = object[key];
    if (omitted(v)) continue;
    const prefix = `${first ? '' : ','}${JSON.stringify(key)}:`;
    if (isContainer(v)) {
      yield prefix;
      yield* valuePieces(v, ancestors, cap);
    } else {
      // a toJSON may answer undefined: then, as in JSON.stringify, the key is left out
      const text = JSON.stringify(v);
      if (text === undefined) continue;
      yield prefix + text;
    }
    first = false;
  }
  yield '}';
}
