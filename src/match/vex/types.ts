import type { VexStatement } from '../types.js';

/** One product a statement is about: a purl, an image digest, or an image with packages in it. */
export interface VexProduct {
  /** a purl (`pkg:deb/debian/lz4`), an image purl (`pkg:oci/…`), a digest, or another id */
  id: string;
  /** packages inside the product the statement is about (OpenVEX `subcomponents`) */
  subcomponents: string[];
}

/**
 * A statement as read from a VEX document (OpenVEX or CycloneDX), before it is matched to
 * findings. `status`, `justification`, `impactStatement` and `source` are what ends up on the
 * finding (`VexStatement`); the rest decides which findings it applies to and which one wins.
 */
export interface VexDocumentStatement extends VexStatement {
  /** the main id (`CVE-2025-62813`) */
  vulnerability: string;
  /** other ids of the same vulnerability the document gives (`@id`, aliases) */
  aliases: string[];
  products: VexProduct[];
  /** what to do about it (OpenVEX `action_statement`, CycloneDX `analysis.response`) */
  actionStatement?: string;
  /** statement last_updated ?? timestamp ?? document's; ISO 8601; the latest statement wins */
  timestamp?: string;
}
