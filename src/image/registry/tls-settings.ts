/**
 * The TLS trust a registry connection uses, read where users already keep it: a CA bundle for
 * every registry (`--ca-file`, else `SSL_CERT_FILE`) and per registry the folders Podman, skopeo
 * and Docker read (`/etc/containers/certs.d/HOST[:PORT]/*.crt`, `~/.config/containers/certs.d`,
 * `/etc/docker/certs.d/HOST[:PORT]/`), with client certificates as `*.cert` + `*.key` pairs.
 * Every CA found is added to Node's own roots, as containers/image adds them to the system pool.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { InputError } from '../../errors.js';

export interface TlsSettings {
  /** extra CA certificates (PEM) beyond Node's roots; empty when none are configured */
  extraCa: string[];
  /** a client certificate and its key (PEM), from a certs.d folder */
  cert?: string;
  key?: string;
  /** where each setting came from, for messages */
  sources: string[];
}

let caFileOption: string | undefined;

/** Sets (or clears) the CA bundle given with `--ca-file`; it takes the place of `SSL_CERT_FILE`. */
export function useCaFile(path: string | undefined): void {
  caFileOption = path;
}

/** The certs.d roots searched, in order: `CLEANROOM_CERTS_DIRS` (colon-separated) replaces the defaults. */
export function certsDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.CLEANROOM_CERTS_DIRS !== undefined) return env.CLEANROOM_CERTS_DIRS.split(':').filter(Boolean);
  const config = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return ['/etc/containers/certs.d', join(config, 'containers', 'certs.d'), '/etc/docker/certs.d'];
}

/** The TLS settings for one registry host (`host` or `host:port`, as the folder is named). */
export function tlsSettingsFor(host: string, env: NodeJS.ProcessEnv = process.env): TlsSettings {
  const settings: TlsSettings = { extraCa: [], sources: [] };
  const bundle = caFileOption ?? env.SSL_CERT_FILE;
  if (bundle) {
    settings.extraCa.push(...readPems(bundle, caFileOption ? '--ca-file' : 'SSL_CERT_FILE'));
    settings.sources.push(bundle);
  }
  for (const root of certsDirs(env)) {
    const dir = join(root, host);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue; // no folder for this registry: nothing to add
    }
    for (const name of names.filter((n) => n.endsWith('.crt'))) {
      settings.extraCa.push(...readPems(join(dir, name), 'the CA file'));
      settings.sources.push(join(dir, name));
    }
    for (const name of names.filter((n) => n.endsWith('.cert'))) {
      const keyName = `${name.slice(0, -'.cert'.length)}.key`;
      if (!names.includes(keyName))
        throw new InputError(`the client certificate ${join(dir, name)} has no key ${keyName} beside it`);
      if (settings.cert) continue; // the first pair wins, as containers/image uses one
      settings.cert = readFileSync(join(dir, name), 'utf8');
      settings.key = readFileSync(join(dir, keyName), 'utf8');
      settings.sources.push(join(dir, name));
    }
  }
  return settings;
}

/** Node's connect options for these settings; undefined when they change nothing. */
export function tlsConnectOptions(
  settings: TlsSettings,
  insecure = false,
): { ca?: string[]; cert?: string; key?: string; rejectUnauthorized?: boolean } | undefined {
  if (!settings.extraCa.length && !settings.cert && !insecure) return undefined;
  return {
    ...(settings.extraCa.length ? { ca: [...rootCertificates, ...settings.extraCa] } : {}),
    ...(settings.cert && settings.key ? { cert: settings.cert, key: settings.key } : {}),
    ...(insecure ? { rejectUnauthorized: false } : {}),
  };
}

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function readPems(path: string, what: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(
      `cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`,
    );
  }
  const pems = text.match(PEM) ?? [];
  if (!pems.length) throw new InputError(`${what} ${path} holds no PEM certificate`);
  return pems;
}
