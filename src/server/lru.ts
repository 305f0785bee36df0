/**
 * A least-recently-used map bounded by the bytes of its values (answers of a few KB to a few
 * hundred KB: a count bound would let a few 365-day answers take all the memory).
 */
export class ByteLru<V extends { bytes: number }> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The value of `key`, which becomes the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // a Map iterates in insertion order: re-inserting moves the key to the young end
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Keeps `value` under `key`, evicting the least recently used values beyond the budget. */
  set(key: string, value: V): void {
    if (value.bytes > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, value);
    this.bytes += value.bytes;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.bytes;
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }

  get size(): number {
    return this.entries.size;
  }
}
