/** Platforms as users write them (`linux/arm64/v8`) and as images declare them. */
import { InputError } from '../../../errors.js';
import type { Platform } from '../../types.js';

export const DEFAULT_PLATFORM = 'linux/amd64';

// Go's GOARCH names are the ones image-spec uses; accept the kernel's names too.
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armhf: 'arm', i386: '386' };

/** Parses `os/arch[/variant]`. */
export function parsePlatform(text: string): Platform {
  const [os, arch, variant, extra] = text.split('/');
  if (os === undefined || os === '' || arch === undefined || arch === '' || extra !== undefined) {
    throw new InputError(`--platform ${text} is not of the form os/arch or os/arch/variant.`);
  }
  const p: Platform = { os, architecture: ARCH_ALIASES[arch] ?? arch };
  if (variant !== undefined && variant !== '') p.variant = variant;
  return p;
}

/** Whether an image's platform satisfies the requested one (variant only when requested). */
export function platformMatches(have: Platform, want: Platform): boolean {
  if (have.os !== want.os || (ARCH_ALIASES[have.architecture] ?? have.architecture) !== want.architecture)
    return false;
  return (
    want.variant === undefined ||
    want.variant === (have.variant ?? (have.architecture === 'arm64' ? 'v8' : undefined))
  );
}
