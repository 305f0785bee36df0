import { resolve } from 'node:path';

/** Where the shared real-world fixtures are: `CLEANROOM_FIXTURES` or ../shared/fixtures. */
export function fixturesDir(): string {
  return resolve(process.env.CLEANROOM_FIXTURES ?? resolve(process.cwd(), '..', 'shared', 'fixtures'));
}

/** A path inside the fixtures folder. */
export function fixture(...parts: string[]): string {
  return resolve(fixturesDir(), ...parts);
}
