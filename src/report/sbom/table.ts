import Table from 'cli-table3';
import pc from 'picocolors';
import type { Inventory, Package } from '../../catalog/types.js';
import type { RenderContext, SbomFormat } from './types.js';

// Borderless columns like other scanners' tables: easy to read, and to `grep`/`awk` when piped.
const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** The first 12 hex digits of a digest, as `docker images` shows ids. */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return '';
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 12);
}

function sourceCell(p: Package): string {
  if (!p.source) return '';
  return p.source.version && p.source.version !== p.version
    ? `${p.source.name} ${p.source.version}`
    : p.source.name;
}

/** The one-line summary above the table: image, distro, number of packages. */
export function summaryLine(inventory: Inventory): string {
  const { target, distro, packages } = inventory;
  const names = target.tags.filter((t) => t !== target.reference);
  const about = [...names, ...(target.digest ? [target.digest.slice(0, 19)] : [])];
  const digest = about.length ? ` (${about.join(', ')})` : '';
  const os = distro ? `${distro.id} ${distro.versionId ?? distro.codename ?? ''}`.trim() : 'unknown distro';
  const count = `${packages.length} package${packages.length === 1 ? '' : 's'}`;
  const warnings = inventory.warnings.length ? `, ${inventory.warnings.length} warning(s)` : '';
  return `${target.reference}${digest}: ${os}, ${count}${warnings}`;
}

function compare(a: Package, b: Package): number {
  return a.name < b.name
    ? -1
    : a.name > b.name
      ? 1
      : a.version < b.version
        ? -1
        : a.version > b.version
          ? 1
          : 0;
}

/** `--format table`: aligned columns for people; colour only on a terminal. */
export const tableFormat: SbomFormat = {
  name: 'table',
  description: 'aligned columns for reading on a terminal (default)',
  render(inventory: Inventory, ctx: RenderContext): string {
    const paint = ctx.color ? pc.createColors(true) : pc.createColors(false);
    const table = new Table({
      head: ['NAME', 'VERSION', 'TYPE', 'SOURCE', 'LAYER'].map((h) => paint.bold(h)),
      chars: BORDERLESS,
      // an empty style keeps cli-table3 from adding its own colour codes: we paint cells ourselves,
      // and only on a terminal, so piped output is plain and stable
      style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    });
    for (const p of [...inventory.packages].sort(compare)) {
      table.push([p.name, paint.cyan(p.version), p.type, sourceCell(p), paint.dim(shortDigest(p.layer))]);
    }
    const body = inventory.packages.length
      ? table
          .toString()
          .split('\n')
          .map((line) => line.trimEnd())
          .join('\n')
      : 'No packages found.';
    return `${paint.bold(summaryLine(inventory))}\n${body}\n`;
  },
};
