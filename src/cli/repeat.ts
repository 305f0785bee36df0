/**
 * Running a command again every period (`track --every`, `db update --every`): the first round's
 * failure stops the command (exit 2, as without --every); later rounds' failures are reported and
 * the next one runs. SIGINT/SIGTERM during a round let it finish and schedule no other, so a
 * container stop never cuts a write in half.
 */
import { errorMessage } from '../errors.js';
import { isInteractive } from './output.js';

/** Runs `round` now and, with a period (ms), again every period until SIGINT or SIGTERM. */
export async function repeatEvery(period: number | undefined, round: () => Promise<unknown>): Promise<void> {
  await round();
  if (!period) return;
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let stopped = false;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      process.off('SIGINT', stop).off('SIGTERM', stop);
      if (!running) resolve();
    };
    const schedule = () => {
      if (stopped) return resolve();
      timer = setTimeout(() => {
        running = true;
        round()
          .catch((err: unknown) => process.stderr.write(`cleanroom: ${errorMessage(err)}\n`))
          .finally(() => {
            running = false;
            schedule();
          });
      }, period);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
    if (isInteractive(process.stderr))
      process.stderr.write(`running again every ${period / 60_000} min; Ctrl-C stops\n`);
    schedule();
  });
}
