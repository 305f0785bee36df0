/**
 * Workers keep their advisory DB current from an OCI artifact (`cleanroom db push`): before a job,
 * at most once per interval, the artifact's manifest is asked for (one small request when nothing
 * changed) and a new build is pulled, verified and swapped in; readers reopen the swapped file by
 * themselves. One machine builds and pushes; the others never download the feeds.
 */
import { updateFromArtifact } from '../advisory/db/index.js';
import { errorMessage } from '../errors.js';

/** A refresher that pulls `from` into `db` at most every `intervalMs`; failures keep the old DB. */
export function dbRefresher(
  from: string | undefined,
  db: string,
  options: { intervalMs?: number; plainHttp?: boolean; onEvent?: (line: string) => void } = {},
): () => Promise<void> {
  let last = 0;
  let running: Promise<void> | undefined;
  const interval = options.intervalMs ?? 10 * 60_000;
  return async () => {
    if (!from || Date.now() - last < interval) return;
    running ??= (async () => {
      try {
        const result = await updateFromArtifact({ from, db, plainHttp: options.plainHttp });
        options.onEvent?.(
          `advisory DB ${result.unchanged ? 'up to date' : `updated to the build of ${result.builtAt}`} (${from})`,
        );
      } catch (err) {
        // a registry that is down must not stop the observations: the DB in place is still valid
        options.onEvent?.(`advisory DB not refreshed: ${errorMessage(err)}`);
      } finally {
        last = Date.now();
        running = undefined;
      }
    })();
    await running;
  };
}
