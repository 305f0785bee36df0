/**
 * `--format sarif`: SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) as GitHub code
 * scanning reads it (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
 * one rule per vulnerability with `properties.security-severity` (a CVSS score as a string, which
 * GitHub turns into its own severity), one result per finding located at the package database
 * file. Suppressed findings are written with a `suppressions` entry when asked for.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../../advisory/types.js';
import type { Finding, ScanResult } from '../../match/types.js';
import { vulnerabilityUrl } from './links.js';
import { sortFindings } from './order.js';
import type { ScanFormat, ScanRenderOptions } from './types.js';

type Level = 'error' | 'warning' | 'note';

/** SARIF level of a severity: critical/high → error, medium → warning, the rest → note. */
export function sarifLevel(s: Severity): Level {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

// When no CVSS score is known, a score inside the band of our severity, so GitHub shows the same one
// (GitHub bands: ≥9 critical, ≥7 high, ≥4 medium, >0 low).
const BAND_SCORE: Record<Severity, number> = {
  critical: 9.5,
  high: 8,
  medium: 5.5,
  low: 2,
  negligible: 0,
  unknown: 0,
};

function securitySeverity(findings: Finding[]): string {
  const scores = findings.map((f) => f.cvss?.score).filter((s): s is number => s !== undefined);
  const score = scores.length ? Math.max(...scores) : BAND_SCORE[findings[0]!.severity];
  return score.toFixed(1);
}

function rule(id: string, findings: Finding[]) {
  const first = findings[0]!;
  const url = vulnerabilityUrl(id);
  const packages = [...new Set(findings.map((f) => `${f.package.name} ${f.package.version}`))];
  const fixes = [
    ...new Set(
      findings.map((f) => (f.fixedVersion ? `${f.package.name} ${f.fixedVersion}` : '')).filter(Boolean),
    ),
  ];
  const title = first.summary ? `${id}: ${first.summary}` : `${id} (${first.severity})`;
  const help = [
    `${id} (${first.severity}, rated by ${first.severitySource}) affects ${packages.join(', ')}.`,
    fixes.length ? `Fixed in ${fixes.join(', ')}.` : `No fixed version is known (${first.fixState}).`,
    `Details: ${url}`,
  ];
  const md = [
    `**${id}** (${first.severity})`,
    '',
    '| package | installed | fixed in |',
    '| --- | --- | --- |',
  ];
  for (const f of findings) md.push(`| ${f.package.name} | ${f.package.version} | ${f.fixedVersion ?? ''} |`);
  md.push('', `[${url}](${url})`);
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: title },
    fullDescription: { text: first.summary ?? title },
    helpUri: url,
    help: { text: help.join(' '), markdown: md.join('\n') },
    defaultConfiguration: { level: sarifLevel(first.severity) },
    properties: {
      'security-severity': securitySeverity(findings),
      tags: ['security', 'vulnerability', first.severity],
      precision: 'very-high',
    },
  };
}

function uri(f: Finding): string {
  // repository-relative paths are what code scanning can show; the image root is the base
  const path = f.package.locations[0];
  return path ? path.replace(/^\/+/, '') : f.package.purl;
}

function result(f: Finding, ruleIndex: number, suppressed: boolean) {
  const fix = f.fixedVersion ? `; fixed in ${f.fixedVersion}` : ` (${f.fixState})`;
  const fingerprint = createHash('sha256')
    .update(`${f.vulnerability}\0${f.package.purl}\0${uri(f)}`)
    .digest('hex');
  return {
    ruleId: f.vulnerability,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: {
      text: `${f.package.name} ${f.package.version} is affected by ${f.vulnerability} (${f.severity})${fix}.`,
    },
    locations: [{ physicalLocation: { artifactLocation: { uri: uri(f), uriBaseId: 'ROOTPATH' } } }],
    partialFingerprints: { 'cleanroomFinding/v1': fingerprint },
    suppressions: suppressed
      ? [
          {
            kind: 'external',
            status: 'accepted',
            justification: f.vex?.justification ?? f.vex?.impactStatement ?? f.vex?.status ?? f.fixState,
          },
        ]
      : undefined,
    properties: {
      package: f.package.name,
      version: f.package.version,
      type: f.package.type,
      purl: f.package.purl,
      layer: f.package.layer,
      fixState: f.fixState,
      fixedVersion: f.fixedVersion,
      kev: f.kev,
      epss: f.epss,
      vex: f.vex,
      matchedBy: f.matchedBy,
    },
  };
}

/** Builds the SARIF log (a plain object) for a scan result. */
export function toSarif(
  scan: ScanResult,
  options: Pick<ScanRenderOptions, 'showSuppressed'>,
): Record<string, unknown> {
  const kept = sortFindings(scan.findings);
  const suppressed = options.showSuppressed ? sortFindings(scan.suppressed) : [];
  const byId = new Map<string, Finding[]>();
  for (const f of [...kept, ...suppressed])
    (byId.get(f.vulnerability) ?? byId.set(f.vulnerability, []).get(f.vulnerability)!).push(f);
  const ids = [...byId.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: scan.scanner.name,
            version: scan.scanner.version,
            semanticVersion: scan.scanner.version,
            rules: ids.map((id) => rule(id, byId.get(id)!)),
          },
        },
        originalUriBaseIds: { ROOTPATH: { uri: 'file:///' } },
        results: [
          ...kept.map((f) => result(f, index.get(f.vulnerability)!, false)),
          ...suppressed.map((f) => result(f, index.get(f.vulnerability)!, true)),
        ],
        properties: {
          image: scan.inventory.target.reference,
          digest: scan.inventory.target.digest,
          scannedAt: scan.scannedAt,
          dbBuiltAt: scan.db.builtAt,
        },
      },
    ],
  };
}

/** `--format sarif`. */
export const sarifScanFormat: ScanFormat = {
  name: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers',
  render: (scan, options) => `${JSON.stringify(toSarif(scan, options), null, 2)}\n`,
};
