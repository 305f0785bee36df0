import type { Warning } from '../errors.js';
import type { FileView } from '../image/file-view.js';

export type PackageType =
  | 'apk'
  | 'deb'
  | 'rpm'
  | 'pypi'
  | 'npm'
  | 'golang'
  | 'maven'
  | 'cargo'
  | 'gem'
  | 'nuget'
  | 'composer'
  | 'generic';

/** The operating system of the image, from /etc/os-release and its fallbacks. */
export interface Distro {
  /** os-release ID: alpine, debian, ubuntu, wolfi, chainguard, rhel, amzn, sles, … */
  id: string;
  /** os-release VERSION_ID: 3.9.4, 12, 22.04, 2023 … (may be absent for rolling distros) */
  versionId?: string;
  /** VERSION_CODENAME where given: bookworm, jammy */
  codename?: string;
  /** ID_LIKE, split */
  idLike?: string[];
  prettyName?: string;
}

/** Data only some package types have: a tagged union, never loose `any`. */
export type PackageMetadata =
  | { kind: 'apk'; origin?: string; maintainer?: string; installedSize?: number; commit?: string }
  | { kind: 'deb'; status?: string; maintainer?: string; installedSize?: number; multiArch?: string }
  | {
      kind: 'rpm';
      epoch?: number;
      version: string;
      release: string;
      sourceRpm?: string;
      vendor?: string;
      /** `name:stream:version:context` for a package of a module stream */
      modularityLabel?: string;
    }
  | { kind: 'python'; summary?: string; homePage?: string }
  | { kind: 'gem'; summary?: string; homepage?: string }
  | { kind: 'npm'; private?: boolean; homepage?: string };

export interface Package {
  name: string;
  /** the version as the ecosystem writes it; rpm: `[epoch:]version-release` */
  version: string;
  type: PackageType;
  purl: string;
  /** dpkg Source, apk origin, rpm SOURCERPM (name and version) */
  source?: { name: string; version: string };
  arch?: string;
  licenses: string[];
  /** files the package was read from, absolute inside the image */
  locations: string[];
  /** diff id of the layer that introduced it (absent for a folder) */
  layer?: string;
  /** which cataloguer found it */
  foundBy: string;
  metadata?: PackageMetadata;
}

export interface TargetInfo {
  /** what the user named */
  reference: string;
  /** the source kind: docker-archive, oci-dir, oci-archive, registry, dir, sbom */
  source: string;
  /** manifest digest, where known */
  digest?: string;
  tags: string[];
  /** the config's `created` */
  created?: string;
  /** an SBOM's own timestamp (CycloneDX metadata.timestamp, SPDX creationInfo.created), as written */
  sbomCreated?: string;
  platform?: string;
  sizeBytes?: number;
  layers: { digest: string; diffId: string; size: number; mediaType: string; createdBy?: string }[];
}

export interface Inventory {
  target: TargetInfo;
  distro?: Distro;
  packages: Package[];
  warnings: Warning[];
}

/** What a cataloguer is told about the image besides the file it parses. */
export interface CatalogContext {
  distro?: Distro;
  /** read-only access to the rest of the image, for related files (e.g. dpkg's info/*.list) */
  view: FileView;
}

export interface CatalogResult {
  packages: Package[];
  warnings: Warning[];
}

/**
 * One package database: which files it wants and how it parses one of them. It never walks the
 * image; the core offers it each wanted file (DESIGN.md convention 3).
 */
export interface Cataloguer {
  name: string;
  /** whether this absolute path is one of this cataloguer's database files */
  wants(path: string): boolean;
  /**
   * Other files whose content `parse` reads through `ctx.view` (e.g. dpkg's copyright files): the
   * image reader must retain them, but they are never offered to `parse` themselves.
   */
  retains?(path: string): boolean;
  /**
   * For packages inside files no path names (Go binaries): whether to look inside this regular
   * file, from its path, permission bits and size. Such a file is offered to `parse` like a wanted one.
   */
  inspects?(path: string, mode: number, size: number): boolean;
  /**
   * The part of an inspected file that `parse` needs (a few kilobytes of a 100 MB binary), or
   * undefined when it holds nothing for this cataloguer. The image reader keeps only that part;
   * `parse` must accept the whole file as well as the part.
   */
  reduce?(content: Buffer): Buffer | undefined;
  /** parse one wanted file into packages; pure apart from `ctx.view` reads */
  parse(path: string, content: Buffer, ctx: CatalogContext): Promise<CatalogResult>;
}
