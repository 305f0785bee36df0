/**
 * The options of the server's application (`buildApp`), apart from app.ts so the route modules
 * that read them (meta.ts) do not import the app that imports them.
 */
import type { EgressPolicy } from '../image/registry/egress-policy.js';
import type { ServerLimits } from './limits.js';

export interface AppOptions {
  /** close reads too: every route needs a token */
  private?: boolean;
  /** pino logging (off in tests that build the app in process) */
  logger?: boolean;
  /** register the test-only slow route (`CLEANROOM_TEST_SLOW_ROUTE=1`, see docs/api.md) */
  slowRoute?: boolean;
  /** the largest accepted body (an SBOM or a peer result), bytes */
  bodyLimit?: number;
  requestTimeoutMs?: number;
  /** bytes of answers the in-process cache keeps (default 64 MiB; 0: none) */
  cacheBytes?: number;
  /** bounds on ranges, images per request and concurrent expensive requests (limits.ts) */
  limits?: Partial<ServerLimits>;
  /** folders whose files `POST /api/track` may read (`serve --allow-path DIR`); none by default */
  allowPaths?: readonly string[];
  /** the hosts a reference given through the API may make the server reach (egress-policy.ts) */
  egress?: EgressPolicy;
  /** pages of the shared Chromium printing PDFs at once (default 2) */
  pdfPages?: number;
  /** set by buildApp: prints a PDF on the server's shared browser */
  print?: (html: string) => Promise<Buffer>;
  /** set by buildApp: the expensive requests running and waiting now (for /api/health) */
  work?: () => { running: number; waiting: number };
}
