/**
 * The dependency list that cargo-auditable (https://github.com/rust-secure-code/cargo-auditable)
 * links into a Rust binary: zlib-compressed JSON in the ELF section `.dep-v0`. A real one is a few
 * kilobytes; the limits below are far above any real one and keep a crafted file (a zlib bomb, a
 * huge section) from costing more than a few megabytes.
 */
import { inflateSync } from 'node:zlib';
import { errorMessage } from '../../errors.js';
import { findElfSection } from '../elf/elf-section.js';

export const AUDIT_SECTION = '.dep-v0';
/** the most compressed bytes kept of a section; a larger one is reported, not read */
export const MAX_COMPRESSED = 4 * 1024 * 1024;
/** the most JSON a section may inflate to */
export const MAX_JSON = 16 * 1024 * 1024;
// marks the part `auditDataBytes` keeps, so that `readAuditData` tells it from a whole binary; an
// ELF file starts with \x7fELF, never with this
const KEPT = Buffer.from('cleanroom:rust:dep-v0\n', 'latin1');

/**
 * The compressed audit data of a binary, or of the part `auditDataBytes` kept of one; undefined
 * when the content has none.
 */
export function readAuditData(content: Buffer): Buffer | undefined {
  if (content.subarray(0, KEPT.length).equals(KEPT)) return content.subarray(KEPT.length);
  return findElfSection(content, AUDIT_SECTION);
}

/**
 * The part of a binary worth keeping (the `reduce` of the cataloguer): its compressed audit data
 * behind a marker, cut one byte past the limit so that an oversized section is still reported,
 * copied so that the binary itself can be let go; undefined when the binary has none.
 */
export function auditDataBytes(content: Buffer): Buffer | undefined {
  const data = readAuditData(content);
  if (!data) return undefined;
  return Buffer.concat([KEPT, data.subarray(0, MAX_COMPRESSED + 1)]);
}

/** The JSON text of compressed audit data, or why it cannot be read. */
export function inflateAuditData(data: Buffer): { json: string } | { problem: string } {
  if (data.length > MAX_COMPRESSED)
    return { problem: `has a ${AUDIT_SECTION} section larger than ${MAX_COMPRESSED} bytes` };
  let json: Buffer;
  try {
    json = inflateSync(data, { maxOutputLength: MAX_JSON });
  } catch (err) {
    // maxOutputLength makes Node stop inflating with this code, before the bomb costs memory
    const tooLarge = (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    return {
      problem: tooLarge
        ? `has a ${AUDIT_SECTION} section that inflates to more than ${MAX_JSON} bytes`
        : `has a ${AUDIT_SECTION} section that is not zlib data: ${errorMessage(err)}`,
    };
  }
  return { json: json.toString('utf8') };
}
