/**
 * Registry credentials from Docker's client config (`$DOCKER_CONFIG/config.json`, default
 * `~/.docker/config.json`): `credHelpers` per registry, then `credsStore`, then `auths` entries
 * (`auth` = base64 of user:password, or username/password, or `identitytoken`).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCredentialHelper } from './credential-helper.js';
import type { Credentials } from './credentials.js';
import { DOCKER_HUB } from './reference.js';

export type { Credentials } from './credentials.js';

const authEntry = z.object({
  auth: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  identitytoken: z.string().optional(),
});
const configSchema = z.object({
  auths: z.record(z.string(), authEntry).optional(),
  credHelpers: z.record(z.string(), z.string()).optional(),
  credsStore: z.string().optional(),
});
type DockerConfig = z.infer<typeof configSchema>;

/** Docker Hub's key in config.json and in credential helpers, kept from the v1 index days. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';

/** The config file Docker reads: `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

// Config keys may be `host`, `https://host`, `http://host/v1/`: compare by host only.
function keyHost(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}
function sameRegistry(key: string, registry: string): boolean {
  const host = keyHost(key);
  if (registry === DOCKER_HUB) return ['index.docker.io', 'docker.io', 'registry-1.docker.io'].includes(host);
  return host === registry.toLowerCase();
}

async function readConfig(path: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined; // no config: anonymous access
  }
  try {
    const parsed = configSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function fromAuthEntry(entry: z.infer<typeof authEntry>, path: string): Credentials | undefined {
  const source = path;
  if (entry.identitytoken) return { identityToken: entry.identitytoken, source };
  if (entry.username && entry.password) return { username: entry.username, password: entry.password, source };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
  }
  return undefined;
}

/** Finds the credentials for a registry (`docker.io`, `host:port`); undefined for anonymous access. */
export async function findCredentials(
  registry: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credentials | undefined> {
  const path = dockerConfigPath(env);
  const config = await readConfig(path);
  if (!config) return undefined;
  const serverUrl = registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
  const helper = Object.entries(config.credHelpers ?? {}).find(([key]) => sameRegistry(key, registry))?.[1];
  if (helper) return runCredentialHelper(helper, serverUrl);
  if (config.credsStore) {
    const stored = await runCredentialHelper(config.credsStore, serverUrl);
    if (stored) return stored;
  }
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (!sameRegistry(key, registry)) continue;
    const found = fromAuthEntry(entry, path);
    if (found) return found;
  }
  return undefined;
}
