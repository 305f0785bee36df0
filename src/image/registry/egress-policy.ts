/**
 * Where a server may connect on behalf of a reference it was given through its API (a track, a
 * watch): by default never to a loopback, link-local (the cloud metadata address 169.254.169.254
 * among them), private, shared (CGNAT), multicast or unspecified address, checked after DNS
 * resolution, for the registry, each redirect and the token realm a registry names. The operator
 * opens what the server may reach with `--registry-allow` patterns: `HOST`, `HOST:PORT`,
 * `*.DOMAIN` or a CIDR block (`10.0.0.0/8`). The CLI sets no policy and keeps its freedom.
 *
 * The policy is ambient (AsyncLocalStorage): the server runs the work of a request and the worker
 * the run of a watch inside `withEgressPolicy`, and the HTTP layer asks `checkEgress` before each
 * request, so no option has to travel through every function between them.
 *
 * DNS rebinding: a name checked once and resolved again by the connection could answer a public
 * address to the check and 127.0.0.1 to the connection. Under a policy the connection therefore
 * goes through `egressConnector` (dispatcher.ts): it resolves the name itself, checks every address
 * and connects to an address it checked, never to a second resolution. Through a proxy the proxy
 * resolves the name: the check then sees only this host's answer (docs/security.md).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { buildConnector } from 'undici';
import { InputError } from '../../errors.js';

/** A name's addresses (default: the system's resolver, `dns.lookup`, every address). */
export type Resolve = (host: string) => Promise<string[]>;

export interface EgressPolicy {
  /** patterns that are allowed whatever they resolve to */
  allow: readonly string[];
  /** how names resolve, for the check and the connection alike (default: the system's resolver) */
  resolve?: Resolve;
}

/** Thrown when the policy refuses a host: a 400 for the API, a permanent failure for a watch. */
export class EgressRefusedError extends InputError {
  constructor(
    readonly host: string,
    readonly detail: string,
  ) {
    super(
      `registry ${host} is not reachable from this server: ${detail} (an operator allows it with --registry-allow)`,
    );
    this.name = 'EgressRefusedError';
  }
}

const refused = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (CGNAT)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  refused.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local (fd00:ec2::254, a metadata address, among them)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 of IPv4 addresses
] as const)
  refused.addSubnet(net, bits, 'ipv6');

/** Why an address may not be reached, or undefined when it may. */
export function refusedAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return undefined;
  // an IPv4-mapped IPv6 address is the IPv4 address
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return refusedAddress(mapped);
  return refused.check(address, family === 4 ? 'ipv4' : 'ipv6')
    ? 'it is a loopback, link-local, private or reserved address'
    : undefined;
}

/** Whether `host` (`name` or `name:port`, a bracketed IPv6 allowed) matches one of the patterns. */
export function allowedByPattern(
  host: string,
  port: string,
  addresses: readonly string[],
  allow: readonly string[],
): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  for (const raw of allow) {
    const pattern = raw.trim().toLowerCase();
    if (!pattern) continue;
    const cidr = /^(.+)\/(\d{1,3})$/.exec(pattern);
    if (cidr && isIP(cidr[1]!)) {
      const list = new BlockList();
      const type = isIP(cidr[1]!) === 4 ? 'ipv4' : 'ipv6';
      list.addSubnet(cidr[1]!, Number(cidr[2]), type);
      if (
        addresses.length &&
        addresses.every((a) => isIP(a) !== 0 && list.check(a, isIP(a) === 4 ? 'ipv4' : 'ipv6'))
      )
        return true;
      continue;
    }
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(pattern);
    if (!m) continue;
    const want = m[1]!.replace(/^\[|\]$/g, '');
    if (m[2] !== undefined && m[2] !== port) continue;
    if (want.startsWith('*.') ? name.endsWith(want.slice(1)) : name === want) return true;
  }
  return false;
}

/** Checks `--registry-allow` patterns as given, throwing an InputError naming a bad one. */
export function parseAllowPatterns(patterns: readonly string[]): string[] {
  for (const p of patterns) {
    const cidr = /^(.+)\/(\d{1,3})$/.exec(p);
    const ok = cidr
      ? isIP(cidr[1]!) !== 0 && Number(cidr[2]) <= (isIP(cidr[1]!) === 4 ? 32 : 128)
      : /^(\*\.)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(p);
    if (!ok)
      throw new InputError(
        `--registry-allow: "${p}" is not HOST, HOST:PORT, *.DOMAIN or a CIDR block (10.0.0.0/8)`,
      );
  }
  return [...patterns];
}

const ambient = new AsyncLocalStorage<EgressPolicy>();

/** Runs `fn` with `policy` deciding every connection the registry client opens inside it. */
export function withEgressPolicy<T>(policy: EgressPolicy | undefined, fn: () => T): T {
  return policy ? ambient.run(policy, fn) : fn();
}

/** The policy in force here (none: the CLI, free to reach anything). */
export function currentEgressPolicy(): EgressPolicy | undefined {
  return ambient.getStore();
}

const resolveAll: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Refuses (EgressRefusedError) a URL the policy in force does not allow: its host is resolved and
 * every address it resolves to must be allowed, unless a pattern allows the host. Without a
 * policy, nothing is checked. This check comes before a request (and before a watch is added);
 * the connection itself is checked again by `egressConnector`, on the addresses it connects to.
 */
export async function checkEgress(
  url: URL,
  policy: EgressPolicy | undefined = currentEgressPolicy(),
  options: { resolve?: Resolve; unresolved?: 'refuse' | 'pass' } = {},
): Promise<void> {
  if (!policy) return;
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  await allowedAddresses(url.hostname, port, policy, { ...options, label: url.host });
}

/**
 * The addresses of `host` (a name or an IP, brackets allowed) the policy lets the server connect
 * to on `port`: resolved once, each checked; an EgressRefusedError when one is refused or the name
 * does not resolve (`unresolved: 'pass'` answers [] for that instead). `label` names the host in
 * the error as the user wrote it (a URL's `host`).
 */
export async function allowedAddresses(
  host: string,
  port: string,
  policy: EgressPolicy,
  options: { resolve?: Resolve; unresolved?: 'refuse' | 'pass'; label?: string } = {},
): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const shown = options.label ?? (isIP(bare) === 6 ? `[${bare}]:${port}` : `${bare}:${port}`);
  let addresses: string[];
  try {
    addresses = isIP(bare) ? [bare] : await (options.resolve ?? policy.resolve ?? resolveAll)(bare);
    if (addresses.length === 0) throw new Error('no address');
  } catch {
    // before a connection, a name that does not resolve is refused (it must not resolve otherwise
    // a moment later); a check ahead of time (a watch being added) lets it pass to the run's check
    if (options.unresolved === 'pass') return [];
    throw new EgressRefusedError(shown, 'its name does not resolve');
  }
  if (allowedByPattern(bare, port, addresses, policy.allow)) return addresses;
  for (const address of addresses) {
    const why = refusedAddress(address);
    if (why) throw new EgressRefusedError(shown, why);
  }
  return addresses;
}

/**
 * An undici connector under `policy`: each connection resolves its host once, checks every address
 * (`allowedAddresses`) and connects to those addresses, in order until one answers; the name is
 * never resolved a second time, so the address checked is the address connected to. TLS still
 * verifies the certificate against the name (it is the connection's server name).
 */
export function egressConnector(
  policy: EgressPolicy,
  tls: buildConnector.BuildOptions = {},
): buildConnector.connector {
  const connect = buildConnector(tls);
  return (opts, callback) => {
    const host = opts.hostname.replace(/^\[|\]$/g, '');
    const port = opts.port || (opts.protocol === 'http:' ? '80' : '443');
    const servername = opts.servername ?? (isIP(host) ? undefined : host);
    allowedAddresses(host, port, policy, { label: opts.host ?? host }).then(
      (addresses) => {
        const attempt = (i: number) =>
          connect(
            { ...opts, hostname: addresses[i]!, ...(servername ? { servername } : {}) },
            (err, socket) => {
              if (err && i + 1 < addresses.length) attempt(i + 1);
              else if (err) callback(err, null);
              else callback(null, socket!);
            },
          );
        attempt(0);
      },
      (err: Error) => callback(err, null),
    );
  };
}
