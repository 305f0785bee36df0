/** What `cleanroom suggest` takes and what it answers (its JSON output, `schemaVersion` 1). */
import type { BuildProgress } from '../build-image.js';
import type { Analysis } from './analysis-types.js';
import type { CheckResult } from './check.js';
import type { ComparedCounterpart } from './compare-counterparts.js';
import type { Proof } from './proof.js';

/** What suggest needs besides the source. */
export interface SuggestOptions {
  /** the folder to write cleanroom.yaml, the application layer, the image and its SBOM into */
  output: string;
  /** a command run in the built image as its user; a non-zero exit fails the suggestion */
  check?: string;
  /** say why this package is in */
  explain?: string;
  /** the advisory DB; default: the user's data folder */
  db?: string;
  platform?: string;
  plainHttp?: boolean;
  /** the builder's download cache */
  cacheDir?: string;
  /** the builder's apt configuration folder (tests) */
  aptDir?: string;
  /** counterparts the user names (references, archives, layouts), compared beside the catalogue's */
  counterparts?: string[];
  /** how long to wait for a counterpart's registry before calling it unreachable (ms) */
  counterpartTimeoutMs?: number;
  onStep?: (step: string) => void;
  onBuildProgress?: (p: BuildProgress) => void;
}

/** One package of the suggestion: declared by the analysis (with why) or pulled by Depends. */
export interface SuggestedPackage {
  name: string;
  version: string;
  declared: boolean;
  reasons: string[];
}

/** What suggest made and proved. */
export interface Suggestion {
  schemaVersion: '1';
  source: string;
  suite: string;
  architecture: string;
  command: string[];
  user: Analysis['user'];
  packages: SuggestedPackage[];
  /** packages of the original the suggestion leaves out */
  leftOut: string[];
  application: { files: number; bytes: number };
  isStatic: boolean;
  files: { imageFile: string; applicationLayer: string; image: string; sbom: string };
  check?: CheckResult;
  explain?: string[];
  proof: Proof;
  /** the catalogue's and the user's counterparts: scanned beside the proof when reachable */
  counterparts: ComparedCounterpart[];
  notes: string[];
  warnings: string[];
  /** seconds spent in each step */
  timings: Record<string, number>;
}
