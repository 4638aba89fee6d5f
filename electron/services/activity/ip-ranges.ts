// What an address is before anyone asks where it is: only globally routed unicast addresses can be placed on a
// map; private, loopback, link-local, documentation and reserved ones are named for what they are, never looked
// up. Validation is node:net's strict isIP (no "127.1" or octal forms) and the ranges are node:net BlockLists,
// both native: this runs for every address the analyzer has not met yet, a few microseconds' budget. IPv6 text is
// put in canonical form by ipaddr.js, which also unwraps IPv4-mapped addresses ("::ffff:1.2.3.4", how a
// dual-stack server reports IPv4 clients).
import { BlockList, isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type NonPublicKind = 'private' | 'loopback' | 'link-local' | 'documentation' | 'reserved' | 'unknown';

export type AddressClass =
  | { kind: NonPublicKind }
  // `address` is the canonical form to look up (IPv4 for an IPv4-mapped address); `network` groups the addresses
  // one network hands out: IPv6 hosts change their address within a /64 every day (privacy extensions).
  | { kind: 'routable'; address: string; family: 4 | 6; network: string };

// From IANA's IPv4 and IPv6 special-purpose address registries. 6to4 (2002::/16), Teredo (2001::/32) and NAT64
// (64:ff9b::/96) carry a public IPv4 address inside and are left to the database.
const specialRanges: [Exclude<NonPublicKind, 'unknown'>, string[]][] = [
  ['loopback', ['127.0.0.0/8', '::1/128']],
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7']],
  ['link-local', ['169.254.0.0/16', 'fe80::/10']],
  // RFC 5737, RFC 3849 and RFC 9637: for examples and sample data, which no real client has.
  ['documentation', ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20']],
  [
    'reserved',
    [
      '0.0.0.0/8',
      '192.0.0.0/24',
      '198.18.0.0/15',
      '224.0.0.0/4',
      '240.0.0.0/4',
      '::/128',
      '100::/64',
      '2001:2::/48',
      '2001:10::/28',
      '2001:20::/28',
      'fec0::/10',
      'ff00::/8',
    ],
  ],
];

function blockList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', bits = ''] = cidr.split('/');
    list.addSubnet(network, Number(bits), isIP(network) === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

// One list of every special range first: nearly every address is public and is done after a single check.
const anySpecial = blockList(specialRanges.flatMap(([, cidrs]) => cidrs));
const rangesByKind = specialRanges.map(([kind, cidrs]) => [kind, blockList(cidrs)] as const);

function special(address: string, family: 'ipv4' | 'ipv6'): NonPublicKind | null {
  if (!anySpecial.check(address, family)) return null;
  for (const [kind, list] of rangesByKind) if (list.check(address, family)) return kind;
  return 'reserved';
}

export function classifyAddress(ip: unknown): AddressClass {
  if (typeof ip !== 'string') return { kind: 'unknown' };
  const family = isIP(ip);
  if (family === 4) {
    // isIP accepts only plain dotted decimal, which is already canonical.
    const kind = special(ip, 'ipv4');
    return kind ? { kind } : { kind: 'routable', address: ip, family: 4, network: ip };
  }
  if (family !== 6) return { kind: 'unknown' };
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === 'ipv4') return classifyAddress(parsed.toString());
  const { parts } = parsed as ipaddr.IPv6;
  // Without any zone ("%eth0"), which only a link-local address may carry.
  const address = new ipaddr.IPv6(parts).toString();
  const kind = special(address, 'ipv6');
  if (kind) return { kind };
  const network = `${new ipaddr.IPv6([...parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
  return { kind: 'routable', address, family: 6, network };
}
