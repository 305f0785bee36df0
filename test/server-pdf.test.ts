/**
 * One browser for PDFs (issue 22): ten concurrent `/api/report?format=pdf` requests to a real
 * `cleanroom serve` are printed by one shared Chromium (a pool of two pages) with at most three
 * Chromium processes alive at any moment, every answer a PDF of the report; when that Chromium
 * dies, the next PDF launches a new one.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureStore, PYTHON, startServer, type Server } from './api-helpers.js';
import { tempDir } from './scan-helpers.js';

const chromium = ['/usr/bin/chromium', process.env.CLEANROOM_CHROMIUM].find((p) => p && existsSync(p));
const tmp = tempDir('cleanroom-server-pdf-');
// set in the server's environment, inherited by every process it starts: a Chromium helper that
// leaves the server's tree (crashpad's handler double-forks to init) is still counted as ours
const MARK = `CLEANROOM_PDF_TEST=${randomUUID()}`;
let server: Server;
const url = () =>
  `${server.url}/api/report?images=${encodeURIComponent(PYTHON)}&from=2024-01-01&to=2024-03-31&format=pdf`;

// the Chromium processes under `pid` or carrying MARK: every one, and the browsers among them
function chromiums(pid: number): { all: number[]; browsers: number[]; kinds: string[] } {
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.split(') ')[1]!.split(' ')[1]));
      cmd.set(Number(d), readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // gone meanwhile
    }
  }
  const under = (p: number): boolean => {
    for (let q = parent.get(p); q; q = parent.get(q)) if (q === pid) return true;
    return false;
  };
  const marked = (p: number): boolean => {
    try {
      return readFileSync(`/proc/${p}/environ`, 'utf8').split('\0').includes(MARK);
    } catch {
      return false;
    }
  };
  const all = [...cmd]
    .filter(([p, c]) => /chrom/.test(c.split(' ')[0] ?? '') && (under(p) || marked(p)))
    .map(([p]) => p);
  // the browser is the `chromium` binary without --type= (its helpers carry one; crashpad is apart)
  // whose parent is not a Chromium: a helper the browser has forked but not yet exec'd still shows
  // the browser's command line for a moment, and is not a second browser
  const isChromium = (p: number | undefined) =>
    p !== undefined && /chrom/.test(cmd.get(p)?.split(' ')[0] ?? '');
  const browsers = all.filter(
    (p) =>
      /\/chromium$/.test(cmd.get(p)!.split(' ')[0]!) &&
      !cmd.get(p)!.includes('--type=') &&
      !isChromium(parent.get(p)),
  );
  // what each is, for the log: `browser`, `renderer`, `utility:network.mojom.NetworkService` …
  const kinds = all.map((p) => {
    const c = cmd.get(p)!;
    const type = /--type=(\S+)/.exec(c)?.[1] ?? c.split(' ')[0]!.split('/').pop()!;
    const sub = /--utility-sub-type=(\S+)/.exec(c)?.[1];
    return sub ? `${type}:${sub}` : type;
  });
  return { all, browsers, kinds };
}

beforeAll(async () => {
  const { store, db } = await fixtureStore(tmp.dir);
  const [key, value] = MARK.split('=') as [string, string];
  server = await startServer(['--store', store, '--db', db], {
    [key]: value,
    ...(chromium ? { CLEANROOM_CHROMIUM: chromium } : {}),
  });
}, 180_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

it.skipIf(!chromium)(
  'prints ten concurrent PDFs with one browser',
  async () => {
    let most = { all: 0, browsers: 0, kinds: [] as string[] };
    let done = false;
    const watch = (async () => {
      while (!done) {
        const now = chromiums(server.child.pid!);
        most = {
          all: Math.max(most.all, now.all.length),
          browsers: Math.max(most.browsers, now.browsers.length),
          kinds: now.all.length >= most.all ? now.kinds : most.kinds,
        };
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const res = await fetch(url());
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          bytes: Buffer.from(await res.arrayBuffer()),
        };
      }),
    );
    done = true;
    await watch;
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.type).toBe('application/pdf');
      expect(a.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // every answer is the report: its text names the range and the image
    answers.forEach((a, i) => {
      const file = join(tmp.dir, `r${i}.pdf`);
      writeFileSync(file, a.bytes);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('2024-01-01');
      expect(text).toContain('python');
      expect(text).toContain('Resolved CVEs');
    });
    console.log(
      `chromium processes at most: ${most.all} (browsers: ${most.browsers}): ${most.kinds.join(', ')}`,
    );
    expect(most.browsers).toBe(1);
    expect(most.all).toBeGreaterThanOrEqual(1);
    expect(most.all).toBeLessThanOrEqual(3);
  },
  300_000,
);

it.skipIf(!chromium)(
  'launches a new browser when the shared one dies',
  async () => {
    const [browser] = chromiums(server.child.pid!).browsers;
    expect(browser).toBeDefined();
    process.kill(browser!, 'SIGKILL');
    for (let i = 0; i < 100 && chromiums(server.child.pid!).browsers.includes(browser!); i++)
      await new Promise((r) => setTimeout(r, 20));
    const res = await fetch(url());
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const now = chromiums(server.child.pid!).browsers;
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(browser);
  },
  120_000,
);
