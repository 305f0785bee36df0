import { createHash } from 'node:crypto';
import type { TargetInfo } from '../../catalog/types.js';

/**
 * A name-based UUID (RFC 9562 version 5 layout, SHA-1 of the parts) so that a document's serial
 * number or namespace is unique per image and time, yet the same output for the same input.
 */
export function nameBasedUuid(...parts: string[]): string {
  const bytes = createHash('sha1').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The UUID of one SBOM document: the target's identity plus the creation time. */
export function documentUuid(target: TargetInfo, now: Date): string {
  return nameBasedUuid('cleanroom-sbom', target.reference, target.digest ?? '', now.toISOString());
}
