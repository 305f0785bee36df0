/**
 * Long work that must stay fair to the rest of a process (the server's replays): an ambient
 * AbortSignal for the work of one request, and a checkpoint the long loops call. A checkpoint
 * throws the signal's reason once the request is abandoned (the client went away), and gives the
 * event loop a turn when the caller has held it for more than a few milliseconds, so a server
 * running its heaviest requests still answers `/api/health` at once.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { setImmediate as turn } from 'node:timers/promises';

const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn` with `signal` as the ambient signal of everything it calls. */
export function withSignal<T>(signal: AbortSignal, fn: () => T): T {
  return scope.run(signal, fn);
}

/** The ambient signal (none outside `withSignal`: the CLI's work runs to its end). */
export function currentSignal(): AbortSignal | undefined {
  return scope.getStore();
}

// the longest a loop may keep the event loop to itself before a checkpoint yields
const SLICE_MS = 8;
let lastTurn = performance.now();

/**
 * Throws if `signal` (default: the ambient one) was aborted; yields to the event loop when the
 * process has not had a turn for a few milliseconds. Cheap enough to call once per day replayed.
 */
export async function checkpoint(signal: AbortSignal | undefined = currentSignal()): Promise<void> {
  signal?.throwIfAborted();
  const now = performance.now();
  if (now - lastTurn < SLICE_MS) return;
  await turn();
  lastTurn = performance.now();
  signal?.throwIfAborted();
}
