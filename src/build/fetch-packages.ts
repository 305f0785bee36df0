/**
 * The `.deb` files of a closure, each checked against the SHA256 of the signed Packages index
 * (cache first), then opened. Their xz members are decompressed by two `xz` processes in all
 * (one per core of a small machine), not one per member: see xz-index.ts.
 */
import type { ArMember } from './ar-archive.js';
import { debMembers, debPackage, type DebPackage } from './deb-package.js';
import { compressionOf, decompress, xzDecompressMany } from './decompress.js';
import { fetchVerified } from './download-cache.js';
import type { PackageRecord } from './packages-index.js';

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

/** The opened packages of a closure, in its order; `onDone` counts each download. */
export async function fetchPackages(
  packages: readonly PackageRecord[],
  cacheDir: string,
  onDone?: () => void,
): Promise<{ name: string; deb: DebPackage }[]> {
  const archives = await mapLimit(packages, 4, async (record) => {
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
  const tars = await decompressMembers(
    archives.flatMap((a) => [
      { member: a.control, label: a.label },
      { member: a.data, label: a.label },
    ]),
  );
  return archives.map((a, i) => ({
    name: packages[i]!.name,
    deb: debPackage(a, tars[2 * i]!, tars[2 * i + 1]!),
  }));
}
