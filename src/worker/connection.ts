/**
 * What one worker process holds open for all its jobs: ONE pg pool shared by graphile-worker and
 * the history store, the history store on it (migrated once), and the advisory DB reader (opened
 * once; it reopens the file by itself when `db update` or `--db-from` swaps a new build in). A job
 * then costs its own queries only, not the connections, migrations checks and DB opens that a
 * store opened per job would.
 *
 * The pool rides out a PostgreSQL restart: once the server was reached, a connection that cannot
 * be made because it is down or starting is tried again with backoff (up to `reconnectForMs`), and
 * a connection that dies is dropped (and logged once) instead of ending the process. A server never
 * reached fails at once: that is a wrong URL, not a restart.
 */
import pg from 'pg';
import { openAdvisoryDb } from '../advisory/db/index.js';
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import { UnavailableError, errorMessage } from '../errors.js';
import { openHistoryStore, type HistoryStore } from '../history/store/open.js';
import { postgresError } from '../store/postgres-errors.js';

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pg Pool whose new connections wait for a server that is restarting, instead of failing at once. */
export class ReconnectingPool extends pg.Pool {
  constructor(
    private readonly url: string,
    options: { max: number; reconnectForMs: number; onEvent?: (line: string) => void },
  ) {
    super({ connectionString: url, max: options.max });
    this.reconnectForMs = options.reconnectForMs;
    this.onEvent = options.onEvent;
    // an idle connection whose server went away: pg drops it from the pool; unhandled, the event
    // would end the process
    this.on('error', (err) => this.dropped(err));
    // a checked-out connection whose server went away: its query fails too, and is handled there
    this.on('connect', (client) => client.on('error', (err) => this.dropped(err)));
  }

  private readonly reconnectForMs: number;
  private readonly onEvent: ((line: string) => void) | undefined;
  private announced = false;
  // a server never reached is a wrong URL, said at once; one reached before is coming back
  private reached = false;

  private dropped(err: Error): void {
    if (!this.announced) this.onEvent?.(`PostgreSQL connection lost (${errorMessage(err)}); reconnecting`);
    this.announced = true;
  }

  private async connectWaiting(): Promise<pg.PoolClient> {
    const started = Date.now();
    for (let delay = 100; ; delay = Math.min(delay * 2, 5000)) {
      try {
        const client = await super.connect();
        this.reached = true;
        if (this.announced) this.onEvent?.('PostgreSQL reachable again');
        this.announced = false;
        return client;
      } catch (err) {
        const unavailable = postgresError(err, this.url) instanceof UnavailableError;
        const waited = Date.now() - started + delay;
        if (!unavailable || !this.reached || this.ending || waited > this.reconnectForMs) throw err;
        this.dropped(err as Error);
        await sleep(delay);
      }
    }
  }

  // both forms of pg's connect go through the waiting one: graphile-worker's LISTEN client uses the
  // callback, pool.query uses the callback internally, Kysely and graphile's helpers the promise
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const connecting = this.connectWaiting();
    if (!callback) return connecting;
    connecting.then(
      (client) => callback(undefined, client, (release) => client.release(release as boolean | Error)),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }
}

export interface WorkerConnection {
  pool: ReconnectingPool;
  /** the history store on the shared pool (closing it leaves the pool open) */
  store: HistoryStore;
  /** the advisory DB reader, opened on first use (a worker fed by --db-from may not have it yet) */
  reader(): Promise<AdvisoryDbReader>;
  /** resolves once the server answers again (or throws after the reconnect budget) */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the pool, the history store (migrated once here) and, lazily, the advisory DB reader. */
export async function openWorkerConnection(
  url: string,
  options: { db: string; concurrency: number; reconnectForMs?: number; onEvent?: (line: string) => void },
): Promise<WorkerConnection> {
  // graphile-worker holds one client for LISTEN and briefly others to take, complete and schedule
  // jobs; each job in flight holds one for its transaction
  const pool = new ReconnectingPool(url, {
    max: Math.max(10, options.concurrency * 2 + 2),
    reconnectForMs: options.reconnectForMs ?? 5 * 60_000,
    onEvent: options.onEvent,
  });
  let store: HistoryStore;
  try {
    store = await openHistoryStore(url, { pool });
  } catch (err) {
    await pool.end();
    throw err;
  }
  let reader: Promise<AdvisoryDbReader> | undefined;
  return {
    pool,
    store,
    reader() {
      reader ??= openAdvisoryDb(options.db);
      // a DB that is not there yet is looked for again by the next job
      reader.catch(() => (reader = undefined));
      return reader;
    },
    async ready() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (reader) await (await reader.catch(() => undefined))?.close();
      await store.close();
      await pool.end();
    },
  };
}
