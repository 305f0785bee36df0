/** Runs the CLI in this process as a user would, capturing stdout, stderr and the exit code. */
import { vi } from 'vitest';
import { main } from '../src/cli/main.js';

/** `cleanroom ARGS…` with stdout and stderr captured (and silenced). */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((_chunk, cb?: unknown) => {
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  });
  try {
    process.exitCode = undefined;
    const code = await main(['node', 'cleanroom', ...args]);
    const text = (spy: typeof err) => spy.mock.calls.map((c) => String(c[0])).join('');
    return { code, stdout: text(out), stderr: text(err) };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}
