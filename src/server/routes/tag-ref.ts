/** Path parameters to the store's names, with the library's 404 for an unknown image or tag. */
import { NotFoundError } from '../../errors.js';
import type { TagRef } from '../../history/image-ref.js';
import type { HistoryStore } from '../../history/store/open.js';
import { requireTag } from '../../history/store/read.js';

/** The tag a route names, after checking the store knows it (404 otherwise). */
export async function knownTag(store: HistoryStore, params: { image: string; tag: string }): Promise<TagRef> {
  const ref = { image: params.image, tag: params.tag };
  await requireTag(store, ref);
  return ref;
}

/** Checks the store knows the image (404 otherwise). */
export async function knownImage(store: HistoryStore, image: string): Promise<void> {
  const row = await store.db.selectFrom('image').select('name').where('name', '=', image).executeTakeFirst();
  if (!row) throw new NotFoundError(`unknown image ${image}: nothing was tracked under that name`);
}
