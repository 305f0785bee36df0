/**
 * The `.deb` files of a closure, each checked against the SHA256 of the signed Packages index
 * (cache first), then opened; a few at a time, so downloads overlap decompression.
 */
import type { DebPackage } from './deb-package.js';
import { openDeb } from './deb-package.js';
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

/** The opened packages of a closure, in its order; `onDone` counts each one. */
export async function fetchPackages(
  packages: readonly PackageRecord[],
  cacheDir: string,
  onDone?: () => void,
): Promise<{ name: string; deb: DebPackage }[]> {
  return mapLimit(packages, 4, async (record) => {
    const url = `${record.repository}/${record.filename}`;
    const data = await fetchVerified(cacheDir, {
      url,
      sha256: record.sha256,
      label: record.filename,
      vouchedBy: 'the verified Packages index',
    });
    const deb = await openDeb(data, record.filename);
    onDone?.();
    return { name: record.name, deb };
  });
}
