// IP addresses and CIDR ranges, IPv4 and IPv6, for the ranges an API token may be limited to. Plain TypeScript (no
// node:net) so the console can validate ranges as they are typed with the very code the registry checks them with.
// Ranges are kept in one canonical text each ("203.0.113.0/24", "2001:db8::/32"): an IPv4-mapped IPv6 range or
// address ("::ffff:10.0.0.0/104") is the IPv4 one it stands for, because a dual-stack server sees IPv4 clients as
// mapped addresses and a limit must not depend on which socket family a client happened to arrive on.

export interface IpAddress {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

export interface CidrRange extends IpAddress {
  prefix: number;
  /** The canonical text, e.g. "203.0.113.0/24". */
  text: string;
}

export type CidrParse = { ok: true; range: CidrRange } | { ok: false; message: string };

const ipv4Part = /^(0|[1-9]\d{0,2})$/;
const hexGroup = /^[0-9A-Fa-f]{1,4}$/;

function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (const [index, part] of parts.entries()) {
    // No leading zeros: "010" means 8 to some parsers and 10 to others.
    if (!ipv4Part.test(part) || Number(part) > 255) return null;
    bytes[index] = Number(part);
  }
  return bytes;
}

function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!hexGroup.test(group)) return null;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): Uint8Array | null {
  let rest = text;
  let tail: Uint8Array = new Uint8Array(0);
  // A trailing dotted IPv4 part ("::ffff:192.0.2.1") stands for the last two groups.
  const lastColon = rest.lastIndexOf(':');
  if (rest.slice(lastColon + 1).includes('.')) {
    const ipv4 = parseIpv4(rest.slice(lastColon + 1));
    if (!ipv4) return null;
    tail = ipv4;
    rest = rest.slice(0, lastColon + 1);
    // "…:" left over: the colon belongs to the dotted part unless it ends a "::".
    if (!rest.endsWith('::')) rest = rest.slice(0, -1);
  }
  const halves = rest.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0]!);
  const after = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !after) return null;
  const groupCount = head.length + after.length + tail.length / 2;
  if (halves.length === 1 ? groupCount !== 8 : groupCount > 7) return null;
  const bytes = new Uint8Array(16);
  head.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  const afterStart = 16 - tail.length - after.length * 2;
  after.forEach((group, index) => {
    bytes[afterStart + index * 2] = group >> 8;
    bytes[afterStart + index * 2 + 1] = group & 0xff;
  });
  bytes.set(tail, 16 - tail.length);
  return bytes;
}

function isIpv4Mapped(bytes: Uint8Array): boolean {
  return bytes.length === 16 && bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** An address in IPv4 or IPv6 text, IPv4-mapped IPv6 turned into IPv4; null for anything else (zones included). */
export function parseIp(text: string): IpAddress | null {
  if (text.length > 45) return null;
  if (!text.includes(':')) {
    const bytes = parseIpv4(text);
    return bytes ? { family: 4, bytes } : null;
  }
  const bytes = parseIpv6(text);
  if (!bytes) return null;
  return isIpv4Mapped(bytes) ? { family: 4, bytes: bytes.slice(12) } : { family: 6, bytes };
}

/** RFC 5952 text: lowercase, no leading zeros, the longest run of two or more zero groups (the first) as "::". */
export function formatIp(address: IpAddress): string {
  const { bytes } = address;
  if (address.family === 4) return Array.from(bytes).join('.');
  const groups = Array.from({ length: 8 }, (_, index) => (bytes[index * 2]! << 8) | bytes[index * 2 + 1]!);
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length += 1;
    if (length > best.length) best = { start, length };
  }
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(':');
  if (best.length < 2) return hex(groups);
  return `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.length))}`;
}

/** The canonical text of an address (IPv4-mapped IPv6 as IPv4), or the text itself when it is not an address. */
export function normalizeIp(text: string): string {
  const address = parseIp(text);
  return address ? formatIp(address) : text;
}

function maskedCopy(bytes: Uint8Array, prefix: number): Uint8Array {
  const masked = new Uint8Array(bytes.length);
  for (let index = 0; index < bytes.length; index += 1) {
    const bits = Math.max(0, Math.min(8, prefix - index * 8));
    masked[index] = bytes[index]! & ((0xff << (8 - bits)) & 0xff);
  }
  return masked;
}

/**
 * A range in CIDR notation ("203.0.113.0/24", "2001:db8::/32"), or a single address (a /32 or /128). Refused with
 * a reason: not an address, a prefix out of range, or bits set after the prefix (which usually means a typo).
 */
export function parseCidr(text: string): CidrParse {
  const [addressText = '', prefixText, ...extra] = text.split('/');
  const address = extra.length === 0 ? parseIp(addressText) : null;
  if (!address) return { ok: false, message: 'not an IPv4 or IPv6 range in CIDR notation (e.g. 203.0.113.0/24 or 2001:db8::/32)' };
  const bits = address.family === 4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return { ok: false, message: 'the prefix length after "/" must be a number' };
    prefix = Number(prefixText);
    // An IPv4-mapped range counts its prefix over the whole IPv6 address.
    if (address.family === 4 && addressText.includes(':')) {
      if (prefix < 96) return { ok: false, message: 'an IPv4-mapped IPv6 range needs a prefix of at least 96' };
      prefix -= 96;
    }
    if (prefix > bits) return { ok: false, message: `the prefix length must be at most ${bits} for IPv${address.family}` };
  }
  const network = maskedCopy(address.bytes, prefix);
  const canonical = `${formatIp({ family: address.family, bytes: network })}/${prefix}`;
  if (!network.every((byte, index) => byte === address.bytes[index])) {
    return { ok: false, message: `bits are set after the prefix; did you mean ${canonical}?` };
  }
  return { ok: true, range: { family: address.family, bytes: network, prefix, text: canonical } };
}

/** True when `address` lies in `range` (an IPv4 client never matches an IPv6 range, nor the other way round). */
export function rangeContains(range: CidrRange, address: IpAddress): boolean {
  if (range.family !== address.family) return false;
  const masked = maskedCopy(address.bytes, range.prefix);
  return masked.every((byte, index) => byte === range.bytes[index]);
}
