/**
 * The work list of the analysis: a path a package owns brings that package (with why); a path no
 * package owns is queued once, by its real path, to be read and analysed in turn.
 */
import type { Reasons } from './analysis-types.js';
import type { ImageLookup } from './image-lookup.js';

/** A queued file: why it is needed, and whether the entrypoint names it (then its `#!` counts). */
export interface Queued {
  path: string;
  why: string;
  named: boolean;
}

/** The packages found so far and the unowned files left to analyse. */
export class Needs {
  readonly packages: Reasons = new Map();
  private readonly queue: Queued[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly lookup: ImageLookup) {}

  /** Declares a package, adding a reason once. */
  need(pkg: string, why: string): void {
    const list = this.packages.get(pkg) ?? [];
    if (!list.includes(why)) list.push(why);
    this.packages.set(pkg, list);
  }

  /** A path the program needs: its owner declared, or the file queued. */
  async visit(path: string, why: string, named = false): Promise<void> {
    const owner = await this.lookup.ownerOf(path);
    if (owner) {
      this.need(owner, why);
      return;
    }
    const target = await this.lookup.real(path);
    if (!this.seen.has(target)) {
      this.seen.add(target);
      this.queue.push({ path: target, why, named });
    }
  }

  /** The next file to analyse, oldest first. */
  next(): Queued | undefined {
    return this.queue.shift();
  }
}
