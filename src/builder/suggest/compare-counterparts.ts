/**
 * Known counterparts compared when reachable: each candidate of the catalogue (counterparts.ts)
 * and each `--counterpart` the user names (a registry reference, a docker or OCI archive, an OCI
 * layout) is read and scanned with the proof's DB and rules (proof-scanner.ts), beside the
 * suggestion. One that cannot be read in time (no network, unknown name, no such file) is said so
 * in one line and the rest go on.
 */
import { catalogView, wantsAny } from '../../catalog/index.js';
import type { Inventory } from '../../catalog/types.js';
import { openSource, readImage } from '../../image/index.js';
import type { OpenedSource } from '../../image/types.js';
import type { Counterpart } from './counterparts.js';
import type { ImageProof } from './image-proof.js';
import type { ProofScanner } from './proof-scanner.js';

const OS_PACKAGES = new Set(['deb', 'apk', 'rpm']);

/** A counterpart as the suggestion shows it: its numbers, or why it was not compared. */
export interface ComparedCounterpart extends Counterpart {
  /** `catalogue` (shipped or the user's file) or `option` (`--counterpart`) */
  from: 'catalogue' | 'option';
  /** scanned beside the proof (packages: its distribution's, deb, apk or rpm) */
  proof?: ImageProof & { distro?: string };
  /** why it was not compared, in one line */
  unreachable?: string;
}

/** How to reach counterparts. */
export interface ReachOptions {
  platform?: string;
  plainHttp?: boolean;
  /** how long to wait for a source to open (a registry that does not answer), default 20 s */
  timeoutMs?: number;
}

/** Opens a source, or fails when it has not opened within `ms` (it is closed when it does later). */
async function openWithin(ref: string, options: ReachOptions, ms: number): Promise<OpenedSource> {
  const opening = openSource(ref, { platform: options.platform, plainHttp: options.plainHttp });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      void opening.then((o) => o.close()).catch(() => undefined);
      fail(new Error(`no answer within ${Math.round(ms / 1000)} s`));
    }, ms);
    timer.unref();
  });
  try {
    return await Promise.race([opening, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The inventory and compressed size of a reachable counterpart. */
async function readCounterpart(
  ref: string,
  options: ReachOptions,
): Promise<{ inventory: Inventory; sizeBytes?: number }> {
  const opened = await openWithin(ref, options, options.timeoutMs ?? 20_000);
  try {
    const read = await readImage(opened, wantsAny);
    const inventory = await catalogView(read.view, read.target);
    return { inventory, sizeBytes: opened.kind === 'image' ? opened.sizeBytes : undefined };
  } finally {
    await opened.close();
  }
}

/** The first line of an error, as the one line an unreachable counterpart gets. */
const oneLine = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/\s+/g, ' ').trim();

/**
 * Reads and scans each counterpart in turn (one at a time: each may pull an image); `withYear`
 * replays its year as the proof did. A scanner that is a string (no DB) leaves counts out.
 */
export async function compareCounterparts(
  counterparts: readonly (Counterpart & { from: ComparedCounterpart['from'] })[],
  scanner: ProofScanner | string,
  withYear: boolean,
  options: ReachOptions = {},
): Promise<ComparedCounterpart[]> {
  const out: ComparedCounterpart[] = [];
  for (const c of counterparts) {
    let read: Awaited<ReturnType<typeof readCounterpart>>;
    try {
      read = await readCounterpart(c.ref, options);
    } catch (err) {
      out.push({ ...c, unreachable: oneLine(err) });
      continue;
    }
    const { inventory } = read;
    const d = inventory.distro;
    const proof: NonNullable<ComparedCounterpart['proof']> = {
      packages: inventory.packages.filter((p) => OS_PACKAGES.has(p.type)).length,
      sizeBytes: read.sizeBytes,
      ...(d && { distro: `${d.id}${d.versionId ? ` ${d.versionId}` : ''}` }),
    };
    if (typeof scanner !== 'string') {
      const scanned = await scanner.scan(inventory);
      proof.today = scanned.today;
      if (withYear) proof.lastYear = scanned.year;
    }
    out.push({ ...c, proof });
  }
  return out;
}

/** The catalogue's candidates, then the user's `--counterpart` references not already among them. */
export function counterpartList(
  catalogue: readonly Counterpart[],
  given: readonly string[] = [],
): (Counterpart & { from: ComparedCounterpart['from'] })[] {
  const list: (Counterpart & { from: ComparedCounterpart['from'] })[] = catalogue.map((c) => ({
    ...c,
    from: 'catalogue',
  }));
  for (const ref of given)
    if (!list.some((c) => c.ref === ref))
      list.push({ ref, kind: 'given with --counterpart', from: 'option' });
  return list;
}
