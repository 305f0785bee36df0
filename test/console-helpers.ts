/**
 * Shared by the console's browser tests: `cleanroom demo` started as a real process on a free port
 * of 127.0.0.1 (run `npm run build` first), Debian's chromium driven by playwright-core, axe-core.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS } from '../src/report/roi/pdf.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from './free-port.js';

const ROOT = resolve(import.meta.dirname, '..');
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export interface Demo {
  url: string;
  stop(): Promise<number | null>;
}

/** Builds (or reuses) the demo store in `dir` and serves it. */
export async function startDemo(dir: string): Promise<Demo> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/cleanroom.js'), 'demo', '--dir', dir, '--port', String(port)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((ok, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('serving on')) ok();
    });
    void exited.then((code) => fail(new Error(`demo exited ${code}: ${err}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Debian's chromium, headless; launch() gives it a fresh temporary profile of its own. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
  });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page, as `rule: target` lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run();
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}

/** Waits for a chart to draw and returns what it drew. */
export async function chartOf(page: Page, testId: string) {
  const el = page.locator(`[data-testid="${testId}"][data-rendered="true"]`);
  await el.waitFor({ timeout: 20_000 });
  const get = async (k: string) => Number(await el.getAttribute(`data-${k}`));
  return { series: await get('series'), bars: await get('bars'), points: await get('points') };
}

/** What each series of a chart drew on a day, by series name (null: a gap; undefined: no entry). */
export async function drawnOn(
  page: Page,
  testId: string,
  day: string,
): Promise<Record<string, number | null | undefined>> {
  const el = page.locator(`[data-testid="${testId}"][data-rendered="true"]`);
  await el.waitFor({ timeout: 20_000 });
  return el.evaluate(
    (e, d) => (e as unknown as { valuesOn(day: string): Record<string, number | null> }).valuesOn(d),
    day,
  );
}

/** The number on a card (commas dropped). */
export async function cardNumber(page: Page, scope: string, testId: string): Promise<number> {
  const text = await page.locator(`${scope} [data-testid="${testId}"] [data-value]`).innerText();
  return Number(text.replace(/[^0-9.-]/g, ''));
}
