import type { CliCommand } from './cli-command.js';

export type { CliCommand } from './cli-command.js';

/**
 * One command of the registry: what `cleanroom --help` lists (name, arguments, description),
 * known without loading anything, and `load`, which imports the command's file only when that
 * command runs or its own help is asked for. `commands.test.ts` checks that each entry says
 * what its command registers.
 */
export interface CommandEntry {
  name: string;
  /** the top-level arguments as the command declares them (`<source>`, `<name:tag...>`), if any */
  args?: string;
  description: string;
  load(): Promise<CliCommand>;
}

/** The command registry, in the order `--help` lists it. */
export const commands: CommandEntry[] = [
  {
    name: 'sbom',
    args: '<source>',
    description: 'list the packages of an image (software bill of materials)',
    load: async () => (await import('./sbom.js')).sbomCommand,
  },
  {
    name: 'scan',
    args: '<source>',
    description: 'match an image or SBOM against the advisory DB and list its vulnerabilities',
    load: async () => (await import('./scan.js')).scanCommand,
  },
  {
    name: 'db',
    description: 'build, update, inspect, export and import the advisory database',
    load: async () => (await import('./db.js')).dbCommand,
  },
  {
    name: 'track',
    args: '<source...>',
    description: 'scan images or SBOMs and record each as an observation of NAME:TAG in the history store',
    load: async () => (await import('./track.js')).trackCommand,
  },
  {
    name: 'import',
    args: '<file>',
    description:
      'record a Grype or Trivy JSON result as an observation of NAME:TAG, labelled with that scanner',
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    name: 'history',
    args: '<name:tag>',
    description: 'the daily CVE series of NAME:TAG by severity and fix state, observed or replayed',
    load: async () => (await import('./history.js')).historyCommand,
  },
  {
    name: 'compare',
    args: '<images...>',
    description:
      'compare images over a range: latest count, daily average, size, daily series, CVEs accumulated',
    load: async () => (await import('./compare.js')).compareCommand,
  },
  {
    name: 'resolved',
    args: '<name:tag...>',
    description: 'CVEs resolved in NAME:TAG over a range: per day by severity, by how, time to fix',
    load: async () => (await import('./resolved.js')).resolvedCommand,
  },
  {
    name: 'report',
    args: '<name:tag...>',
    description:
      'the ROI report since a date: CVEs resolved, time to fix, hours and money saved, CVEs avoided',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'watch',
    description: 'the tags a worker observes every period (cleanroom worker runs them)',
    load: async () => (await import('./watch.js')).watchCommand,
  },
  {
    name: 'worker',
    description:
      'observe every due watch: jobs from the PostgreSQL queue (graphile-worker), or in-process on SQLite',
    load: async () => (await import('./worker.js')).workerCommand,
  },
  {
    name: 'store',
    description: 'the history store itself',
    load: async () => (await import('./store.js')).storeCommand,
  },
  {
    name: 'version',
    description: 'compare versions in a package version scheme',
    load: async () => (await import('./version.js')).versionCommand,
  },
  {
    name: 'demo',
    description: 'offline: build a history of real example images, then serve the web console over it',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  {
    name: 'build',
    args: '<file>',
    description: 'build a minimal image from the dependency closure of the packages an image file declares',
    load: async () => (await import('./build.js')).buildCommand,
  },
  {
    name: 'suggest',
    args: '<source>',
    description:
      'build the minimal alternative of a Debian-based image from what its program needs, and prove the difference',
    load: async () => (await import('./suggest.js')).suggestCommand,
  },
  {
    name: 'cache',
    description: 'inspect and trim the cache of image blobs pulled from registries',
    load: async () => (await import('./cache.js')).cacheCommand,
  },
  {
    name: 'serve',
    description: 'serve the history over HTTP: JSON under /api/, OpenAPI at /api/openapi.json',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'token',
    description: 'API tokens for cleanroom serve (stored only as hashes)',
    load: async () => (await import('./token.js')).tokenCommand,
  },
];
