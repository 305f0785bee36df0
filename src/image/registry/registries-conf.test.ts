import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistriesConf, registriesConfPath } from './registries-conf.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-registries-conf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('which registries.conf applies', () => {
  it('CONTAINERS_REGISTRIES_CONF, else the user one under XDG_CONFIG_HOME when it exists', () => {
    const xdg = join(dir, 'config');
    const env = { XDG_CONFIG_HOME: xdg, HOME: join(dir, 'home') };
    const user = join(xdg, 'containers', 'registries.conf');
    // no user file: the system one, when this machine has it
    expect([undefined, '/etc/containers/registries.conf']).toContain(registriesConfPath(env));
    mkdirSync(join(xdg, 'containers'), { recursive: true });
    writeFileSync(user, '[[registry]]\nlocation = "r.example:5000"\ninsecure = true\n');
    expect(registriesConfPath(env)).toBe(user);
    expect(loadRegistriesConf(env)?.registries).toEqual([{ location: 'r.example:5000', insecure: true }]);
    expect(registriesConfPath({ ...env, CONTAINERS_REGISTRIES_CONF: '/x/r.conf' })).toBe('/x/r.conf');
  });

  it('a file named by CONTAINERS_REGISTRIES_CONF that is missing is an error naming it', () => {
    expect(() => loadRegistriesConf({ CONTAINERS_REGISTRIES_CONF: join(dir, 'nope.conf') })).toThrow(
      /nope\.conf \(CONTAINERS_REGISTRIES_CONF\) does not exist/,
    );
  });

  it('is read again when it changes', () => {
    const path = join(dir, 'changing.conf');
    writeFileSync(path, '[[registry]]\nlocation = "a.example"\n');
    expect(loadRegistriesConf({ CONTAINERS_REGISTRIES_CONF: path })?.registries[0]?.location).toBe(
      'a.example',
    );
    writeFileSync(path, '[[registry]]\nlocation = "bb.example"\n');
    expect(loadRegistriesConf({ CONTAINERS_REGISTRIES_CONF: path })?.registries[0]?.location).toBe(
      'bb.example',
    );
  });
});
