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
// the OCI distribution reference grammar (distribution/reference's grammar, as docker reads names)
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const PORT = /^[0-9]+$/;
const IPV6 = /^\[[0-9a-fA-F:]+\]$/;

/**
 * Why `name` is not an image name by the OCI distribution reference grammar (a rule to quote), or
 * undefined when it is one: `[DOMAIN[:PORT]/]COMPONENT[/COMPONENT…]`, each path component lowercase
 * letters and digits joined by `.`, `_`, `__` or dashes, the domain DNS labels joined by dots (or
 * `[IPv6]`), at most 255 characters in all.
 */
export function imageNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'an image name is not empty';
  if (name.length > 255) return 'an image name is at most 255 characters';
  const parts = name.split('/');
  const [first, ...rest] = parts;
  // the first of several components may be a registry host (`localhost:5000`, `cgr.dev`)
  if (rest.length > 0 && !PATH_COMPONENT.test(first!)) {
    const colon = first!.startsWith('[') ? first!.indexOf(']:') + 1 || -1 : first!.lastIndexOf(':');
    const host = colon > 0 ? first!.slice(0, colon) : first!;
    const port = colon > 0 ? first!.slice(colon + 1) : undefined;
    const hostOk = IPV6.test(host) || host.split('.').every((label) => DOMAIN_COMPONENT.test(label));
    if (!hostOk || (port !== undefined && !PORT.test(port)))
      return 'a registry host is DNS labels joined by dots (letters, digits, inner dashes), with an optional :PORT';
  } else if (!PATH_COMPONENT.test(first!))
    return 'each path component is lowercase letters and digits joined by ".", "_", "__" or dashes';
  if (!rest.every((c) => PATH_COMPONENT.test(c)))
    return 'each path component is lowercase letters and digits joined by ".", "_", "__" or dashes';
  return undefined;
}

/** Parses `NAME:TAG`; `what` names the option or argument in the error sentence. */
export function parseTagRef(text: string, what: string): TagRef {
  const value = text.trim();
  const colon = value.lastIndexOf(':');
  if (colon <= value.lastIndexOf('/') || colon === 0)
    throw new InputError(`${what}: "${text}" names no tag (write NAME:TAG, e.g. python:3.12)`);
  const image = value.slice(0, colon);
  const tag = value.slice(colon + 1);
  if (!TAG.test(tag))
    throw new InputError(
      `${what}: "${text}" is not an image name and tag: a tag is letters, digits, "_", "." and "-", at most 128, not starting with "." or "-" (write NAME:TAG, e.g. python:3.12)`,
    );
  const problem = imageNameProblem(image);
  if (problem)
    throw new InputError(
      `${what}: "${text}" is not an image name by the OCI distribution reference grammar: ${problem}`,
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

// the digest algorithms of the OCI image spec, with the length of their hex encoding
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Checks a content digest a file states (`algorithm:hex`, the OCI image spec's registered
 * algorithms sha256, sha384, sha512, lowercase hex of the right length); an InputError naming
 * `what` otherwise.
 */
export function checkDigest(digest: string, what: string): string {
  const m = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([0-9a-f]+)$/.exec(digest);
  const length = m ? DIGEST_HEX[m[1]!] : undefined;
  if (!m || length === undefined || m[2]!.length !== length)
    throw new InputError(
      `${what}: "${digest}" is not a digest (sha256:, sha384: or sha512: and 64, 96 or 128 lowercase hex digits)`,
    );
  return digest;
}

/** The registry of an image name, as Docker reads it: a first part with a dot, a colon or localhost. */
export function registryOf(name: string): string {
  const first = name.split('/')[0]!;
  return name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}
