/**
 * Test harness: a throwaway CA made with openssl, and Debian's `docker-registry` serving TLS on
 * 127.0.0.1 with a certificate that CA signed (SAN IP:127.0.0.1). Nothing leaves the host.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../../test/free-port.js';

const run = promisify(execFile);

export interface TestCa {
  /** the CA certificate (PEM file) clients should trust */
  caPem: string;
  /** the server certificate and key for 127.0.0.1 */
  certPem: string;
  keyPem: string;
}

/** Makes a CA and a server certificate for 127.0.0.1 in `dir` (EC P-256: fast to generate). */
export async function makeTestCa(dir: string): Promise<TestCa> {
  const p = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=cleanroom test CA',
  ]);
  await run('openssl', [
    'req',
    ...ec,
    '-keyout',
    p('server.key'),
    '-out',
    p('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await writeFile(
    p('server.ext'),
    'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.pem'),
    '-days',
    '2',
    '-extfile',
    p('server.ext'),
  ]);
  return { caPem: p('ca.pem'), certPem: p('server.pem'), keyPem: p('server.key') };
}

/** Starts docker-registry over TLS on a free port; storage lives in `dir`. */
export async function startTlsRegistry(
  dir: string,
  ca: TestCa,
): Promise<{ host: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, `data-${port}`)}`,
    'http:',
    `  addr: ${host}`,
    '  tls:',
    `    certificate: ${ca.certPem}`,
    `    key: ${ca.keyPem}`,
    '',
  ].join('\n');
  const file = join(dir, `registry-${port}.yml`);
  await writeFile(file, config);
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', file], { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  while (!(await answers(port))) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('docker-registry (TLS) did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v2/', rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}
