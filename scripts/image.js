// `npm run image -- --output PATH [--lock FILE]`: cleanroom's own container image, built by
// cleanroom's builder from deploy/cleanroom.yaml (Debian trixie's Node.js, CA certificates, a
// non-root account, no shell) with the application laid over it as a second layer
// (scripts/image-layer.js), the same way `cleanroom suggest` adds an application layer. Writes the
// OCI layout (a folder, or a tar when PATH ends in .tar) and its CycloneDX SBOM beside it.
// Reproducible: SOURCE_DATE_EPOCH, else the time of the checkout's last commit, sets every mtime
// and the creation time. Needs a built checkout (npm run build); --checkout images another one.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { applicationEntries } from './image-layer.js';
import { bindingFor, imageNode } from './image-binding.js';

const log = (line) => process.stderr.write(`npm run image: ${line}\n`);

const { values } = parseArgs({
  options: {
    output: { type: 'string', short: 'o' },
    lock: { type: 'string' },
    file: { type: 'string' },
    checkout: { type: 'string', default: resolve(import.meta.dirname, '..') },
  },
});
const root = resolve(values.checkout);
values.file ??= join(root, 'deploy', 'cleanroom.yaml');
if (!values.output) {
  log('usage: npm run image -- --output PATH [--lock FILE] (PATH ending in .tar writes one tar)');
  process.exit(2);
}

function sourceDateEpoch() {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (value) return Number(value);
  try {
    return Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8' }).trim());
  } catch {
    return undefined; // not a git checkout: the builder takes the newest package's time
  }
}

const started = performance.now();
// the builder of the checkout being imaged, so the image and the code that built it agree
const builder = (name) => import(pathToFileURL(join(root, 'dist', 'builder', `${name}.js`)).href);
const [{ readImageFile }, { buildImage, accountOf }, { resolveImage }, { buildCacheDir }, { readLockFile }] =
  await Promise.all(
    ['image-file', 'build-image', 'resolve-image', 'download-cache', 'lock-file'].map(builder),
  );
const image = await readImageFile(values.file);
const cacheDir = buildCacheDir();
// the Node the image will have decides which better-sqlite3 binding goes in
const resolution = await resolveImage(image, {
  file: values.file,
  cacheDir,
  lock: values.lock && existsSync(values.lock) ? await readLockFile(values.lock) : undefined,
});
const node = imageNode(resolution.closures.get(image.architectures[0]).packages);
const binding = bindingFor(root, node, log);
const entries = applicationEntries(root, { binding: binding.bytes, account: accountOf(image) });
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const result = await buildImage(image, {
  file: values.file,
  output: resolve(values.output),
  lock: values.lock,
  cacheDir,
  sourceDateEpoch: sourceDateEpoch(),
  appLayer: {
    entries,
    createdBy: `npm run image: cleanroom ${version} (dist, console, production node_modules)`,
  },
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
for (const [arch, digest] of result.digests) {
  const count = result.resolution.closures.get(arch)?.packages.length ?? 0;
  process.stdout.write(`${result.output} ${arch} ${digest} (${count} packages, Node ${node.version})\n`);
}
process.stdout.write(`sbom: ${result.sbom}\n`);
const size = statSync(result.output).isFile()
  ? ` ${(statSync(result.output).size / 1e6).toFixed(1)} MB,`
  : '';
log(
  `${entries.length} application entries,${size} ${seconds} s${binding.compiled ? ', binding compiled' : ''}`,
);
