/**
 * `registries.conf` (containers-registries.conf(5), version 2 TOML) as Podman and skopeo read it:
 * `[[registry]]` tables with `prefix`, `location`, `insecure`, `blocked` and their
 * `[[registry.mirror]]` entries (`location`, `insecure`, `pull-from-mirror`). The file is
 * `$CONTAINERS_REGISTRIES_CONF`, else `$XDG_CONFIG_HOME/containers/registries.conf` when it exists,
 * else `/etc/containers/registries.conf`. Drop-ins (`registries.conf.d`) are not read.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { z } from 'zod';
import { InputError } from '../../errors.js';

const mirrorSchema = z.object({
  location: z.string().min(1),
  insecure: z.boolean().optional(),
  'pull-from-mirror': z.enum(['all', 'digest-only', 'tag-only']).optional(),
});
const registrySchema = z.object({
  prefix: z.string().optional(),
  location: z.string().optional(),
  insecure: z.boolean().optional(),
  blocked: z.boolean().optional(),
  'mirror-by-digest-only': z.boolean().optional(),
  mirror: z.array(mirrorSchema).optional(),
});
const confSchema = z.object({ registry: z.array(registrySchema).optional() });

export type RegistryEntry = z.infer<typeof registrySchema>;

export interface RegistriesConf {
  path: string;
  registries: RegistryEntry[];
}

/** Which registries.conf applies; undefined when there is none. */
export function registriesConfPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CONTAINERS_REGISTRIES_CONF) return env.CONTAINERS_REGISTRIES_CONF;
  const user = join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'containers', 'registries.conf');
  for (const path of [user, '/etc/containers/registries.conf']) if (exists(path)) return path;
  return undefined;
}

const cache = new Map<string, { stamp: string; conf: RegistriesConf }>();

/** Reads the registries.conf that applies (cached while the file is unchanged); undefined when none. */
export function loadRegistriesConf(env: NodeJS.ProcessEnv = process.env): RegistriesConf | undefined {
  const path = registriesConfPath(env);
  if (!path) return undefined;
  let stamp: string;
  try {
    const st = statSync(path);
    stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    // only a file named by CONTAINERS_REGISTRIES_CONF can be missing here: the user meant it
    throw new InputError(`the registries.conf ${path} (CONTAINERS_REGISTRIES_CONF) does not exist`);
  }
  const hit = cache.get(path);
  if (hit?.stamp === stamp) return hit.conf;
  const conf = parseRegistriesConf(readFileSync(path, 'utf8'), path);
  cache.set(path, { stamp, conf });
  return conf;
}

/** Parses registries.conf text; malformed TOML or a wrong type is one sentence naming the file. */
export function parseRegistriesConf(text: string, path: string): RegistriesConf {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    const line = (err as { line?: number }).line;
    throw new InputError(`${path} is not valid TOML${line ? ` (line ${line})` : ''}`);
  }
  if (doc && typeof doc === 'object' && 'registries' in doc)
    throw new InputError(
      `${path} is a version 1 registries.conf; only version 2 ([[registry]] tables) is read`,
    );
  const parsed = confSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${path}: ${issue?.path.join('.') || 'the file'} ${issue?.message ?? 'is invalid'}`);
  }
  const registries = parsed.data.registry ?? [];
  for (const entry of registries) {
    if (!entry.prefix && !entry.location)
      throw new InputError(`${path}: a [[registry]] table needs a prefix or a location`);
    if (entry.prefix?.startsWith('*.') && entry.location)
      throw new InputError(`${path}: the wildcard prefix ${entry.prefix} cannot have a location`);
  }
  return { path, registries };
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether registries.conf marks a host (`host[:port]`) insecure: TLS without verification. */
export function insecureHost(host: string, conf: RegistriesConf | undefined): boolean {
  if (!conf) return false;
  const hostOf = (location: string) => location.split('/')[0]?.toLowerCase();
  const wanted = host.toLowerCase();
  return conf.registries.some((entry) => {
    const own = entry.location ?? entry.prefix ?? '';
    const ownMatches = own.startsWith('*.') ? wanted.endsWith(own.slice(1)) : hostOf(own) === wanted;
    if (entry.insecure && ownMatches) return true;
    return (entry.mirror ?? []).some((m) => m.insecure && hostOf(m.location) === wanted);
  });
}
