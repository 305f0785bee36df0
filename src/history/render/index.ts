/** Renders history and compare results: table (terminal), json (versioned), csv. */
import type { CompareResult } from '../compare.js';
import type { HistoryResult } from '../history.js';
import { compareCsv, historyCsv } from './csv.js';
import { compareTable, historyTable } from './table.js';

export const HISTORY_FORMATS = ['table', 'json', 'csv'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** `history --format …`. */
export function renderHistory(format: HistoryFormat, result: HistoryResult, color = false): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  return format === 'csv' ? historyCsv(result) : historyTable(result, color);
}

/** `compare --format …`. */
export function renderCompare(format: HistoryFormat, result: CompareResult, color = false): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  return format === 'csv' ? compareCsv(result) : compareTable(result, color);
}
