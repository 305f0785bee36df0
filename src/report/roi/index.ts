/** The ROI report's formats: html (self-contained), pdf (the HTML printed), md, json, csv. */
import type { RoiReport } from '../../history/resolved/roi-report.js';
import { renderRoiCsv } from './csv.js';
import { renderRoiHtml } from './html.js';
import { renderRoiMarkdown } from './markdown.js';
import { htmlToPdf } from './pdf.js';

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Renders the report in one format: text, or bytes for a PDF (printed by `print`: default a
 * browser of its own; the server passes its shared one, pdf-printer.ts).
 */
export async function renderRoiReport(
  format: ReportFormat,
  report: RoiReport,
  print: (html: string) => Promise<Buffer> = htmlToPdf,
): Promise<string | Buffer> {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return renderRoiCsv(report);
  if (format === 'md') return renderRoiMarkdown(report);
  const html = renderRoiHtml(report);
  return format === 'pdf' ? print(html) : html;
}
