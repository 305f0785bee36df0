import type { ScanResult } from '../../match/types.js';

/** What a scan format may depend on besides the result: passed in so output is reproducible. */
export interface ScanRenderOptions {
  /** the document's creation time (tests fix it; the CLI passes the current time) */
  now: Date;
  /** whether to use colour (only the table uses it; true only on a terminal) */
  color: boolean;
  /** `--show-suppressed`: also list findings VEX suppressed (table, csv, sarif) */
  showSuppressed?: boolean;
}

/** One scan output format: a pure function from a scan result to text. */
export interface ScanFormat {
  /** the `--format` name, e.g. `sarif` */
  name: string;
  /** one line for `--help` */
  description: string;
  render(result: ScanResult, options: ScanRenderOptions): string;
}
