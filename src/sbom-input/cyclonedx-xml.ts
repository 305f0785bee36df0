import { XMLParser } from 'fast-xml-parser';
import { InputError } from '../errors.js';
import { inventoryFromCdx, type CdxComponent } from './cyclonedx.js';
import type { SbomReader } from './types.js';

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['component', 'license', 'property'].includes(name),
});

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'object' && v !== null ? text((v as XmlNode)['#text']) : undefined;
const children = (node: XmlNode | undefined, list: string, item: string): XmlNode[] => {
  const holder = node?.[list] as XmlNode | undefined;
  return (holder?.[item] as XmlNode[] | undefined) ?? [];
};

function toCdx(c: XmlNode): CdxComponent {
  const properties: Record<string, string[]> = {};
  for (const p of children(c, 'properties', 'property')) {
    const name = p['@name'];
    if (typeof name === 'string') (properties[name] ??= []).push(text(p) ?? '');
  }
  const licenses = ((c.licenses as XmlNode | undefined)?.license as XmlNode[] | undefined) ?? [];
  const expression = text((c.licenses as XmlNode | undefined)?.expression);
  return {
    type: typeof c['@type'] === 'string' ? c['@type'] : undefined,
    name: text(c.name),
    version: text(c.version),
    purl: text(c.purl),
    licenses: [
      ...licenses.flatMap((l) => text(l.id) ?? text(l.name) ?? []),
      ...(expression ? [expression] : []),
    ],
    properties,
    components: children(c, 'components', 'component').map(toCdx),
  };
}

/** CycloneDX XML (1.x): read, never written (DESIGN: no native XML library for output). */
export const cyclonedxXmlReader: SbomReader = {
  name: 'cyclonedx-xml',
  detect: (doc, raw) =>
    doc === undefined && /<bom[\s>][^]*cyclonedx\.org\/schema\/bom/.test(raw.slice(0, 4096)),
  read(_doc, raw, file) {
    let root: XmlNode;
    try {
      root = parser.parse(raw) as XmlNode;
    } catch (err) {
      throw new InputError(
        `${file} is not well-formed CycloneDX XML: ${(err as Error).message.split('\n')[0]}`,
      );
    }
    const bom = root.bom as XmlNode | undefined;
    if (!bom) throw new InputError(`${file} is not a CycloneDX XML document: no <bom> element`);
    const subject = ((bom.metadata as XmlNode | undefined)?.component as XmlNode[] | undefined)?.[0];
    const version = subject && text(subject.version);
    return inventoryFromCdx(
      children(bom, 'components', 'component').map(toCdx),
      {
        reference: (subject && text(subject.name)) ?? file,
        digest: version?.startsWith('sha256:') ? version : undefined,
        created: text((bom.metadata as XmlNode | undefined)?.timestamp),
      },
      file,
    );
  },
};
