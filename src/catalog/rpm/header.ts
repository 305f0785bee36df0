/**
 * RPM header blobs as the rpm databases store them (the RPM file format's "header structure"
 * without its 8-byte magic): index count and data length (big-endian u32), then one 16-byte index
 * entry per tag (tag, type, offset into the data store, count), then the data store.
 */

/** Tags we read (rpmtag.h numbers, stable since RPM 3). */
export const RPMTAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SIZE: 1009,
  VENDOR: 1011,
  LICENSE: 1014,
  ARCH: 1022,
  SOURCERPM: 1044,
  MODULARITYLABEL: 5096,
} as const;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;

/** The fields of one installed rpm that the catalog needs. */
export interface RpmHeader {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch?: string;
  sourceRpm?: string;
  license?: string;
  vendor?: string;
  size?: number;
  /** `name:stream:version:context` of a package built for a module stream (RHEL 8+ AppStream) */
  modularityLabel?: string;
}

/** Decodes one header blob; throws an Error naming the problem when the blob is malformed. */
export function parseRpmHeader(blob: Uint8Array): RpmHeader {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < 8) throw new Error(`header blob of ${buf.length} bytes is too short`);
  const count = buf.readUInt32BE(0);
  const dataLength = buf.readUInt32BE(4);
  const storeStart = 8 + count * 16;
  if (count > 100_000 || storeStart + dataLength > buf.length)
    throw new Error('header index runs past the blob');
  const strings = new Map<number, string>();
  const ints = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const at = 8 + i * 16;
    const tag = buf.readUInt32BE(at);
    const type = buf.readUInt32BE(at + 4);
    const offset = buf.readUInt32BE(at + 8);
    if (offset >= dataLength) continue; // region trailers and the like point outside; not ours
    const pos = storeStart + offset;
    if (type === TYPE_STRING || type === TYPE_I18NSTRING || type === TYPE_STRING_ARRAY) {
      const end = buf.indexOf(0, pos);
      strings.set(tag, buf.toString('utf8', pos, end < 0 ? storeStart + dataLength : end));
    } else if (type === TYPE_INT32 && pos + 4 <= storeStart + dataLength) {
      ints.set(tag, buf.readUInt32BE(pos));
    }
  }
  const name = strings.get(RPMTAG.NAME);
  const version = strings.get(RPMTAG.VERSION);
  const release = strings.get(RPMTAG.RELEASE);
  if (!name || version === undefined || release === undefined)
    throw new Error('header has no name, version or release');
  return {
    name,
    version,
    release,
    epoch: ints.get(RPMTAG.EPOCH),
    arch: strings.get(RPMTAG.ARCH),
    sourceRpm: strings.get(RPMTAG.SOURCERPM),
    license: strings.get(RPMTAG.LICENSE),
    vendor: strings.get(RPMTAG.VENDOR),
    size: ints.get(RPMTAG.SIZE),
    modularityLabel: strings.get(RPMTAG.MODULARITYLABEL),
  };
}
