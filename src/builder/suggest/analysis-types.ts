/** What the analysis of an image finds: the types every analysis step and the later steps share. */
import type { FileInfo, FileView } from '../../image/file-view.js';
import type { ImageConfig } from '../../image/types.js';
import type { Owners } from './owners.js';

/** Why a package or a file is in. */
export type Reasons = Map<string, string[]>;

/** The account the suggested image runs as. */
export interface SuggestedUser {
  /** the original config's User ('' when unset: root) */
  original: string;
  runsAsRoot: boolean;
  user: string;
  uid: number;
  gid: number;
}

/** What the analysis found. */
export interface Analysis {
  /** the command the image runs: entrypoint + cmd */
  argv: string[];
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  workdir?: string;
  user: SuggestedUser;
  /** packages to declare, with why */
  packages: Reasons;
  /** the unowned files carried in the application layer */
  appFiles: FileInfo[];
  caCertificates: boolean;
  /** no library, interpreter or script need: the static base */
  isStatic: boolean;
  notes: string[];
  warnings: string[];
}

/** Inputs of the analysis. */
export interface AnalyseInput {
  /** the image's files; the unowned application files with their bytes */
  view: FileView;
  owners: Owners;
  config: ImageConfig;
  /** installed packages, name → version */
  installed: ReadonlyMap<string, string>;
  /** the Debian multiarch triplet of the image's architecture */
  triplet: string;
}
