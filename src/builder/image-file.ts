/**
 * The image file (`cleanroom.yaml`): what to build, declared in the spirit of apko's configuration.
 * Validated with zod; the first problem becomes one sentence naming the file and the field.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';

const packageName = z.string().regex(/^[a-z0-9][a-z0-9+.-]+$/, 'a Debian package name (a-z, 0-9, +, -, .)');
const absolutePath = z.string().regex(/^\/[^\0]*$/, 'an absolute path');
const debianArch = z.enum([
  'amd64',
  'arm64',
  'armhf',
  'armel',
  'i386',
  'ppc64el',
  's390x',
  'mips64el',
  'riscv64',
]);

/** A repository of the image file; the machine's apt sources when none is given. */
export const repositorySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).describe('the mirror, e.g. http://deb.debian.org/debian'),
  suites: z.array(z.string().min(1)).min(1).optional(),
  components: z.array(z.string().min(1)).min(1).default(['main']),
  keyring: absolutePath.optional(),
});

/** The whole image file. */
export const imageFileSchema = z.strictObject({
  distribution: z.literal('debian').default('debian'),
  suite: z.enum(['bookworm', 'trixie']).default('bookworm'),
  repositories: z.array(repositorySchema).min(1).optional(),
  packages: z.array(packageName).min(1),
  /** dependencies taken as met without installing them: only maintainer scripts need them */
  exclude: z.array(packageName).default([]),
  caCertificates: z.boolean().default(false),
  keepDocs: z.boolean().default(false),
  account: z
    .strictObject({
      user: z
        .string()
        .regex(/^[a-z_][a-z0-9_-]*$/)
        .default('nonroot'),
      group: z
        .string()
        .regex(/^[a-z_][a-z0-9_-]*$/)
        .optional(),
      uid: z
        .number()
        .int()
        .min(1)
        .max(2 ** 31 - 1)
        .default(65532),
      gid: z
        .number()
        .int()
        .min(1)
        .max(2 ** 31 - 1)
        .optional(),
      home: absolutePath.optional(),
    })
    .default({ user: 'nonroot', uid: 65532 }),
  entrypoint: z.array(z.string()).optional(),
  cmd: z.array(z.string()).optional(),
  env: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), z.string())
    .default({}),
  workdir: absolutePath.optional(),
  labels: z.record(z.string().min(1), z.string()).default({}),
  architectures: z.array(debianArch).min(1).default(['amd64']),
});

/** An image file as written. */
export type ImageFile = z.infer<typeof imageFileSchema>;

/** Reads and validates an image file; any problem is an InputError naming the file. */
export async function readImageFile(path: string): Promise<ImageFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the image file ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  return parseImageFile(text, path);
}

/** Validates the text of an image file (YAML, or JSON which is YAML). */
export function parseImageFile(text: string, path: string): ImageFile {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new InputError(`${path} is not YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = imageFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the document';
    throw new InputError(`${path}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}
