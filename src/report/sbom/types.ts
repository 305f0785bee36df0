import type { Inventory } from '../../catalog/types.js';

/** What a format may depend on besides the inventory: passed in so output is reproducible. */
export interface RenderContext {
  /** the document's creation time (tests fix it; the CLI passes the current time) */
  now: Date;
  /** whether to use colour (only the table uses it; true only on a terminal) */
  color: boolean;
}

/** One SBOM output format: a pure function from an inventory to text. */
export interface SbomFormat {
  /** the `--format` name, e.g. `cyclonedx-json` */
  name: string;
  /** one line for `--help` */
  description: string;
  render(inventory: Inventory, ctx: RenderContext): string;
}
