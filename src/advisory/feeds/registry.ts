import { alpineSecdbFeed } from './alpine-secdb/index.js';
import { osvFeed } from './osv/index.js';
import { wolfiSecdbFeed } from './wolfi-secdb/index.js';
import type { Feed } from './types.js';
export const registry: ReadonlyMap<string, Feed> = new Map([
  [osvFeed.name, osvFeed],
  [alpineSecdbFeed.name, alpineSecdbFeed],
  [wolfiSecdbFeed.name, wolfiSecdbFeed],
]);
