/**
 * `NAME:TAG`, as `--as` and `history` take it, and `NAME:TAG@DATE` / `NAME:TAG@sha256:…`, as
 * `compare` takes it to pin an image to one digest. The name may carry a registry host with a
 * port (`localhost:5000/app:1.2`): the tag is what follows the last colon after the last slash.
 */
import { InputError } from '../errors.js';
import { parseUserTime, type Instant } from '../time/instant.js';

export interface TagRef {
  image: string;
  tag: string;
}

export interface PinnedRef extends TagRef {
  /** the text the user gave */
  text: string;
  /** pinned to the digest the tag pointed to at this instant (end of the day for a bare date) */
  at?: Instant;
  /** pinned to this digest */
  digest?: string;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Parses `NAME:TAG`; `what` names the option or argument in the error sentence. */
export function parseTagRef(text: string, what: string): TagRef {
  const value = text.trim();
  const colon = value.lastIndexOf(':');
  if (colon <= value.lastIndexOf('/') || colon === 0)
    throw new InputError(`${what}: "${text}" names no tag (write NAME:TAG, e.g. python:3.12)`);
  const image = value.slice(0, colon);
  const tag = value.slice(colon + 1);
  if (!TAG.test(tag) || /\s/.test(image))
    throw new InputError(
      `${what}: "${text}" is not an image name and tag (write NAME:TAG, e.g. python:3.12)`,
    );
  return { image, tag };
}

/** Parses `NAME:TAG[@DATE|@sha256:…]` for compare. */
export function parsePinnedRef(text: string, what: string): PinnedRef {
  const at = text.indexOf('@');
  if (at < 0) return { ...parseTagRef(text, what), text };
  const ref = parseTagRef(text.slice(0, at), what);
  const pin = text.slice(at + 1).trim();
  if (pin.startsWith('sha256:')) {
    if (!DIGEST.test(pin))
      throw new InputError(`${what}: "${pin}" is not a sha256 digest (sha256: and 64 hex digits)`);
    return { ...ref, text, digest: pin };
  }
  return { ...ref, text, at: parseUserTime(pin, `${what} ${text}`) };
}

/** `NAME:TAG` as text. */
export function formatTagRef(ref: TagRef): string {
  return `${ref.image}:${ref.tag}`;
}
