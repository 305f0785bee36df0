import type { Command } from '@commander-js/extra-typings';
import { dbCommand } from './db.js';
import { sbomCommand } from './sbom.js';
import { scanCommand } from './scan.js';
import { demoCommand } from './demo.js';
import { versionCommand } from './version.js';
import { trackCommand } from './track.js';
import { importCommand } from './import.js';
import { historyCommand } from './history.js';
import { compareCommand } from './compare.js';
import { buildCommand } from './build.js';
import { serveCommand } from './serve.js';
import { tokenCommand } from './token.js';
import { cacheCommand } from './cache.js';
import { resolvedCommand } from './resolved.js';
import { reportCommand } from './report.js';
import { watchCommand } from './watch.js';
import { workerCommand } from './worker.js';
import { storeCommand } from './store.js';

/** A CLI command: one file per command under src/cli, listed once below. */
export interface CliCommand {
  register(program: Command): void;
}

/** The command registry. */
export const commands: CliCommand[] = [
  sbomCommand,
  scanCommand,
  dbCommand,
  trackCommand,
  importCommand,
  historyCommand,
  compareCommand,
  resolvedCommand,
  reportCommand,
  watchCommand,
  workerCommand,
  storeCommand,
  versionCommand,
  demoCommand,
  buildCommand,
  cacheCommand,
  serveCommand,
  tokenCommand,
];
