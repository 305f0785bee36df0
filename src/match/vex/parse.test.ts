import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { InputError } from '../../errors.js';
import { parseVexFile, parseVexText } from './parse.js';

async function dhiFiles(): Promise<string[]> {
  const root = fixture('vex', 'dhi');
  const entries = await readdir(root, { recursive: true });
  return entries.filter((e) => e.endsWith('.vex.json')).map((e) => join(root, e));
}

describe('parseVexFile on the Docker Hardened Images OpenVEX documents', () => {
  it('reads every statement of all 107 documents', async () => {
    const files = await dhiFiles();
    expect(files).toHaveLength(107);
    let statements = 0;
    let products = 0;
    for (const file of files) {
      // the expectation comes from the raw JSON, not from the parser
      const raw = JSON.parse(await readFile(file, 'utf8')) as {
        statements: {
          vulnerability: { name: string };
          status: string;
          products: { subcomponents?: unknown[] }[];
        }[];
      };
      const parsed = await parseVexFile(file);
      expect(parsed).toHaveLength(raw.statements.length);
      parsed.forEach((s, i) => {
        const r = raw.statements[i]!;
        expect(s.vulnerability).toBe(r.vulnerability.name);
        expect(s.status).toBe(r.status);
        expect(s.products).toHaveLength(r.products.length);
        expect(s.products.map((p) => p.subcomponents.length)).toEqual(
          r.products.map((p) => p.subcomponents?.length ?? 0),
        );
        expect(s.source).toBe(file);
      });
      statements += raw.statements.length;
      products += raw.statements.reduce((n, s) => n + s.products.length, 0);
    }
    expect(statements).toBeGreaterThan(6000);
    expect(products).toBeGreaterThan(statements);
  });

  it('keeps justification and takes the statement timestamp', async () => {
    const file = fixture('vex', 'dhi', 'minio', 'dhi-minio.vex.json');
    const raw = JSON.parse(await readFile(file, 'utf8')) as {
      statements: { justification?: string; timestamp: string }[];
    };
    const parsed = await parseVexFile(file);
    expect(parsed.map((s) => s.justification)).toEqual(raw.statements.map((s) => s.justification));
    expect(parsed.map((s) => s.timestamp)).toEqual(raw.statements.map((s) => s.timestamp));
  });
});

describe('parseVexText errors', () => {
  it('names the file when it is not JSON', () => {
    expect(() => parseVexText('{oops', 'my.vex.json')).toThrow(/my\.vex\.json is not JSON/);
  });
  it('names the file and the field when an OpenVEX statement has a bad status', () => {
    const doc = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [{ vulnerability: { name: 'CVE-2024-1' }, status: 'maybe' }],
    };
    const run = () => parseVexText(JSON.stringify(doc), 'bad.json');
    expect(run).toThrow(InputError);
    expect(run).toThrow(/bad\.json is not a valid OpenVEX document: statements\.0\.status/);
  });
  it('rejects a document of another kind', () => {
    expect(() => parseVexText('{"spdxVersion":"SPDX-2.3"}', 'x.json')).toThrow(
      /neither an OpenVEX, a CycloneDX VEX nor a CSAF/,
    );
  });
  it('says when the file cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vex-'));
    await expect(parseVexFile(join(dir, 'missing.json'))).rejects.toThrow(
      /cannot read VEX file .*missing\.json/,
    );
    await rm(dir, { recursive: true });
  });
});

describe('OpenVEX details', () => {
  it('takes aliases and @id as other names, last_updated over timestamp, and the 0.0.x string shapes', () => {
    const doc = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      timestamp: '2024-01-01T00:00:00Z',
      statements: [
        {
          vulnerability: {
            '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2023-44487',
            name: 'CVE-2023-44487',
            aliases: ['GHSA-qppj-fm5r-hxr3'],
          },
          products: [{ identifiers: { purl: 'pkg:golang/golang.org/x/net@v0.7.0' } }],
          status: 'affected',
          action_statement: 'Update golang.org/x/net to v0.17.0',
          last_updated: '2024-03-01T00:00:00Z',
          timestamp: '2024-02-01T00:00:00Z',
        },
        { vulnerability: 'CVE-2022-1', products: ['pkg:npm/lodash@4.17.20'], status: 'fixed' },
      ],
    };
    const [a, b] = parseVexText(JSON.stringify(doc), 'doc.json');
    expect(a).toMatchObject({
      vulnerability: 'CVE-2023-44487',
      aliases: ['https://nvd.nist.gov/vuln/detail/CVE-2023-44487', 'GHSA-qppj-fm5r-hxr3'],
      products: [{ id: 'pkg:golang/golang.org/x/net@v0.7.0', subcomponents: [] }],
      actionStatement: 'Update golang.org/x/net to v0.17.0',
      timestamp: '2024-03-01T00:00:00Z',
    });
    expect(b).toMatchObject({
      vulnerability: 'CVE-2022-1',
      status: 'fixed',
      timestamp: '2024-01-01T00:00:00Z',
    });
    expect(b?.products).toEqual([{ id: 'pkg:npm/lodash@4.17.20', subcomponents: [] }]);
  });
});

describe('CycloneDX VEX', () => {
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    metadata: {
      timestamp: '2024-05-01T00:00:00Z',
      component: {
        type: 'container',
        'bom-ref': 'image',
        name: 'app',
        purl: 'pkg:oci/app@sha256%3A' + 'a'.repeat(64),
      },
    },
    components: [
      {
        'bom-ref': 'ref-openssl',
        type: 'library',
        name: 'openssl',
        purl: 'pkg:apk/alpine/libssl1.1@1.1.1b-r1',
        components: [{ 'bom-ref': 'nested', name: 'x', purl: 'pkg:npm/x@1.0.0' }],
      },
    ],
    vulnerabilities: [
      {
        id: 'CVE-2019-1549',
        analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'RNG fork not used' },
        affects: [{ ref: 'ref-openssl' }],
      },
      {
        id: 'CVE-2019-1551',
        analysis: { state: 'false_positive' },
        affects: [{ ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#nested' }],
      },
      {
        id: 'CVE-2019-1563',
        analysis: { state: 'resolved', lastUpdated: '2024-06-01T00:00:00Z' },
        affects: [{ ref: 'image' }],
      },
      {
        id: 'CVE-2019-1547',
        analysis: { state: 'exploitable', response: ['update'] },
        affects: [{ ref: 'pkg:npm/y@2.0.0' }],
      },
      {
        id: 'CVE-2019-1552',
        analysis: { state: 'in_triage' },
        references: [{ id: 'GHSA-9c3r-5v2q-w8hx' }],
        affects: [{ ref: 'unknown-ref' }],
      },
      { id: 'CVE-2020-0001', ratings: [] },
    ],
  };

  it('maps analysis states to OpenVEX statuses and resolves bom-refs to purls', () => {
    const s = parseVexText(JSON.stringify(bom), 'vex.cdx.json');
    expect(s.map((x) => [x.vulnerability, x.status])).toEqual([
      ['CVE-2019-1549', 'not_affected'],
      ['CVE-2019-1551', 'not_affected'],
      ['CVE-2019-1563', 'fixed'],
      ['CVE-2019-1547', 'affected'],
      ['CVE-2019-1552', 'under_investigation'],
    ]);
    expect(s.map((x) => x.products[0]?.id)).toEqual([
      'pkg:apk/alpine/libssl1.1@1.1.1b-r1',
      'pkg:npm/x@1.0.0',
      bom.metadata.component.purl,
      'pkg:npm/y@2.0.0',
      'unknown-ref',
    ]);
    expect(s[0]).toMatchObject({
      justification: 'code_not_reachable',
      impactStatement: 'RNG fork not used',
      timestamp: '2024-05-01T00:00:00Z',
    });
    expect(s[2]?.timestamp).toBe('2024-06-01T00:00:00Z');
    expect(s[3]?.actionStatement).toBe('update');
    expect(s[4]?.aliases).toEqual(['GHSA-9c3r-5v2q-w8hx']);
  });

  it('names the file when the analysis state is unknown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vex-'));
    const file = join(dir, 'bad.cdx.json');
    const bad = { ...bom, vulnerabilities: [{ id: 'CVE-1', analysis: { state: 'nope' } }] };
    await writeFile(file, JSON.stringify(bad));
    await expect(parseVexFile(file)).rejects.toThrow(
      /bad\.cdx\.json is not a valid CycloneDX VEX document: vulnerabilities\.0\.analysis\.state/,
    );
    await rm(dir, { recursive: true });
  });
});
