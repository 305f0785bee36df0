import { buildPurl } from '../purl.js';
import type { Cataloguer } from '../types.js';
import { parseGemSpec } from './gemspec.js';

// installed gems: GEM_HOME/specifications/NAME-VERSION.gemspec, default gems one folder deeper
// (/usr/local/lib/ruby/gems/3.3.0, /usr/local/bundle, /var/lib/gems/3.1.0, Debian's
// /usr/share/rubygems-integration/all); a project's own *.gemspec elsewhere is source, not installed
const WANTED = /\/specifications\/(?:default\/)?[^/]+-[^/-]+\.gemspec$/;

/** The Ruby gems cataloguer: the specifications RubyGems writes for every installed gem. */
export const gemCataloguer: Cataloguer = {
  name: 'gem',
  wants: (path) => WANTED.test(path),
  async parse(path, content) {
    const spec = parseGemSpec(content.toString('utf8'));
    if (typeof spec === 'string') return { packages: [], warnings: [{ source: path, message: spec }] };
    return {
      packages: [
        {
          name: spec.name,
          version: spec.version,
          type: 'gem',
          purl: buildPurl({ type: 'gem', name: spec.name, version: spec.version }),
          licenses: spec.licenses,
          locations: [path],
          foundBy: 'gem',
          metadata: { kind: 'gem', summary: spec.summary, homepage: spec.homepage },
        },
      ],
      warnings: [],
    };
  },
};
