/**
 * One Chromium for every PDF a long-running process prints (the server's `/api/report?format=pdf`):
 * launched at the first PDF, shared by all, a small pool of pages (default 2) printing at once,
 * the next requests waiting in a queue for at most `queueTimeoutMs` (then an UnavailableError, a
 * 503), and launched again when it dies. A PDF costs a page, not a browser: ten concurrent
 * requests no longer start ten Chromiums. The browser runs as one process (`PDF_CHROMIUM_ARGS`):
 * its pages are threads of it, so a PDF costs no process at all.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { UnavailableError } from '../../errors.js';
import { launchPdfBrowser, pdfContext, printPage } from './pdf.js';

/** A launched browser and the one context its pages come from (single-process mode holds one). */
interface Launched {
  browser: Browser;
  context: BrowserContext;
}

export interface PdfPrinterOptions {
  /** pages printing at once (default 2) */
  pages?: number;
  /** requests that may wait for a page (default 32) */
  queue?: number;
  /** how long one may wait for a page (default 60 s) */
  queueTimeoutMs?: number;
}

/** A shared browser with a pool of pages. */
export class PdfPrinter {
  private browser: Promise<Launched> | undefined;
  private busy = 0;
  private readonly waiting: { admit(): void; refuse(err: Error): void }[] = [];
  private closed = false;
  private readonly pages: number;
  private readonly queue: number;
  private readonly queueTimeoutMs: number;
  /** how many times a browser was launched (1 while it lives) */
  launches = 0;

  constructor(options: PdfPrinterOptions = {}) {
    this.pages = options.pages ?? 2;
    this.queue = options.queue ?? 32;
    this.queueTimeoutMs = options.queueTimeoutMs ?? 60_000;
  }

  /** Prints HTML to PDF bytes on a page of the shared browser. */
  async print(html: string): Promise<Buffer> {
    await this.slot();
    try {
      const { context } = await this.launch();
      const page = await context.newPage();
      try {
        return await printPage(page, html);
      } finally {
        await page.close().catch(() => undefined);
      }
    } finally {
      this.busy -= 1;
      this.waiting.shift()?.admit();
    }
  }

  /** Closes the browser; later prints are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.refuse(new UnavailableError('the server is stopping'));
    const browser = this.browser;
    this.browser = undefined;
    await (await browser?.catch(() => undefined))?.browser.close().catch(() => undefined);
  }

  private async slot(): Promise<void> {
    if (this.closed) throw new UnavailableError('the PDF printer is closed');
    if (this.busy < this.pages) {
      this.busy += 1;
      return;
    }
    if (this.waiting.length >= this.queue)
      throw new UnavailableError(`${this.waiting.length} PDFs wait for a page already: try again later`);
    await new Promise<void>((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(timer);
          this.busy += 1;
          resolve();
        },
        refuse: (err: Error) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        entry.refuse(
          new UnavailableError(`no page to print on within ${this.queueTimeoutMs} ms: try again later`),
        );
      }, this.queueTimeoutMs);
      this.waiting.push(entry);
    });
  }

  // the live browser, or a new one when there is none or it died
  private launch(): Promise<Launched> {
    if (this.browser) return this.browser;
    this.launches += 1;
    const launched = launchPdfBrowser().then(async (browser) => {
      browser.on('disconnected', () => {
        if (this.browser === launched) this.browser = undefined;
      });
      try {
        return { browser, context: await pdfContext(browser) };
      } catch (err) {
        await browser.close().catch(() => undefined);
        throw err;
      }
    });
    this.browser = launched;
    launched.catch(() => {
      if (this.browser === launched) this.browser = undefined;
    });
    return launched;
  }
}
