import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyAddress } from './ip-ranges.ts';

const kinds = (ips: unknown[]) => ips.map((ip) => classifyAddress(ip).kind);

test('private, shared and unique-local addresses are private', () => {
  assert.deepEqual(kinds(['10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.1.1', 'fd12:3456::1', '::ffff:192.168.0.7']), Array(6).fill('private'));
});

test('loopback and link-local addresses, IPv4 and IPv6, and IPv4 as a dual-stack server reports it', () => {
  assert.deepEqual(kinds(['127.0.0.1', '::1', '::ffff:127.0.0.1']), ['loopback', 'loopback', 'loopback']);
  assert.deepEqual(kinds(['169.254.10.1', 'fe80::1', 'fe80::1%eth0']), ['link-local', 'link-local', 'link-local']);
});

test('documentation ranges (RFC 5737, 3849, 9637) are named as such', () => {
  assert.deepEqual(kinds(['192.0.2.146', '198.51.100.77', '203.0.113.24', '2001:db8::1', '3fff::1']), Array(5).fill('documentation'));
});

test('other special-purpose addresses are reserved', () => {
  assert.deepEqual(kinds(['0.0.0.0', '::', '255.255.255.255', '224.0.0.1', 'ff02::1', '240.0.0.1', '198.18.0.1']), Array(7).fill('reserved'));
});

test('anything that is not an address written the standard way is unknown, never parsed leniently', () => {
  assert.deepEqual(kinds(['', 'abc', '127.1', '0x7f.0.0.1', '010.1.1.1', '1.2.3.4.5', undefined, null, 42, {}]), Array(10).fill('unknown'));
});

test('routable addresses come back canonical, IPv4-mapped ones as IPv4, IPv6 grouped by /64', () => {
  assert.deepEqual(classifyAddress('81.2.69.142'), { kind: 'routable', address: '81.2.69.142', family: 4, network: '81.2.69.142' });
  assert.deepEqual(classifyAddress('::ffff:81.2.69.142'), { kind: 'routable', address: '81.2.69.142', family: 4, network: '81.2.69.142' });
  assert.deepEqual(classifyAddress('2001:067c:02e8:0022:0000:0000:c100:068b'), {
    kind: 'routable',
    address: '2001:67c:2e8:22::c100:68b',
    family: 6,
    network: '2001:67c:2e8:22::/64',
  });
});
