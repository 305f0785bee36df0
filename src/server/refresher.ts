/**
 * Keeps the materialised series current while the server runs (src/history/materialise/): a
 * refresh shortly after start, then every period. A refresh with nothing to do reads the tags'
 * states and the DB's identity and writes nothing. It runs one tag at a time and yields between
 * days, so requests keep being answered; stopping the server aborts it.
 */
import { refreshSeries } from '../history/materialise/refresh.js';
import type { ServerContext } from './context.js';

export interface Refresher {
  stop(): Promise<void>;
}

/** Starts refreshing every `everyMs`; `log` hears what each refresh did when it did something. */
export function startRefresher(ctx: ServerContext, everyMs: number, log: (line: string) => void): Refresher {
  const controller = new AbortController();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  const loop = (async () => {
    await sleep(1_000);
    while (!controller.signal.aborted) {
      try {
        if (await ctx.hasDb()) {
          const result = await refreshSeries(ctx.store, await ctx.reader(), { signal: controller.signal });
          const done = Object.entries(result.tags)
            .filter(([action, tags]) => action !== 'current' && tags.length > 0)
            .map(([action, tags]) => `${tags.length} ${action}`);
          if (done.length)
            log(`series refreshed: ${done.join(', ')} (${result.days} days in ${result.ms} ms)`);
        }
      } catch (err) {
        if (!controller.signal.aborted) log(`series refresh failed: ${(err as Error).message}`);
      }
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      controller.abort();
      await loop;
    },
  };
}
