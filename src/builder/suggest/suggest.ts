/**
 * `cleanroom suggest SOURCE`: the minimal alternative of a Debian-based image, built from its own
 * closure and proven side by side. Reads the image (the dpkg database and the inventory), then
 * the bytes of the files no package owns from the layers that wrote them, analyses what its program needs
 * (analyse.ts), writes `cleanroom.yaml` and the application layer, builds both with the builder,
 * optionally runs a check command in the result, and scans both images with one advisory DB.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogView, wantsAny } from '../../catalog/index.js';
import type { Inventory } from '../../catalog/types.js';
import { InputError } from '../../errors.js';
import type { FileView } from '../../image/file-view.js';
import { openSource, readImage, readLayer, resolveInRoot } from '../../image/index.js';
import type { ImageConfig, OpenedSource } from '../../image/types.js';
import { buildImage, type BuildProgress } from '../build-image.js';
import { buildCacheDir } from '../download-cache.js';
import { explainPackage } from '../explain.js';
import { parseImageFile } from '../image-file.js';
import type { TarEntry } from '../tar-write.js';
import { analyse, isApplicationPath, type Analysis } from './analyse.js';
import { runCheck, type CheckResult } from './check.js';
import { counterpartsFor, type Counterpart } from './counterparts.js';
import { imageFileText, repositoriesForSuite } from './image-file-text.js';
import { readAptSources } from '../apt-sources.js';
import { Owners, packageOfList } from './owners.js';
import { prove, type Proof } from './proof.js';

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
  counterparts: Counterpart[];
  notes: string[];
  warnings: string[];
  /** seconds spent in each step */
  timings: Record<string, number>;
}

const TRIPLETS: Record<string, string> = {
  amd64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  i386: 'i386-linux-gnu',
  armhf: 'arm-linux-gnueabihf',
  ppc64el: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
};
const DEBIAN_ARCH: Record<string, string> = { '386': 'i386', arm: 'armhf', ppc64le: 'ppc64el' };
const SUITES = new Set(['bookworm', 'trixie']);
const SUPPORTED =
  'cleanroom suggest supports Debian-based images (bookworm, trixie) whose packages dpkg installed';

/** Paths of the dpkg database and the files the analysis reads besides the application. */
const wantedFirst = (path: string) =>
  /^\/var\/lib\/dpkg\/info\/[^/]+\.list$/.test(path) ||
  /^\/var\/lib\/dpkg\/status\.d\/[^/]+\.md5sums$/.test(path);
const wantedAlways = (path: string) => /^\/etc\/(ld\.so\.conf(\.d\/[^/]+)?|passwd|os-release)$/.test(path);

/** The owners of every path, from the lists and md5sums of the first read. */
async function ownersOf(view: FileView): Promise<Owners> {
  const owners = new Owners();
  for (const name of await view.readDir('/var/lib/dpkg/info')) {
    const pkg = packageOfList(name);
    if (pkg) owners.add(pkg, (await view.readFile(`/var/lib/dpkg/info/${name}`)).toString('utf8'), 'list');
  }
  for (const name of await view.readDir('/var/lib/dpkg/status.d'))
    if (name.endsWith('.md5sums'))
      owners.add(
        name.slice(0, -'.md5sums'.length).split(':')[0]!,
        (await view.readFile(`/var/lib/dpkg/status.d/${name}`)).toString('utf8'),
        'md5sums',
      );
  return owners;
}

/** Refuses, in one sentence, an image that is not Debian-based. */
function supportedSuite(source: string, inventory: Inventory): string {
  const distro = inventory.distro;
  const debs = inventory.packages.filter((p) => p.type === 'deb').length;
  if (!distro || distro.id !== 'debian' || debs === 0) {
    const what = distro
      ? `${distro.id}${distro.versionId ? ` ${distro.versionId}` : ''}`
      : 'no known distribution';
    throw new InputError(`${source} is ${what}, not Debian: ${SUPPORTED}`);
  }
  const codename = distro.codename ?? '';
  if (!SUITES.has(codename))
    throw new InputError(
      `${source} is Debian ${distro.versionId ?? codename}, not bookworm or trixie: ${SUPPORTED}`,
    );
  return codename;
}

/** The entries of the application layer: the unowned files as they are, owned by root. */
async function applicationLayer(
  view: FileView,
  a: Analysis,
): Promise<{ entries: TarEntry[]; bytes: number }> {
  const entries: TarEntry[] = [];
  const dirs = new Set<string>();
  let bytes = 0;
  for (const f of a.appFiles) {
    const path = f.path.replace(/^\/+/, '');
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    if (f.type === 'symlink')
      entries.push({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkname: f.linkTarget ?? '' });
    else {
      const data = await view.readFile(f.path);
      bytes += data.length;
      entries.push({ path, type: 'file', mode: f.mode & 0o7777 || 0o644, uid: 0, gid: 0, data });
    }
  }
  for (const d of dirs) entries.push({ path: d, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
  entries.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return { entries, bytes };
}

/**
 * The first read's view with the bytes of the application's files: each read from the one layer
 * that last wrote it (usually the small top layers, not the distribution's), else, when a path
 * does not come out of its layer as it squashed (a symlinked parent), from a second full read.
 */
async function withApplicationBytes(opened: OpenedSource, view: FileView, owners: Owners): Promise<FileView> {
  if (opened.kind !== 'image') return view; // a folder view reads any file from disk
  const byLayer = new Map<string, Set<string>>();
  for await (const info of view.walk()) {
    if (info.type !== 'file' || !info.layer || !isApplicationPath(info.path) || owners.owner(info.path))
      continue;
    const paths = byLayer.get(info.layer) ?? new Set<string>();
    byLayer.set(info.layer, paths.add(info.path));
  }
  const bytes = new Map<string, Buffer>();
  let complete = true;
  for (const [diffId, paths] of byLayer) {
    const index = opened.layers.map((l) => l.diffId).lastIndexOf(diffId);
    const { view: layer } = await readLayer(opened, index, (path) => paths.has(path));
    for (const path of paths) {
      const data = await layer.readFile(path).catch(() => undefined);
      if (data) bytes.set(path, data);
      else complete = false;
    }
  }
  if (!complete)
    return (
      await readImage(
        opened,
        (path) => wantedAlways(path) || (isApplicationPath(path) && !owners.owner(path)),
      )
    ).view;
  const real = async (path: string) =>
    (await resolveInRoot(path, (p) => view.lstat(p), true).catch(() => undefined)) ?? path;
  return {
    lstat: (path) => view.lstat(path),
    stat: (path) => view.stat(path),
    readDir: (path) => view.readDir(path),
    readlink: (path) => view.readlink(path),
    walk: () => view.walk(),
    history: (path) => view.history(path),
    async readFile(path) {
      return bytes.get(path) ?? bytes.get(await real(path)) ?? view.readFile(path);
    },
  };
}

/** Suggests, builds, checks and proves the minimal alternative of an image. */
export async function suggest(source: string, options: SuggestOptions): Promise<Suggestion> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - started) / 1000;
    started = now;
    options.onStep?.(name);
  };
  const output = resolve(options.output);
  const opened: OpenedSource = await openSource(source, {
    platform: options.platform,
    plainHttp: options.plainHttp,
  });
  let inventory: Inventory;
  let analysis: Analysis;
  let layer: { entries: TarEntry[]; bytes: number };
  let suite: string;
  let arch: string;
  let originalSize: number | undefined;
  try {
    // a plain folder has no config: nothing says what it runs, and its size is not a compressed one
    const config: ImageConfig =
      opened.kind === 'image' ? opened.config : { diffIds: [], history: [], env: [], labels: {} };
    arch = DEBIAN_ARCH[config.architecture ?? 'amd64'] ?? config.architecture ?? 'amd64';
    originalSize = opened.kind === 'image' ? opened.sizeBytes : undefined;
    // first read: the inventory and the dpkg database
    const first = await readImage(opened, (path, mode, size) =>
      wantedFirst(path) || wantedAlways(path) ? true : wantsAny(path, mode, size),
    );
    const catalogued = await catalogView(first.view, first.target);
    inventory = { ...catalogued, warnings: [...first.warnings, ...catalogued.warnings] };
    suite = supportedSuite(source, inventory);
    const owners = await ownersOf(first.view);
    step('inventory');
    // then the bytes of the files no package owns, from the layers that wrote them
    const second = { view: await withApplicationBytes(opened, first.view, owners) };
    step('read');
    const installed = new Map(
      inventory.packages.filter((p) => p.type === 'deb').map((p) => [p.name, p.version] as const),
    );
    analysis = await analyse({ view: second.view, owners, config, installed, triplet: TRIPLETS[arch] ?? '' });
    layer = await applicationLayer(second.view, analysis);
    step('analysis');
  } finally {
    await opened.close();
  }

  // the image file and the build
  await mkdir(output, { recursive: true });
  const files = {
    imageFile: join(output, 'cleanroom.yaml'),
    applicationLayer: join(output, 'application.tar'),
    image: join(output, 'image.oci.tar'),
    sbom: join(output, 'image.oci.cdx.json'),
  };
  const repositories = repositoriesForSuite(await readAptSources(options.aptDir), suite);
  const text = imageFileText(analysis, source, suite, arch, repositories);
  const image = parseImageFile(text, files.imageFile);
  await writeFile(files.imageFile, text);
  const { writeTar } = await import('../tar-write.js');
  await writeFile(files.applicationLayer, writeTar(layer.entries, 0));
  for (const f of [files.image, files.sbom]) if (existsSync(f)) await rm(f);
  const built = await buildImage(image, {
    file: files.imageFile,
    output: files.image,
    cacheDir: options.cacheDir ?? buildCacheDir(),
    aptDir: options.aptDir,
    onProgress: options.onBuildProgress,
    appLayer: { entries: layer.entries, createdBy: `cleanroom suggest: the application files of ${source}` },
  });
  const closure = built.resolution.closures.get(arch)!;
  step('build');

  let check: CheckResult | undefined;
  if (options.check) {
    check = await runCheck(files.image, options.check, analysis);
    step('check');
  }
  const notes = [...analysis.notes];
  if (!options.check)
    notes.push(
      'dynamic loading was not analysed (a library dlopen()ed by a name computed at run time, plugins): run with --check CMD to prove the image runs',
    );

  const proof = await prove({
    originalInventory: inventory,
    suggested: files.image,
    originalSize,
    db: options.db,
  });
  step('scans');

  const declared = new Set(analysis.packages.keys());
  const packages: SuggestedPackage[] = closure.packages.map((p) => ({
    name: p.name,
    version: p.version,
    declared: declared.has(p.name),
    reasons: analysis.packages.get(p.name) ?? explainPackage(p.name, closure.reasons) ?? [],
  }));
  const kept = new Set(packages.map((p) => p.name));
  let explain: string[] | undefined;
  if (options.explain) {
    const chain = explainPackage(options.explain, closure.reasons);
    if (!chain)
      throw new InputError(
        `${options.explain} is not in the suggestion for ${source}; it holds ${[...kept].join(', ')}`,
      );
    const root = chain[0]!.split(':')[0]!;
    explain = [...(analysis.packages.get(root) ?? []).map((r) => `${root}: ${r}`), ...chain.slice(1)];
  }
  return {
    schemaVersion: '1',
    source,
    suite,
    architecture: arch,
    command: analysis.argv,
    user: analysis.user,
    packages,
    leftOut: [...new Set(inventory.packages.filter((p) => p.type === 'deb').map((p) => p.name))]
      .filter((n) => !kept.has(n))
      .sort(),
    application: { files: analysis.appFiles.length, bytes: layer.bytes },
    isStatic: analysis.isStatic,
    files,
    check,
    explain,
    proof,
    counterparts: await counterpartsFor(source),
    notes,
    warnings: analysis.warnings,
    timings,
  };
}
