/** What `GET …/tags/{tag}/suggestion` answers (docs/api.md): the suggestion `suggest --track` stored. */
import type { BySeverity } from '../../api';

export interface ImageProof {
  packages: number;
  sizeBytes?: number;
  today?: { bySeverity: BySeverity; total: number };
  lastYear?: { from: string; to: string; accumulated: number; dailyAverage: number | null };
}
export interface Saved {
  cves: number;
  hours: number;
  money: number;
}
export interface Counterpart {
  ref: string;
  kind: string;
  from: 'catalogue' | 'option';
  proof?: ImageProof & { distro?: string };
  unreachable?: string;
}
export interface Suggestion {
  source: string;
  suite: string;
  architecture: string;
  command: string[];
  user: { user: string; uid: number; runsAsRoot: boolean };
  packages: { name: string; version: string; declared: boolean; reasons: string[] }[];
  leftOut: string[];
  application: { files: number; bytes: number };
  isStatic: boolean;
  check?: { command: string; uid: number; exitCode: number };
  proof: {
    db?: { path: string; builtAt: string };
    span: string;
    original: ImageProof;
    suggested: ImageProof;
    avoided?: { today: Saved; lastYear?: Saved };
    assumptions: { hoursPerCve: number; hourlyRate: number; currency: string };
    subset?: boolean;
  };
  counterparts: Counterpart[];
  notes: string[];
  warnings: string[];
}
export type SuggestionAnswer =
  | { image: string; tag: string; role: null; suggestion: null; make: string }
  | {
      image: string;
      tag: string;
      role: 'original' | 'suggested';
      original: string;
      suggested: string;
      createdAt: string;
      suggestion: Suggestion;
      make: string;
    };
