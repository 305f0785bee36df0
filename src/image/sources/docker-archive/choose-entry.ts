/** Choosing one image of a `docker save` archive by tag (an archive may hold several). */
import { InputError } from '../../../errors.js';

export interface ArchiveEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

// `docker save alpine` records `alpine:latest`; users type `alpine` or `docker.io/library/alpine`.
function normalizeTag(tag: string): string {
  const t = tag.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return /:[^/]+$/.test(t) ? t : `${t}:latest`;
}

/** The entry tagged `tag`, or the only entry; an InputError listing the tags otherwise. */
export function chooseEntry(entries: ArchiveEntry[], path: string, tag: string | undefined): ArchiveEntry {
  const all = entries.flatMap((e) => e.RepoTags ?? []);
  const listed = all.length > 0 ? all.join(', ') : 'none';
  if (tag !== undefined) {
    const want = normalizeTag(tag);
    const found = entries.find((e) => (e.RepoTags ?? []).some((t) => normalizeTag(t) === want));
    if (found === undefined)
      throw new InputError(`${path} has no image tagged ${tag}; tags present: ${listed}.`);
    return found;
  }
  const [only, second] = entries;
  if (only === undefined) throw new InputError(`${path} holds no image: its manifest.json is empty.`);
  if (second !== undefined)
    throw new InputError(
      `${path} holds ${entries.length} images (tags: ${listed}); name one as docker-archive:${path}:TAG.`,
    );
  return only;
}
