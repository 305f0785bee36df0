import type { CompactFinding } from '../compact.js';
import type { NewObservation } from '../types.js';

/** What a peer scanner's result file says, ready to become an observation. */
export type PeerResult = Pick<
  NewObservation,
  'scanner' | 'db' | 'digest' | 'digestKind' | 'created' | 'sizeBytes' | 'packages' | 'distro'
> & {
  /** when the peer ran the scan, where the file says */
  scannedAt?: string;
  findings: CompactFinding[];
};

/** One peer result format: recognised by shape, validated with zod. */
export interface PeerFormat {
  name: string;
  /** cheap: whether the parsed JSON looks like this format at all */
  detect(doc: unknown): boolean;
  /** validates and converts; throws InputError naming `file` when the document is malformed */
  read(doc: unknown, file: string): PeerResult;
}
