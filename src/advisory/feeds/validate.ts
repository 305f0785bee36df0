/** zod validation of one outside record: a bad record becomes a warning naming file and record. */
import type { z } from 'zod';
import type { FeedReadOptions } from './types.js';

/** The parsed record, or undefined after reporting why it was skipped (file, record, first problem). */
export function validRecord<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: { file: string; record: string },
  options: FeedReadOptions,
): z.infer<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  options.onWarning({
    source: `${where.file}#${where.record}`,
    message: `skipped record ${where.record}: ${issue?.message ?? 'invalid'}${path}`,
  });
  return undefined;
}
