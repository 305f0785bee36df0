/**
 * Where an image is pulled from once registries.conf has had its say: the mirrors of the longest
 * matching `[[registry]]` prefix first, in order, then its location (the registry itself unless
 * rewritten); an `insecure` endpoint is tried over https without verification, then over plain
 * http when it does not speak TLS. The first endpoint that serves the manifest serves the blobs.
 */
import { InputError } from '../../errors.js';
import { type ClientOptions, type FetchedManifest, RegistryClient } from './client.js';
import { type ImageReference, parseReference, repositoryName } from './reference.js';
import { type RegistriesConf, type RegistryEntry, loadRegistriesConf } from './registries-conf.js';

export interface Endpoint {
  ref: ImageReference;
  insecure: boolean;
  mirror: boolean;
}

/** The endpoints to try for a reference, mirrors first; the last one is the registry (or its location). */
export function endpointsFor(ref: ImageReference, conf: RegistriesConf | undefined): Endpoint[] {
  const own: Endpoint = { ref, insecure: false, mirror: false };
  const match = conf && bestMatch(ref, conf.registries);
  if (!match) return [own];
  const { entry, prefix } = match;
  const name = repositoryName(ref);
  if (entry.blocked) throw new InputError(`pulling ${name} is blocked by ${conf.path} (prefix ${prefix})`);
  const at = (location: string | undefined): ImageReference =>
    location && !prefix.startsWith('*.') ? rewrite(ref, location + name.slice(prefix.length)) : ref;
  const mirrors = (entry.mirror ?? [])
    .filter((m) => {
      const rule = m['pull-from-mirror'] ?? (entry['mirror-by-digest-only'] ? 'digest-only' : 'all');
      return rule === 'all' || (rule === 'digest-only') === Boolean(ref.digest);
    })
    .map((m) => ({ ref: at(m.location), insecure: m.insecure ?? false, mirror: true }));
  return [...mirrors, { ref: at(entry.location), insecure: entry.insecure ?? false, mirror: false }];
}

/** Fetches the manifest from the first endpoint that serves it; the error of the registry itself when none does. */
export async function openFirstEndpoint(
  ref: ImageReference,
  options: ClientOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ client: RegistryClient; fetched: FetchedManifest }> {
  let lastError: unknown;
  for (const endpoint of endpointsFor(ref, loadRegistriesConf(env))) {
    const schemes = options.plainHttp ? [true] : endpoint.insecure ? [false, true] : [false];
    for (const plainHttp of schemes) {
      const client = new RegistryClient(endpoint.ref, { ...options, plainHttp });
      try {
        return { client, fetched: await client.manifest(ref.digest ?? ref.tag ?? 'latest') };
      } catch (err) {
        lastError = err;
        // an insecure registry falls back to http only when https found no TLS at all
        if (!plainHttp && !tlsProtocolError(err)) break;
      }
    }
  }
  throw lastError;
}

function bestMatch(
  ref: ImageReference,
  entries: RegistryEntry[],
): { entry: RegistryEntry; prefix: string } | undefined {
  const name = repositoryName(ref);
  const host = ref.registry.toLowerCase();
  let best: { entry: RegistryEntry; prefix: string; rank: number } | undefined;
  for (const entry of entries) {
    const prefix = entry.prefix ?? entry.location ?? '';
    const wildcard = prefix.startsWith('*.');
    const hit = wildcard
      ? host.replace(/:\d+$/, '').endsWith(prefix.slice(1))
      : name === prefix || name.startsWith(`${prefix}/`);
    // an exact prefix beats any wildcard; among equals the longer one wins
    const rank = (wildcard ? 0 : 10_000) + prefix.length;
    if (hit && (!best || rank > best.rank)) best = { entry, prefix, rank };
  }
  return best;
}

function rewrite(ref: ImageReference, name: string): ImageReference {
  const { registry, apiHost, repository } = parseReference(name);
  return {
    registry,
    apiHost,
    repository,
    ...(ref.tag ? { tag: ref.tag } : {}),
    ...(ref.digest ? { digest: ref.digest } : {}),
  };
}

function tlsProtocolError(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code === 'EPROTO' || code.startsWith('ERR_SSL')) return true;
    e = e.cause as typeof e;
  }
  return false;
}
