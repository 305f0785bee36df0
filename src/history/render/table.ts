/**
 * The terminal view of history and compare: an aligned table with a sparkline per image.
 * Colour only when asked (a TTY); piped output is plain and stable.
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import { daysOf } from '../date-range.js';
import type { CompareResult } from '../compare.js';
import type { HistoryResult } from '../history.js';
import type { Point } from '../types.js';
import { LENS_WORDS } from '../lens.js';
import { sparkline } from './sparkline.js';

type Colors = ReturnType<typeof pc.createColors>;

// borderless, two spaces between columns, as the scan table
const CHARS = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right']
    .concat(['left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid', 'middle'])
    .map((k) => [k, k === 'middle' ? '  ' : '']),
);

function table(head: string[], rows: string[][], c: Colors): string {
  const t = new Table({
    head: head.map((h) => c.bold(h)),
    chars: CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  t.push(...rows);
  return t
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

/** The sparkline of a range, a blank for each day without a point. */
function line(points: readonly Point[], from: string, to: string): string {
  const byDay = new Map(points.map((p) => [p.day, p.total]));
  return sparkline(daysOf({ from, to }).map((d) => byDay.get(d) ?? null));
}

/** `history` on a terminal. */
export function historyTable(r: HistoryResult, color: boolean): string {
  const c = pc.createColors(color);
  const title = `${r.image}:${r.tag}  ${r.from} … ${r.to}  ${c.cyan(line(r.points, r.from, r.to))}`;
  if (!r.points.length) return `${title}\nno data in this range${r.replay ? '' : ' (try --replay)'}\n`;
  const rows = r.points.map((p) => [
    p.day,
    p.kind === 'observed' ? p.kind : c.dim(p.kind),
    p.coverage?.lowerBound ? c.yellow(`≥${p.total}`) : String(p.total),
    c.bold(c.red(String(p.bySeverity.critical))),
    c.red(String(p.bySeverity.high)),
    c.yellow(String(p.bySeverity.medium)),
    c.blue(String(p.bySeverity.low)),
    c.gray(String(p.bySeverity.unknown)),
    String(p.byFixState.fixed),
    p.digest.slice(0, 19),
    `${p.scanner.name} ${p.scanner.version}`,
    p.db.builtAt?.slice(0, 10) ?? '?',
  ]);
  const head = [
    'day',
    'kind',
    'total',
    'crit',
    'high',
    'med',
    'low',
    'unk',
    'fixable',
    'digest',
    'scanner',
    'db',
  ];
  return `${title}\n\n${table(head, rows, c)}\n${historyNotes(r, c)}`;
}

// what every number above stands on: the lens, the rules, a lower bound where there is one
function historyNotes(r: HistoryResult, c: Colors): string {
  const notes = [`lens: ${LENS_WORDS[r.lens]}`];
  const bounds = r.points.filter((p) => p.coverage?.lowerBound).length;
  if (bounds)
    notes.push(
      `≥ marks a lower bound (${bounds} ${bounds === 1 ? 'day' : 'days'}): records the DB first saw later carry no date, so they may have applied then`,
    );
  if (r.points.some((p) => p.basis === 'recorded'))
    notes.push(
      'some days are what their scan recorded (no inventory or no advisory DB to compute them under the lens)',
    );
  return `${notes.map((n) => c.dim(n)).join('\n')}\n`;
}

/** `compare` on a terminal: one row per image. */
export function compareTable(r: CompareResult, color: boolean): string {
  const c = pc.createColors(color);
  const size = (n: number | null) => (n === null ? '' : `${(n / 1e6).toFixed(1)} MB`);
  const rows = r.images.map((img) => [
    img.ref,
    img.latest ? String(img.latest.total) : '',
    img.dailyAverage === null ? '' : img.dailyAverage.toFixed(2),
    size(img.sizeBytes),
    String(img.points.at(-1)?.cumulative ?? ''),
    c.cyan(line(img.points, r.from, r.to)),
  ]);
  const head = ['image', 'latest', 'daily avg', 'size', 'new since start', `${r.from} … ${r.to}`];
  return `${table(head, rows, c)}\n`;
}
