import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerConfigPath, findCredentials } from './docker-config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-docker-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function env(config: unknown): Promise<NodeJS.ProcessEnv> {
  const d = await mkdtemp(join(dir, 'c-'));
  await writeFile(join(d, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return { DOCKER_CONFIG: d, PATH: '/usr/bin:/bin' };
}

describe('findCredentials', () => {
  it('decodes auth (base64 user:password, the password may hold colons)', async () => {
    const e = await env({ auths: { 'ghcr.io': { auth: Buffer.from('me:pa:ss').toString('base64') } } });
    expect(await findCredentials('ghcr.io', e)).toMatchObject({ username: 'me', password: 'pa:ss' });
    expect(await findCredentials('quay.io', e)).toBeUndefined();
  });

  it('finds Docker Hub under its historical key, and keys written as URLs', async () => {
    const e = await env({
      auths: {
        'https://index.docker.io/v1/': { username: 'hub', password: 'x' },
        'http://127.0.0.1:5000/v2/': { identitytoken: 'refresh' },
      },
    });
    expect(await findCredentials('docker.io', e)).toMatchObject({ username: 'hub', password: 'x' });
    expect(await findCredentials('127.0.0.1:5000', e)).toMatchObject({ identityToken: 'refresh' });
  });

  it('treats a missing or broken config, or a missing helper, as anonymous', async () => {
    expect(await findCredentials('ghcr.io', { DOCKER_CONFIG: join(dir, 'absent') })).toBeUndefined();
    expect(await findCredentials('ghcr.io', await env('{not json'))).toBeUndefined();
    expect(
      await findCredentials('ghcr.io', await env({ credHelpers: { 'ghcr.io': 'no-such-helper-here' } })),
    ).toBeUndefined();
  });

  it('reads DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/x' })).toBe('/x/config.json');
    expect(dockerConfigPath({})).toMatch(/\.docker\/config\.json$/);
  });
});
