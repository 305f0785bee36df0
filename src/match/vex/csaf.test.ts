import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.js';
import { applyVex } from './apply.js';
import { parseVexFile, parseVexText } from './parse.js';

const fixture = (name: string) => join(import.meta.dirname, '__fixtures__', 'csaf', name);
const MULTIPLE = fixture('2022-evd-uc-03-ms-001.json');
const RELATIONSHIPS = fixture('bitnami-argocd-relationships.json');

function byStatus(statements: { status: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statements) out[s.status] = (out[s.status] ?? 0) + 1;
  return out;
}

function finding(vulnerability: string, purl: string): Finding {
  const name = purl.replace(/^pkg:[^/]+\/(?:.*\/)?([^@/]+)@.*$/, '$1');
  return {
    vulnerability,
    aliases: [],
    package: { name, version: '1', type: 'golang', purl, locations: [] },
    fixState: 'not-fixed',
    severity: 'high',
    kev: false,
    matchedBy: 'test',
  } as unknown as Finding;
}

describe('CSAF 2.0 VEX (OASIS CSAF TC example, use case 3: every status)', () => {
  it('reads one statement per vulnerability and product, each product_status as its VEX status', async () => {
    const statements = await parseVexFile(MULTIPLE);
    expect(statements).toHaveLength(19);
    expect(byStatus(statements)).toEqual({
      under_investigation: 5,
      not_affected: 6,
      affected: 5,
      fixed: 3,
    });
    const notAffected = statements.find((s) => s.vulnerability === 'CVE-2020-11906');
    expect(notAffected).toMatchObject({
      status: 'not_affected',
      impactStatement: 'This code was re-written. The vulnerable code is not present.',
      timestamp: '2022-03-03T11:00:00.000Z',
      source: MULTIPLE,
    });
    expect(statements.find((s) => s.vulnerability === 'CVE-2020-11898')?.actionStatement).toBe(
      'none_available: We are working to integrate the upstream patches in our code.',
    );
    // the product is an appliance named only by vendor, name and version: nothing in an image matches it
    expect(statements.every((s) => s.products.length === 0)).toBe(true);
  });
});

describe('CSAF relationships (a Bitnami-style document, Trivy test data)', () => {
  it('a default_component_of product names its component by purl, the flag is the justification', async () => {
    const [statement, ...rest] = await parseVexFile(RELATIONSHIPS);
    expect(rest).toEqual([]);
    expect(statement).toMatchObject({
      vulnerability: 'CVE-2024-0001',
      status: 'not_affected',
      justification: 'vulnerable_code_cannot_be_controlled_by_adversary',
      products: [{ id: 'pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0', subcomponents: [] }],
      timestamp: '2024-01-04T17:17:25+01:00',
    });
    const out = applyVex(
      [
        finding('CVE-2024-0001', 'pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0'),
        finding('CVE-2024-0001', 'pkg:golang/github.com/aquasecurity/go-direct1@v2.0.0'),
        finding('CVE-2024-0001', 'pkg:golang/github.com/aquasecurity/go-transitive@v4.0.1'),
      ],
      statement ? [statement] : [],
    );
    expect(out.suppressed.map((f) => f.package.purl)).toEqual([
      'pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0',
    ]);
    expect(out.kept).toHaveLength(2);
  });

  it('a component of an image platform (pkg:oci) applies inside that image only', () => {
    const doc = JSON.parse(readFileSync(RELATIONSHIPS, 'utf8'));
    doc.product_tree.branches[0].branches[0].branches[0].product.product_identification_helper.purl =
      'pkg:oci/argo-cd@sha256:' + 'a'.repeat(64);
    const statements = parseVexText(JSON.stringify(doc), 'image.json');
    expect(statements[0]?.products).toEqual([
      {
        id: `pkg:oci/argo-cd@sha256:${'a'.repeat(64)}`,
        subcomponents: ['pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0'],
      },
    ]);
    const f = [finding('CVE-2024-0001', 'pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0')];
    expect(applyVex(f, statements, `sha256:${'a'.repeat(64)}`).suppressed).toHaveLength(1);
    expect(applyVex(f, statements, `sha256:${'b'.repeat(64)}`).suppressed).toHaveLength(0);
  });
});

describe('malformed CSAF', () => {
  it('is refused naming the rule it breaks and where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanroom-csaf-'));
    try {
      const doc = JSON.parse(readFileSync(MULTIPLE, 'utf8'));
      doc.vulnerabilities[0].product_status.under_investigation = ['CSAFPID-9999'];
      const bad = join(dir, 'undefined-product.json');
      writeFileSync(bad, JSON.stringify(doc));
      await expect(parseVexFile(bad)).rejects.toThrow(
        `${bad} is not a valid CSAF 2.0 document: it fails mandatory test 6.1.1 (definition of product id missing) at /vulnerabilities/0/product_status/under_investigation/0`,
      );
      delete doc.document.publisher;
      writeFileSync(bad, JSON.stringify(doc));
      await expect(parseVexFile(bad)).rejects.toThrow(
        /it fails the CSAF 2.0 JSON schema \(must have required property 'publisher'\) at \/document/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
