/**
 * The ROI report as PDF: its HTML printed by headless Chromium (Debian's `chromium`, driven by
 * playwright-core; no browser is downloaded). A machine without a browser gets one sentence.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { InputError } from '../../errors.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/**
 * Headless and quiet: no sandbox (root in containers), no GPU, and none of the background network
 * calls a closed network refuses (updates, sync, first-run pages).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** The browser to print with: `CLEANROOM_CHROMIUM`, else a system Chromium or Chrome. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = [env.CLEANROOM_CHROMIUM, ...CANDIDATES].find(
    (p): p is string => Boolean(p) && existsSync(p!),
  );
  if (!found)
    throw new InputError(
      'a PDF report needs Chromium and none was found (install Debian\'s "chromium" or set CLEANROOM_CHROMIUM to a Chromium or Chrome binary)',
    );
  return found;
}

/** Prints HTML to PDF bytes (A4, backgrounds on) with a browser of its own, closed after (the CLI). */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = findChromium();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
  });
  try {
    return await printPage(await browser.newPage(), html);
  } finally {
    await browser.close();
  }
}

/** Prints HTML on a page (A4, backgrounds on); the server's shared browser uses it too (pdf-printer.ts). */
export async function printPage(page: Page, html: string): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({
    format: 'A4',
    printBackground: true,
    margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
  });
}
