/**
 * The ROI report as PDF: its HTML printed by headless Chromium (Debian's `chromium`, driven by
 * playwright-core; no browser is downloaded). A machine without a browser gets one sentence.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/**
 * The flags a printing Chromium adds: one process in all. A report is our own HTML (inline CSS and
 * SVG, no script, nothing fetched), so Chromium's process split buys nothing here and costs ~13
 * processes for ten concurrent PDFs (zygotes, GPU, network, storage, a renderer per page, a print
 * compositor per print). `--single-process` runs renderers and utility services as threads of
 * the browser; `--no-zygote` skips the two zygotes it would still fork; crashpad's handler (two
 * processes, reparented away from the server) is not started. Single-process mode holds one
 * browser context only: every page must come from `pdfContext`. A crash takes the whole browser
 * with it, which the server's printer handles by launching a new one.
 */
export const PDF_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  '--single-process',
  '--no-zygote',
  '--disable-crashpad-for-testing',
] as const;

/** Launches a printing Chromium (`PDF_CHROMIUM_ARGS`). */
export async function launchPdfBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: [...PDF_CHROMIUM_ARGS] });
}

/**
 * The one context a printing browser's pages come from; script off (a report has none, and a name
 * that slipped through escaping still runs nothing).
 */
export function pdfContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: false });
}

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
  const browser = await launchPdfBrowser();
  try {
    return await printPage(await (await pdfContext(browser)).newPage(), html);
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
