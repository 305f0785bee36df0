import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the advisory DB lives by default: $XDG_DATA_HOME/cleanroom/advisory.db (~/.local/share/…). */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'cleanroom', 'advisory.db');
}

/** Where downloaded feeds are cached: $XDG_CACHE_HOME/cleanroom (~/.cache/cleanroom). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cleanroom');
}
