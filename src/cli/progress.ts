import type CliProgress from 'cli-progress';
import { createRequire } from 'node:module';
import type { ProgressEvent } from '../image/types.js';
import { isInteractive } from './output.js';

/**
 * A progress bar of the layers read, on stderr and only when stderr is a terminal, so piped and
 * redirected runs stay byte-for-byte quiet.
 */
export function layerProgress(stream: NodeJS.WriteStream = process.stderr) {
  if (!isInteractive(stream)) return { onProgress: undefined, stop: () => {} };
  // loaded only for a terminal: piped and redirected runs (CI, benchmarks) never pay for it
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} {task}', clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const onProgress = (event: ProgressEvent) => {
    if (!started) bar.start(event.total ?? 1, event.done, { task: event.task });
    started = true;
    bar.setTotal(event.total ?? 1);
    bar.update(event.done, { task: event.task });
  };
  return { onProgress, stop: () => started && bar.stop() };
}
