/**
 * Docker credential helpers: `docker-credential-NAME get` reads the server URL on stdin and writes
 * `{"ServerURL","Username","Secret"}` on stdout (docker/docker-credential-helpers protocol).
 * The helper's output is never echoed into errors: it holds the secret.
 */
import { spawn } from 'node:child_process';
import { z } from 'zod';
import type { Credentials } from './credentials.js';

const helperAnswer = z.object({ Username: z.string(), Secret: z.string() });

/** Asks `docker-credential-NAME` for the credentials of a server; undefined when it has none or fails. */
export async function runCredentialHelper(
  name: string,
  serverUrl: string,
  timeoutMs = 10_000,
): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return undefined;
  const out = await new Promise<string | undefined>((resolve) => {
    let child;
    try {
      child = spawn(`docker-credential-${name}`, ['get'], {
        stdio: ['pipe', 'pipe', 'ignore'],
        timeout: timeoutMs,
      });
    } catch {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(undefined)); // not installed: behave as "no credentials"
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : undefined));
    child.stdin.on('error', () => undefined);
    child.stdin.end(serverUrl);
  });
  if (!out) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(out);
  } catch {
    return undefined;
  }
  const parsed = helperAnswer.safeParse(doc);
  if (!parsed.success || parsed.data.Secret === '') return undefined;
  // Username "<token>" marks an identity (refresh) token, as `docker login` stores them.
  if (parsed.data.Username === '<token>')
    return { identityToken: parsed.data.Secret, source: `credential helper ${name}` };
  return {
    username: parsed.data.Username,
    password: parsed.data.Secret,
    source: `credential helper ${name}`,
  };
}
