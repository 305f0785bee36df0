/**
 * The stored suggestion of a tag (`cleanroom suggest --track NAME:TAG` keeps it, see
 * builder/suggest/stored-suggestion.ts) and its image file. Reads only: making a suggestion builds
 * an image, which no GET does. A known tag with none stored answers `suggestion: null` and the
 * command that makes one, so the console can say how.
 */
import { NotFoundError } from '../../errors.js';
import { readSuggestion } from '../../builder/suggest/stored-suggestion.js';
import { anyQuery } from '../cache.js';
import type { ServerContext } from '../context.js';
import { tagParams } from '../params.js';
import { knownTag } from './tag-ref.js';
import type { TypedApp } from './typed-app.js';

/** The command that stores a suggestion for NAME:TAG (SOURCE: where the image is read from). */
const makeCommand = (image: string, tag: string) =>
  `cleanroom suggest SOURCE --check "CMD" --track ${image}:${tag}`;

/** Registers the suggestion reads. */
export function suggestionRoutes(app: TypedApp, ctx: ServerContext): void {
  app.get(
    '/api/images/:image/tags/:tag/suggestion',
    {
      config: { storeOnly: anyQuery },
      schema: {
        summary:
          'the minimal alternative `cleanroom suggest --track` stored for this tag (or the one this tag was built as): its packages, size, CVEs today and over the year for both images, the hours and money avoided, what was left out and why, the compared counterparts; null with the command that makes one when none is stored',
        tags: ['images'],
        params: tagParams,
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const found = await readSuggestion(ctx.store, ref);
      if (!found) return { ...ref, role: null, suggestion: null, make: makeCommand(ref.image, ref.tag) };
      const { stored, role } = found;
      return {
        ...ref,
        role,
        original: `${stored.image}:${stored.tag}`,
        suggested: `${stored.image}:${stored.suggestedTag}`,
        createdAt: stored.createdAt,
        suggestion: stored.suggestion,
        make: makeCommand(stored.image, stored.tag),
      };
    },
  );
  app.get(
    '/api/images/:image/tags/:tag/suggestion/cleanroom.yaml',
    {
      config: { storeOnly: anyQuery },
      schema: {
        summary: "the stored suggestion's image file, for `cleanroom build`",
        tags: ['images'],
        params: tagParams,
      },
    },
    async (request, reply) => {
      const ref = await knownTag(ctx.store, request.params);
      const found = await readSuggestion(ctx.store, ref);
      if (!found)
        throw new NotFoundError(
          `${ref.image}:${ref.tag} has no stored suggestion (make one with ${makeCommand(ref.image, ref.tag)})`,
        );
      const name = `${found.stored.image.replace(/[^\w.-]+/g, '_')}-${found.stored.tag}.cleanroom.yaml`;
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(found.stored.imageFile);
    },
  );
}
