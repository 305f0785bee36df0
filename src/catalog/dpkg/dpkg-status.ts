import type { Stanza } from './control.js';

/** One package of a dpkg status database, as read from its stanza. */
export interface DpkgRecord {
  name: string;
  version: string;
  arch?: string;
  sourceName: string;
  sourceVersion: string;
  status?: string;
  maintainer?: string;
  installedSize?: number;
  multiArch?: string;
}

/**
 * dpkg package states whose files are not on disk: `not-installed` and `config-files` (only
 * conffiles remain). `dpkg-query -W` still lists config-files packages, but a scanner must not
 * report vulnerable code that was removed, so both are skipped. Every other state (installed,
 * unpacked, half-installed, half-configured, triggers-*) leaves the package's files in place.
 */
const ABSENT_STATES = new Set(['not-installed', 'config-files']);

/**
 * Turns one status stanza into a record: undefined for packages that are not on disk, a string for
 * a stanza that cannot be a package. A stanza without `Status` (distroless `status.d/` files) is
 * taken as installed.
 */
export function dpkgRecordFromStanza(stanza: Stanza): DpkgRecord | undefined | string {
  const f = stanza.fields;
  const name = f.get('package');
  const status = f.get('status');
  const state = status?.split(/\s+/)[2];
  if (state && ABSENT_STATES.has(state)) return undefined;
  const version = f.get('version');
  if (!name || !version)
    return `the stanza at line ${stanza.line} has no ${name ? 'Version' : 'Package'} field`;
  // `Source: name (version)` when the source version differs (binNMUs), else just the name
  const source = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(f.get('source') ?? '');
  const size = Number(f.get('installed-size'));
  return {
    name,
    version,
    arch: f.get('architecture'),
    sourceName: source?.[1] ?? name,
    sourceVersion: source?.[2]?.trim() ?? version,
    status,
    maintainer: f.get('maintainer'),
    installedSize: f.has('installed-size') && Number.isFinite(size) ? size : undefined,
    multiArch: f.get('multi-arch'),
  };
}
