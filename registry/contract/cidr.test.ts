import assert from 'node:assert/strict';
import { BlockList } from 'node:net';
import { test } from 'node:test';
import { formatIp, normalizeIp, parseCidr, parseIp, rangeContains, type CidrRange } from './cidr.ts';

const range = (text: string): CidrRange => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
  return parsed.range;
};
const contains = (cidr: string, ip: string) => rangeContains(range(cidr), parseIp(ip)!);

test('IPv4 and IPv6 ranges are kept in one canonical text each', () => {
  for (const [text, canonical] of [
    ['203.0.113.0/24', '203.0.113.0/24'],
    ['203.0.113.7', '203.0.113.7/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['2001:0db8:0000:0000:0000:0000:0000:0000/32', '2001:db8::/32'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1/128'],
    ['2001:db8:0:1:1:1:1:1/128', '2001:db8:0:1:1:1:1:1/128'],
    ['::/0', '::/0'],
    ['::1', '::1/128'],
    ['fe80::/10', 'fe80::/10'],
    // IPv4-mapped IPv6 is the IPv4 range it stands for.
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
    ['::ffff:127.0.0.1', '127.0.0.1/32'],
    ['::FFFF:7f00:1/128', '127.0.0.1/32'],
  ]) {
    assert.equal(range(text!).text, canonical, text);
  }
});

test('anything else is refused with a reason: not an address, a bad prefix, bits after the prefix', () => {
  for (const [text, reason] of [
    ['', /not an IPv4 or IPv6 range/],
    ['203.0.113/24', /not an IPv4 or IPv6 range/],
    ['203.0.113.256/32', /not an IPv4 or IPv6 range/],
    ['203.0.113.07/32', /not an IPv4 or IPv6 range/],
    ['localhost', /not an IPv4 or IPv6 range/],
    ['2001:db8::1::/64', /not an IPv4 or IPv6 range/],
    ['2001:db8:1:2:3:4:5:6:7/128', /not an IPv4 or IPv6 range/],
    ['fe80::1%eth0/128', /not an IPv4 or IPv6 range/],
    ['12345::/16', /not an IPv4 or IPv6 range/],
    ['1.2.3.4/8/8', /not an IPv4 or IPv6 range/],
    ['203.0.113.0/33', /at most 32/],
    ['2001:db8::/129', /at most 128/],
    ['203.0.113.0/-1', /prefix length/],
    ['203.0.113.0/024', /prefix length/],
    ['203.0.113.0/', /prefix length/],
    ['::ffff:10.0.0.0/64', /at least 96/],
    ['203.0.113.7/24', /did you mean 203\.0\.113\.0\/24\?/],
    ['2001:db8::1/32', /did you mean 2001:db8::\/32\?/],
  ] as const) {
    const parsed = parseCidr(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.message, reason, text);
  }
});

test('IPv4 matching: inside and outside, at the edges', () => {
  assert.ok(contains('203.0.113.0/24', '203.0.113.0'));
  assert.ok(contains('203.0.113.0/24', '203.0.113.255'));
  assert.ok(!contains('203.0.113.0/24', '203.0.114.0'));
  assert.ok(!contains('203.0.113.0/24', '203.0.112.255'));
  assert.ok(contains('127.0.0.0/8', '127.1.2.3'));
  assert.ok(contains('0.0.0.0/0', '198.51.100.1'));
  assert.ok(contains('10.0.0.0/9', '10.127.255.255'));
  assert.ok(!contains('10.0.0.0/9', '10.128.0.0'));
  assert.ok(contains('127.0.0.2/32', '127.0.0.2') && !contains('127.0.0.2/32', '127.0.0.3'));
});

test('IPv6 matching, and IPv4-mapped clients treated as IPv4 clients', () => {
  assert.ok(contains('2001:db8::/32', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'));
  assert.ok(!contains('2001:db8::/32', '2001:db9::'));
  assert.ok(contains('2001:db8:4::/48', '2001:db8:4::17'));
  assert.ok(!contains('2001:db8:4::/48', '2001:db8:5::17'));
  assert.ok(contains('2001:db8::/31', '2001:db9::1'));
  assert.ok(!contains('2001:db8::/33', '2001:db8:8000::'));
  assert.ok(contains('::1/128', '::1'));
  assert.ok(!contains('::1/128', '::2'));
  assert.ok(contains('::/0', 'fe80::1'));
  // A client on a dual-stack socket arrives as ::ffff:a.b.c.d, and is the IPv4 client it is.
  assert.ok(contains('127.0.0.0/8', '::ffff:127.0.0.1'));
  assert.ok(contains('::ffff:127.0.0.0/104', '127.0.0.1'));
  // No family crosses over.
  assert.ok(!contains('::/0', '127.0.0.1'));
  assert.ok(!contains('0.0.0.0/0', '::1'));
});

test('the matcher agrees with node:net BlockList on a spread of ranges and addresses', () => {
  const ranges = ['10.0.0.0/8', '203.0.113.128/25', '192.0.2.1/32', '2001:db8::/32', '2001:db8:4:8::/61', 'fe80::/10', '::1/128'];
  const addresses = ['10.255.0.1', '11.0.0.0', '203.0.113.127', '203.0.113.128', '192.0.2.1', '192.0.2.2', '2001:db8::', '2001:db8:4:f::1', '2001:db8:4:10::', 'fe80::1', 'febf::', 'fec0::', '::1', '::'];
  for (const text of ranges) {
    const parsed = range(text);
    const list = new BlockList();
    const [network, prefix] = text.split('/');
    list.addSubnet(network!, Number(prefix), parsed.family === 4 ? 'ipv4' : 'ipv6');
    for (const address of addresses) {
      const ip = parseIp(address)!;
      const expected = list.check(address, ip.family === 4 ? 'ipv4' : 'ipv6');
      assert.equal(rangeContains(parsed, ip), expected, `${address} in ${text}`);
    }
  }
});

test('addresses are written canonically (RFC 5952), mapped IPv6 as IPv4', () => {
  assert.equal(normalizeIp('::ffff:127.0.0.1'), '127.0.0.1');
  assert.equal(normalizeIp('127.0.0.1'), '127.0.0.1');
  assert.equal(normalizeIp('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
  assert.equal(normalizeIp('2001:db8:0:0:1:0:0:0'), '2001:db8:0:0:1::');
  assert.equal(normalizeIp('not an address'), 'not an address');
  assert.equal(formatIp(parseIp('::')!), '::');
  assert.equal(parseIp('1.2.3.4.5'), null);
  assert.equal(parseIp(`${'1:'.repeat(30)}1`), null);
});
