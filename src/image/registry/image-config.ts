/**
 * The image config blob (image-spec config.md; Docker's image JSON is the same shape) reduced to the
 * `ImageConfig` the pipeline uses. Validated with zod because it comes from the network.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { ImageConfig } from '../types.js';

const configSchema = z.object({
  created: z.string().optional(),
  os: z.string().optional(),
  architecture: z.string().optional(),
  variant: z.string().optional(),
  config: z
    .object({
      Env: z.array(z.string()).nullish(),
      Labels: z.record(z.string(), z.string()).nullish(),
    })
    .nullish(),
  rootfs: z.object({ type: z.string(), diff_ids: z.array(z.string().regex(/^sha(256|512):[a-f0-9]+$/)) }),
  history: z
    .array(
      z.object({
        created: z.string().optional(),
        created_by: z.string().optional(),
        empty_layer: z.boolean().optional(),
      }),
    )
    .nullish(),
});

/** Parses image config bytes into the pipeline's ImageConfig; InputError naming `what` when invalid. */
export function parseImageConfig(bytes: Buffer, what: string): ImageConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InputError(`the image config of ${what} is not valid JSON`);
  }
  const parsed = configSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `the image config of ${what} is invalid at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const c = parsed.data;
  return {
    ...(c.created ? { created: c.created } : {}),
    ...(c.os ? { os: c.os } : {}),
    ...(c.architecture ? { architecture: c.architecture } : {}),
    ...(c.variant ? { variant: c.variant } : {}),
    diffIds: c.rootfs.diff_ids,
    history: (c.history ?? []).map((h) => ({
      ...(h.created ? { created: h.created } : {}),
      ...(h.created_by ? { createdBy: h.created_by } : {}),
      ...(h.empty_layer ? { emptyLayer: true } : {}),
    })),
    env: c.config?.Env ?? [],
    labels: c.config?.Labels ?? {},
  };
}
