/**
 * CSAF 2.0 VEX as a user feeds it to `scan --vex`: a document shaped as distributions publish
 * them (an OS platform named by CPE, its packages by purl, `default_component_of`
 * relationships, one vulnerability per status) suppresses exactly the findings its
 * not_affected and fixed statements name and records the others, by status, and gives the same
 * result as the same statements written as OpenVEX. The real public CSAF documents of the
 * fixtures name products that are not in this image: they suppress nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history } from '../src/history/history.js';
import { track } from '../src/history/track.js';
import type { Finding, ScanResult } from '../src/match/types.js';
import { cli } from './cli-in-process.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-csaf-');
afterAll(tmp.cleanup);
const alpine39 = fixture('images/alpine-3.9.4.docker.tar.gz');
const CSAF_FIXTURES = join(import.meta.dirname, '..', 'src', 'match', 'vex', '__fixtures__', 'csaf');
let db: string;

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('peer/trivy/osv') }]);
}, 120_000);

const RELEASED = '2026-10-01T00:00:00.000Z';
const component = (id: string, purl: string) => ({
  category: 'product_version',
  name: id,
  product: { name: id, product_id: id, product_identification_helper: { purl } },
});
const inAlpine = (id: string) => ({
  category: 'default_component_of',
  full_product_name: { name: `${id} as a component of Alpine Linux 3.9`, product_id: `alpine-3.9:${id}` },
  product_reference: id,
  relates_to_product_reference: 'alpine-3.9',
});

// the statements, once: [cve, status, component, purl, extra]
const STATEMENTS = [
  ['CVE-2019-14697', 'known_not_affected', 'musl', 'pkg:apk/alpine/musl@1.1.20-r4'],
  ['CVE-2019-1549', 'fixed', 'libssl1.1', 'pkg:apk/alpine/libssl1.1@1.1.1b-r1?arch=x86_64'],
  ['CVE-2019-1549', 'under_investigation', 'libcrypto1.1', 'pkg:apk/alpine/libcrypto1.1@1.1.1b-r1'],
  ['CVE-2019-1551', 'known_affected', 'openssl', 'pkg:apk/alpine/openssl@1.1.1b-r1'],
] as const;
const OPENVEX_STATUS = {
  known_not_affected: 'not_affected',
  fixed: 'fixed',
  under_investigation: 'under_investigation',
  known_affected: 'affected',
} as const;

function csafDocument(): unknown {
  const components = [...new Map(STATEMENTS.map(([, , id, purl]) => [id, purl])).entries()];
  return {
    document: {
      category: 'csaf_vex',
      csaf_version: '2.0',
      publisher: { category: 'vendor', name: 'cleanroom tests', namespace: 'https://cleanroom.invalid' },
      title: 'Alpine 3.9 packages in the cleanroom test image',
      tracking: {
        current_release_date: RELEASED,
        initial_release_date: RELEASED,
        id: 'CLEANROOM-TEST-0001',
        revision_history: [{ date: RELEASED, number: '1', summary: 'Initial version.' }],
        status: 'final',
        version: '1',
      },
    },
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Alpine Linux',
          branches: [
            {
              category: 'product_name',
              name: 'Alpine Linux 3.9',
              product: {
                name: 'Alpine Linux 3.9',
                product_id: 'alpine-3.9',
                product_identification_helper: { cpe: 'cpe:/o:alpinelinux:alpine_linux:3.9' },
              },
            },
            ...components.map(([id, purl]) => component(id, purl)),
          ],
        },
      ],
      relationships: components.map(([id]) => inAlpine(id)),
    },
    vulnerabilities: [...new Set(STATEMENTS.map(([cve]) => cve))].map((cve) => {
      const mine = STATEMENTS.filter(([c]) => c === cve);
      const status: Record<string, string[]> = {};
      for (const [, s, id] of mine) (status[s] ??= []).push(`alpine-3.9:${id}`);
      const notAffected = status.known_not_affected ?? [];
      const affected = status.known_affected ?? [];
      return {
        cve,
        notes: [{ category: 'description', title: 'CVE description', text: `${cve} in Alpine 3.9` }],
        product_status: status,
        ...(notAffected.length
          ? {
              flags: [{ label: 'vulnerable_code_not_in_execute_path', product_ids: notAffected }],
              threats: [
                {
                  category: 'impact',
                  details: 'musl is only linked, never called on this path',
                  product_ids: notAffected,
                },
              ],
            }
          : {}),
        ...(affected.length
          ? {
              remediations: [
                { category: 'vendor_fix', details: 'upgrade to 1.1.1d-r0', product_ids: affected },
              ],
            }
          : {}),
      };
    }),
  };
}

function openVexDocument(): unknown {
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://cleanroom.invalid/vex/alpine-3.9',
    author: 'cleanroom tests',
    timestamp: RELEASED,
    version: 1,
    statements: STATEMENTS.map(([cve, status, , purl]) => ({
      vulnerability: { name: cve },
      products: [{ '@id': purl }],
      status: OPENVEX_STATUS[status],
      ...(status === 'known_not_affected'
        ? {
            justification: 'vulnerable_code_not_in_execute_path',
            impact_statement: 'musl is only linked, never called on this path',
          }
        : {}),
    })),
  };
}

async function scan(...vex: string[]): Promise<ScanResult> {
  const args = vex.flatMap((v) => ['--vex', v]);
  const run = await cli('scan', alpine39, '--db', db, '--format', 'json', ...args);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ScanResult;
}

const key = (f: Finding) => `${f.vulnerability} ${f.package.name} ${f.vex?.status ?? '-'}`;
function byStatus(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.vex?.status ?? 'none'] = (out[f.vex?.status ?? 'none'] ?? 0) + 1;
  return out;
}
// what VEX put on the findings, without the file it came from
const vexOf = (findings: Finding[]) =>
  findings.map((f) => ({ ...f, vex: f.vex ? { ...f.vex, source: 'the document' } : undefined }));

describe('scan --vex with a CSAF 2.0 document', () => {
  it('suppresses exactly its not_affected and fixed statements and records the others, by status', async () => {
    const before = await scan();
    expect(before.findings).toHaveLength(6);
    expect(before.suppressed).toEqual([]);
    const csaf = join(tmp.dir, 'alpine.csaf.json');
    writeFileSync(csaf, JSON.stringify(csafDocument(), null, 2));
    const after = await scan(csaf);
    // musl's statement covers musl-utils too (the same source package); libssl1.1 alone is fixed
    expect(after.suppressed.map(key)).toEqual([
      'CVE-2019-14697 musl not_affected',
      'CVE-2019-14697 musl-utils not_affected',
      'CVE-2019-1549 libssl1.1 fixed',
    ]);
    expect(byStatus(after.suppressed)).toEqual({ not_affected: 2, fixed: 1 });
    expect(byStatus(after.findings)).toEqual({ under_investigation: 1, affected: 2 });
    expect(after.findings.length + after.suppressed.length).toBe(before.findings.length);
    expect(after.suppressed[0]?.vex).toEqual({
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: 'musl is only linked, never called on this path',
      source: csaf,
    });
    // CVE-2019-14697 no longer counts; the other two CVEs still do
    expect(before.summary.total - after.summary.total).toBe(1);
  });

  it('equals the same statements written as OpenVEX', async () => {
    const csaf = join(tmp.dir, 'same.csaf.json');
    const openvex = join(tmp.dir, 'same.openvex.json');
    writeFileSync(csaf, JSON.stringify(csafDocument()));
    writeFileSync(openvex, JSON.stringify(openVexDocument()));
    const [fromCsaf, fromOpenVex] = [await scan(csaf), await scan(openvex)];
    expect(vexOf(fromCsaf.findings)).toEqual(vexOf(fromOpenVex.findings));
    expect(vexOf(fromCsaf.suppressed)).toEqual(vexOf(fromOpenVex.suppressed));
    expect(fromCsaf.summary).toEqual(fromOpenVex.summary);
  });

  it('real public CSAF documents about other products change nothing in this image', async () => {
    const before = await scan();
    const after = await scan(
      join(CSAF_FIXTURES, '2022-evd-uc-03-ms-001.json'),
      join(CSAF_FIXTURES, 'bitnami-argocd-relationships.json'),
    );
    expect(after.findings.map(key)).toEqual(before.findings.map(key));
    expect(after.suppressed).toEqual([]);
  });

  it('a malformed CSAF document stops the scan with one sentence naming the file and the rule', async () => {
    const doc = csafDocument() as { vulnerabilities: { product_status: Record<string, string[]> }[] };
    doc.vulnerabilities[0]!.product_status.known_not_affected = ['alpine-3.9:nginx'];
    const bad = join(tmp.dir, 'bad.csaf.json');
    writeFileSync(bad, JSON.stringify(doc));
    const run = await cli('scan', alpine39, '--db', db, '--vex', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad} is not a valid CSAF 2.0 document: it fails mandatory test 6.1.1`);
  });
});

describe('history --vex with a CSAF 2.0 document', () => {
  it('counts after VEX as with the same statements in OpenVEX, and fewer than without', async () => {
    const store = join(tmp.dir, 'history.db');
    await track([alpine39], { as: 'alpine:3.9', store, db, at: '2019-05-11T12:00:00.000Z' });
    const csaf = join(tmp.dir, 'history.csaf.json');
    const openvex = join(tmp.dir, 'history.openvex.json');
    writeFileSync(csaf, JSON.stringify(csafDocument()));
    writeFileSync(openvex, JSON.stringify(openVexDocument()));
    const range = { from: '2026-10-02', to: '2026-10-04', store, db, replay: true };
    const [plain, fromCsaf, fromOpenVex] = await Promise.all([
      history('alpine:3.9', range),
      history('alpine:3.9', { ...range, vex: [csaf] }),
      history('alpine:3.9', { ...range, vex: [openvex] }),
    ]);
    expect(fromCsaf.vexStatements).toBe(STATEMENTS.length);
    expect(fromCsaf.points).toEqual(fromOpenVex.points);
    expect(fromCsaf.points).toHaveLength(3);
    expect(plain.points.map((p) => p.total)).toEqual([3, 3, 3]);
    // the statements count from their own date (2026-10-01) on: CVE-2019-14697 (not_affected)
    // stops counting every day; the fixed libssl1.1 alone does not
    // remove CVE-2019-1549, which libcrypto1.1 still carries
    for (const [i, p] of fromCsaf.points.entries()) expect(p.total).toBe(plain.points[i]!.total - 1);
  });
});
