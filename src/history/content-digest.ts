/**
 * The identity of an inventory that has no image digest (an SBOM file): the sha256 of its
 * canonical form, so the same content read from two files on two days is one digest, stored
 * once, and a tag that did not change content did not move.
 */
import { createHash } from 'node:crypto';
import type { Inventory } from '../catalog/types.js';

/**
 * What decides matching, in a fixed order: the distro and each package's type, name, version,
 * purl and source, packages sorted. File locations, the SBOM's name and its timestamp are left out.
 */
export function canonicalInventory(inventory: Inventory): string {
  const packages = inventory.packages
    .map((p) => [p.type, p.name, p.version, p.purl, p.source?.name ?? '', p.source?.version ?? ''])
    .sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : a.join('\0') > b.join('\0') ? 1 : 0));
  const d = inventory.distro;
  return JSON.stringify({ distro: d ? [d.id, d.versionId ?? '', d.codename ?? ''] : null, packages });
}

/** `sha256:<hex>` of the canonical inventory. */
export function contentDigest(inventory: Inventory): string {
  return `sha256:${createHash('sha256').update(canonicalInventory(inventory)).digest('hex')}`;
}

/** The digest an inventory is recorded under: the image's own digest, else its content digest. */
export function inventoryDigest(inventory: Inventory): { digest: string; kind: 'manifest' | 'content' } {
  const own = inventory.target.digest;
  return own ? { digest: own, kind: 'manifest' } : { digest: contentDigest(inventory), kind: 'content' };
}
