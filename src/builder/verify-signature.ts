/**
 * OpenPGP check of an `InRelease` file with Debian's `gpgv` against a keyring file (Debian's
 * `debian-archive-keyring` by default). `gpgv --output` writes the text it verified, and only that
 * text is used afterwards: parsing the clear-signed file ourselves could read lines the signature
 * does not cover.
 */
import { spawn } from 'node:child_process';
import { InputError } from '../errors.js';

/** The keyring Debian's own apt sources name for its archive. */
export const DEBIAN_ARCHIVE_KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';

/** The signed text of a clear-signed InRelease; an InputError naming `label` when it does not verify. */
export async function verifyInRelease(data: Buffer, keyring: string, label: string): Promise<string> {
  const { stdout, stderr } = await run(
    'gpgv',
    ['--status-fd', '2', '--keyring', keyring, '--output', '-', '-'],
    data,
  );
  // as apt does: at least one good signature by a key of the keyring, and no bad one (a signature
  // by a key the keyring lacks, such as a newer release's, is neither)
  const status = stderr.split('\n').filter((l) => l.startsWith('[GNUPG:] '));
  const good = status.some((l) => l.startsWith('[GNUPG:] VALIDSIG '));
  const bad = status.some((l) => l.startsWith('[GNUPG:] BADSIG '));
  if (!good || bad || stdout.length === 0) {
    const why = bad
      ? 'a bad signature'
      : status.some((l) => l.includes('NODATA'))
        ? 'no signature'
        : 'no signature by a key of the keyring';
    throw new InputError(`${label} does not verify against ${keyring}: ${why}`);
  }
  return stdout.toString('utf8');
}

function run(
  command: string,
  args: string[],
  input: Buffer,
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      reject(
        new InputError(`cannot run ${command} (Debian's gpgv package) to verify signatures: ${e.message}`),
      ),
    );
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }),
    );
    child.stdin.on('error', () => {}); // gpgv may stop reading early on garbage; its exit code says why
    child.stdin.end(input);
  });
}
