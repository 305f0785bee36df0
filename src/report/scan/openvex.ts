/**
 * `--format openvex`: an OpenVEX 0.2.0 document (https://github.com/openvex/spec) with one
 * statement per finding, for a person to review, edit and feed back with `--vex`. Open findings
 * are `affected` with what to do about them; suppressed ones keep the status and justification
 * that suppressed them. The product is the image (OCI purl) with the package as subcomponent, so
 * the edited statements apply to this image only.
 */
import type { Finding, ScanResult } from '../../match/types.js';
import { toOpenVexJustification } from '../../match/vex/justifications.js';
import { nameBasedUuid } from '../sbom/document-id.js';
import { imageIdentity } from '../sbom/image-identity.js';
import { sortFindings } from './order.js';
import type { ScanFormat, ScanRenderOptions } from './types.js';

type Statement = Record<string, unknown>;

/** What to do about an open finding, as OpenVEX's `action_statement` (required for `affected`). */
export function actionStatement(f: Finding): string {
  const name = f.package.name;
  if (f.fixedVersion) return `Update ${name} to ${f.fixedVersion} or later.`;
  if (f.fixState === 'wont-fix')
    return `The distribution will not fix this in ${name}: mitigate, or replace the package.`;
  return `No fixed version of ${name} is available yet: mitigate, or watch for an update.`;
}

function packageId(f: Finding): string {
  return (
    f.package.purl ||
    `pkg:generic/${encodeURIComponent(f.package.name)}@${encodeURIComponent(f.package.version)}`
  );
}

function statement(f: Finding, imagePurl: string | undefined, timestamp: string): Statement {
  const aliases = [...new Set(f.aliases.filter((a) => a !== f.vulnerability))];
  const products = imagePurl
    ? [{ '@id': imagePurl, subcomponents: [{ '@id': packageId(f) }] }]
    : [{ '@id': packageId(f) }];
  const s: Statement = {
    vulnerability: aliases.length ? { name: f.vulnerability, aliases } : { name: f.vulnerability },
    timestamp,
    products,
  };
  const vex = f.vex;
  if (!vex) {
    if (f.fixState === 'not-affected') {
      s.status = 'not_affected';
      s.impact_statement = `The advisory feed marks ${f.package.name} ${f.package.version} not affected (${f.records.join(', ') || f.matchedBy}).`;
    } else {
      s.status = 'affected';
      s.action_statement = actionStatement(f);
    }
    return s;
  }
  s.status = vex.status;
  s.status_notes = `From the VEX statement in ${vex.source}.`;
  const justification = toOpenVexJustification(vex.justification);
  if (justification) s.justification = justification;
  if (vex.impactStatement) s.impact_statement = vex.impactStatement;
  if (vex.status === 'not_affected' && !justification && !vex.impactStatement) {
    s.impact_statement = vex.justification ?? `Marked not affected by ${vex.source}.`;
  }
  if (vex.status === 'affected') s.action_statement = actionStatement(f);
  return s;
}

/** Builds the OpenVEX document (a plain object) for a scan result. */
export function toOpenVex(scan: ScanResult, now: Date): Record<string, unknown> {
  const timestamp = now.toISOString();
  const imagePurl = imageIdentity(scan.inventory.target).purl;
  const seen = new Set<string>();
  const statements: Statement[] = [];
  for (const f of [...sortFindings(scan.findings), ...sortFindings(scan.suppressed)]) {
    const s = statement(f, imagePurl, timestamp);
    // the schema wants unique statements; the same package found twice gives the same one
    const key = JSON.stringify(s);
    if (!seen.has(key)) statements.push(s);
    seen.add(key);
  }
  const target = scan.inventory.target;
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': `urn:uuid:${nameBasedUuid('cleanroom-openvex', target.reference, target.digest ?? '', timestamp)}`,
    author: scan.scanner.name,
    role: 'Document Creator',
    timestamp,
    version: 1,
    tooling: `${scan.scanner.name} ${scan.scanner.version} (advisory DB built ${scan.db.builtAt})`,
    statements,
  };
}

/** `--format openvex`. */
export const openVexScanFormat: ScanFormat = {
  name: 'openvex',
  description: 'OpenVEX 0.2.0: one statement per finding, to review and feed back with --vex',
  render: (scan: ScanResult, options: ScanRenderOptions) =>
    `${JSON.stringify(toOpenVex(scan, options.now), null, 2)}\n`,
};
