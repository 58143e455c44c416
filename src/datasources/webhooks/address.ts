// Where a webhook may be sent. Checked at registration and again at each delivery, against the
// addresses the name resolves to right then; the request then connects to the checked address
// (sender.ts), so a name re-pointed at an internal address between check and connect (DNS
// rebinding) gains nothing.
import dns from 'node:dns';
import net from 'node:net';

/** Never reachable: link-local (cloud metadata lives there), unspecified, multicast, reserved, documentation. */
const ALWAYS_BLOCKED = new net.BlockList();
ALWAYS_BLOCKED.addSubnet('0.0.0.0', 8, 'ipv4');
ALWAYS_BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local; 169.254.169.254 is AWS/GCP/Azure metadata
ALWAYS_BLOCKED.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
ALWAYS_BLOCKED.addSubnet('192.0.2.0', 24, 'ipv4'); // TEST-NET-1..3 (RFC 5737)
ALWAYS_BLOCKED.addSubnet('198.51.100.0', 24, 'ipv4');
ALWAYS_BLOCKED.addSubnet('203.0.113.0', 24, 'ipv4');
ALWAYS_BLOCKED.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
ALWAYS_BLOCKED.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, broadcast
ALWAYS_BLOCKED.addAddress('::', 'ipv6');
ALWAYS_BLOCKED.addSubnet('fe80::', 10, 'ipv6'); // link-local
ALWAYS_BLOCKED.addSubnet('ff00::', 8, 'ipv6'); // multicast
ALWAYS_BLOCKED.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6
ALWAYS_BLOCKED.addSubnet('2001:db8::', 32, 'ipv6'); // documentation

/** Loopback and private networks: allowed only with WEBHOOK_ALLOW_PRIVATE (development). */
const PRIVATE = new net.BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT
PRIVATE.addSubnet('192.0.0.0', 24, 'ipv4'); // IETF protocol assignments
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4'); // benchmarking
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6'); // unique local

export type AddressVerdict = 'allowed' | 'private' | 'blocked';

/** IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses are judged by the IPv4 inside. */
function embeddedIpv4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export function classifyAddress(address: string): AddressVerdict {
  const family = net.isIP(address);
  if (!family) return 'blocked';
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  const [a, type] = v4 ? [v4, 'ipv4' as const] : [address, 'ipv6' as const];
  if (ALWAYS_BLOCKED.check(a, type)) return 'blocked';
  if (PRIVATE.check(a, type)) return 'private';
  return 'allowed';
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolve = (host: string) => Promise<ResolvedAddress[]>;

/**
 * The system resolver (getaddrinfo: /etc/hosts, then DNS), or the given DNS servers ("host:port")
 * queried directly for A and AAAA records.
 */
export function createResolver(servers: string[]): Resolve {
  if (!servers.length) {
    return async (host) =>
      (await dns.promises.lookup(host, { all: true, verbatim: true })).map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
  }
  const r = new dns.promises.Resolver({ timeout: 3000, tries: 2 });
  r.setServers(servers);
  const quiet = (p: Promise<string[]>) =>
    p.catch((e: NodeJS.ErrnoException) => (e.code === 'ENODATA' || e.code === 'ENOTFOUND' ? [] : Promise.reject(e)));
  return async (host) => {
    const [v4, v6] = await Promise.all([quiet(r.resolve4(host)), quiet(r.resolve6(host))]);
    return [...v4.map((address) => ({ address, family: 4 as const })), ...v6.map((address) => ({ address, family: 6 as const }))];
  };
}

export type AddressRefusal = 'UNRESOLVABLE' | 'ADDRESS_NOT_ALLOWED';

/**
 * Resolves `host` and returns the address to connect to, or why none may be used. Every address the
 * name has must pass: a name listing a public and an internal address is refused, since the
 * connection could otherwise be steered to the internal one.
 */
export async function checkedAddress(
  host: string,
  resolve: Resolve,
  allowPrivate: boolean,
): Promise<ResolvedAddress | { refused: AddressRefusal }> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let addresses: ResolvedAddress[];
  if (net.isIP(bare)) addresses = [{ address: bare, family: net.isIP(bare) === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(bare);
    } catch {
      return { refused: 'UNRESOLVABLE' };
    }
  }
  if (!addresses.length) return { refused: 'UNRESOLVABLE' };
  for (const a of addresses) {
    const v = classifyAddress(a.address);
    if (v === 'blocked' || (v === 'private' && !allowPrivate)) return { refused: 'ADDRESS_NOT_ALLOWED' };
  }
  return addresses.find((a) => a.family === 4) ?? addresses[0]!;
}
