import type { Inventory } from '../catalog/types.js';

/** One SBOM format `scan` accepts as input instead of an image. */
export interface SbomReader {
  name: string;
  /** whether the parsed document (JSON object, or XML text) is in this format; cheap */
  detect(doc: unknown, text: string): boolean;
  /** turns the document into an inventory; throws InputError naming `file` when malformed */
  read(doc: unknown, text: string, file: string): Inventory;
}
