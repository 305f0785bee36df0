/**
 * The `.deb` files of a closure, each checked against the SHA256 of the signed Packages index
 * (cache first), then opened. Their xz members are decompressed by two `xz` processes in all
 * (one per core of a small machine), not one per member (see xz-index.ts), and the decompressed
 * tars are cached (unpacked-cache.ts).
 */
import type { ArMember } from './ar-archive.js';
import { debMembers, debPackage, type DebMembers, type DebPackage } from './deb-package.js';
import { compressionOf, decompress, xzDecompressMany } from './decompress.js';
import { fetchVerified } from './download-cache.js';
import type { PackageRecord } from './packages-index.js';
import { readUnpacked, storeUnpacked, type UnpackedDeb } from './unpacked-cache.js';

/** Runs `work` over `items` with at most `limit` at once, keeping the input order in the result. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const XZ_PROCESSES = 2;

/** Decompresses members, the xz ones in a few batches of balanced compressed size. */
async function decompressMembers(members: { member: ArMember; label: string }[]): Promise<Buffer[]> {
  const out = new Array<Buffer>(members.length);
  const batches: { index: number; data: Buffer; label: string }[][] = Array.from(
    { length: XZ_PROCESSES },
    () => [],
  );
  const load = new Array<number>(XZ_PROCESSES).fill(0);
  const xz = members
    .map((m, index) => ({ index, data: m.member.data, label: `${m.member.name} of ${m.label}` }))
    .filter((_, i) => compressionOf(members[i]!.member.name) === 'xz')
    .sort((a, b) => b.data.length - a.data.length);
  for (const item of xz) {
    const lightest = load.indexOf(Math.min(...load));
    batches[lightest]!.push(item);
    load[lightest] = load[lightest]! + item.data.length;
  }
  await Promise.all([
    ...batches.map(async (batch) => {
      const parts = await xzDecompressMany(batch);
      batch.forEach((item, i) => (out[item.index] = parts[i]!));
    }),
    ...members.map(async ({ member, label }, index) => {
      const kind = compressionOf(member.name);
      if (kind !== 'xz') out[index] = await decompress(member.data, kind, `${member.name} of ${label}`);
    }),
  ]);
  return out;
}

/** The opened packages of a closure, in its order; `onDone` counts each one fetched or found. */
export async function fetchPackages(
  packages: readonly PackageRecord[],
  cacheDir: string,
  onDone?: () => void,
): Promise<{ name: string; deb: DebPackage }[]> {
  const found = await mapLimit(packages, 4, async (record): Promise<UnpackedDeb | DebMembers> => {
    const unpacked = await readUnpacked(cacheDir, record.sha256, record.filename);
    if (unpacked) {
      onDone?.();
      return unpacked;
    }
    const url = `${record.repository}/${record.filename}`;
    const data = await fetchVerified(cacheDir, {
      url,
      sha256: record.sha256,
      label: record.filename,
      vouchedBy: 'the verified Packages index',
    });
    onDone?.();
    return debMembers(data, record.filename);
  });
  const missing = found.flatMap((f, i) => ('controlTar' in f ? [] : [{ members: f, index: i }]));
  const tars = await decompressMembers(
    missing.flatMap(({ members }) => [
      { member: members.control, label: members.label },
      { member: members.data, label: members.label },
    ]),
  );
  const debs = found.map((f) =>
    'controlTar' in f ? debPackage(f.members, f.controlTar, f.dataTar) : undefined,
  );
  await Promise.all(
    missing.map(async ({ members, index }, n) => {
      const fresh = { members, controlTar: tars[2 * n]!, dataTar: tars[2 * n + 1]! };
      debs[index] = debPackage(members, fresh.controlTar, fresh.dataTar); // a bad tar throws before caching
      await storeUnpacked(cacheDir, packages[index]!.sha256, fresh);
    }),
  );
  return debs.map((deb, i) => ({ name: packages[i]!.name, deb: deb! }));
}
