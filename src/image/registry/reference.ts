/**
 * Image references parsed the way `docker pull` reads them (distribution's reference grammar):
 * `alpine` → docker.io/library/alpine:latest, `host:5000/a/b:tag@sha256:…`, `localhost/x`.
 * https://github.com/distribution/reference/blob/main/reference.go documents the grammar.
 */
import { InputError } from '../../errors.js';

export interface ImageReference {
  /** the registry as users write it: `docker.io`, `ghcr.io`, `127.0.0.1:5000` */
  registry: string;
  /** the host the API lives on: `registry-1.docker.io` for docker.io */
  apiHost: string;
  /** the repository path inside the registry: `library/alpine` */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';
const EXPLICIT_PREFIX = 'registry:';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_PART =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*$/;
const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** Removes the explicit `registry:` source prefix (but not a host called `registry` with a port). */
export function stripRegistryPrefix(input: string): string {
  if (input.startsWith(EXPLICIT_PREFIX) && !/^registry:\d+(\/|$)/.test(input)) {
    return input.slice(EXPLICIT_PREFIX.length);
  }
  return input;
}

/** Parses an image reference; undefined when the text is not one (used for source detection). */
export function tryParseReference(input: string): ImageReference | undefined {
  try {
    return parseReference(input);
  } catch {
    return undefined;
  }
}

/** Parses an image reference as Docker does; throws InputError naming the reference when invalid. */
export function parseReference(input: string): ImageReference {
  const text = stripRegistryPrefix(input.trim());
  const bad = (why: string): InputError => new InputError(`invalid image reference "${input}": ${why}`);
  if (text === '') throw bad('it is empty');

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(`"${digest}" is not a sha256 or sha512 digest`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`"${tag}" is not a valid tag`);
  }

  let registry = DOCKER_HUB;
  let path = rest;
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  // A first component is a registry host when it has a dot, a port or is localhost (Docker's rule).
  if (
    slash >= 0 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())
  ) {
    registry = first;
    path = rest.slice(slash + 1);
    if (!validHost(registry)) throw bad(`"${registry}" is not a valid registry host`);
  }
  if (registry === 'index.docker.io' || registry === DOCKER_HUB_API) registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;

  const components = path.split('/');
  for (const component of components) {
    if (component !== component.toLowerCase()) throw bad('repository names must be lowercase');
    if (!COMPONENT.test(component)) throw bad(`"${component}" is not a valid repository path component`);
  }
  if (path.length > 255) throw bad('the repository name is longer than 255 characters');
  if (!tag && !digest) tag = 'latest';

  const apiHost = registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
  return { registry, apiHost, repository: path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

function validHost(host: string): boolean {
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(host);
  const name = m?.[1] ?? '';
  return DOMAIN_PART.test(name) || IPV6.test(name);
}

/** The canonical text of a reference: `docker.io/library/alpine:3.9@sha256:…`. */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The repository as named in errors: `127.0.0.1:5000/private/alpine`. */
export function repositoryName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}
