/** A period as users write it (`30m`, `24h`, `7d`): `--every` on the command line, `every` in the API. */
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** The period in seconds; undefined when the text is not one or is shorter than a minute. */
export function periodSeconds(text: string): number | undefined {
  const m = /^(\d+)([smhd])$/.exec(text.trim());
  const seconds = m ? Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS] : NaN;
  return Number.isSafeInteger(seconds) && seconds >= 60 ? seconds : undefined;
}
