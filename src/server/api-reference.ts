/**
 * What a reference given through the API may make the server read (docs/security.md): a registry
 * reference, always pulled from the registry (never a local file that happens to bear its name),
 * or a local path only under a folder the operator listed with `serve --allow-path DIR`. A path
 * outside them is refused with the same sentence whether it exists or not, so the API tells
 * nothing about the server's files.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { stripRegistryPrefix, tryParseReference } from '../image/registry/reference.js';
import { byPrefix } from '../image/sources.js';

// what only a file can be: an absolute or relative path, a home folder, an archive's name
const PATH_LIKE = /^(\/|\.\.?(\/|$)|~)|\.(tar|tgz|tar\.gz|tar\.zst|json)$/i;

/**
 * The reference to hand to `track` for `text` given through the API: `registry:REF` for a
 * registry reference, the path itself for a path under an allowed folder; anything else is an
 * InputError naming `reference`.
 */
export async function apiReference(text: string, allowPaths: readonly string[] = []): Promise<string> {
  const value = text.trim();
  const prefixed = byPrefix(value);
  if (!PATH_LIKE.test(value) && (!prefixed || prefixed.source.name === 'registry')) {
    const bare = stripRegistryPrefix(value);
    if (tryParseReference(bare)) return `registry:${bare}`;
  }
  const path = prefixed && prefixed.source.name !== 'registry' ? prefixed.rest : value;
  if (await underAllowed(path, allowPaths)) return value;
  throw new InputError(
    `reference: "${text}" is not a registry reference (NAME[:TAG][@sha256:…]); the API reads no local path${
      allowPaths.length
        ? ' outside the folders this server allows'
        : ' (serve --allow-path DIR allows one folder)'
    }`,
  );
}

async function underAllowed(path: string, allowPaths: readonly string[]): Promise<boolean> {
  if (!allowPaths.length || !isAbsolute(path.replace(/:[^/:]*$/, ''))) return false;
  // an archive may carry `:TAG` after its path
  const candidates = [path, path.replace(/:[^/:]*$/, '')];
  for (const allowed of allowPaths) {
    const root = await realpath(allowed).catch(() => resolve(allowed));
    for (const candidate of candidates) {
      const lexical = resolve(candidate);
      if (!inside(root, lexical)) continue;
      // a symbolic link inside must not lead outside
      const real = await realpath(lexical).catch(() => undefined);
      if (real === undefined || inside(root, real)) return true;
    }
  }
  return false;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
