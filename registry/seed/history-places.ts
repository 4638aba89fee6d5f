// Where and on what a seeded history happens: real public address ranges of large ISPs and clouds, each well known
// to be in one country (so an IP geolocation database places the seeded events there), and real user agents of
// browsers and of the npm CLI. Addresses are drawn from inside each range, never its first or last of a /24.
// Where an operator's allocation is partly used abroad, the range is the part the bundled DB-IP database places
// wholly in the operator's country (electron/services/activity/seed-places.test.ts holds it to that).
import type { SeededRandom } from './seeded-random.ts';

export interface Network {
  /** ISO 3166-1 alpha-2. */
  country: string;
  operator: string;
  /** The first octets of the range, e.g. [79, 192] with prefix 10 for 79.192.0.0/10. */
  base: readonly [number, number];
  prefix: number;
  /** Hours from UTC of the place's usual local time (daylight saving is left out). */
  utcOffset: number;
}

const network = (country: string, operator: string, cidr: string, utcOffset: number): Network => {
  const [address, prefix] = cidr.split('/');
  const [a, b] = address!.split('.').map(Number);
  return { country, operator, base: [a!, b!], prefix: Number(prefix), utcOffset };
};

export const networks = {
  // Germany: Deutsche Telekom's residential ranges (t-ipconnect.de), a business line, Hetzner's data centres.
  telekomHome: network('DE', 'Deutsche Telekom', '79.192.0.0/10', 1),
  telekomHomeToo: network('DE', 'Deutsche Telekom', '91.0.0.0/10', 1),
  // 217.224.0.0/11 holds a block DB-IP places in China; Hetzner's 88.198.0.0/16 has Helsinki servers at its top.
  telekomOffice: network('DE', 'Deutsche Telekom', '217.224.0.0/12', 1),
  hetzner: network('DE', 'Hetzner Online', '88.198.0.0/17', 1),
  // Travel. SoftBank's 126.0.0.0/8 has blocks placed in the UK, the US and the Philippines, Orange's 90.0.0.0/9
  // its Spanish, Slovak and overseas-department networks, and Free's 78.192.0.0/10 Iliad Italy and blocks of
  // Scaleway and Amazon: hence the narrower ranges.
  comcast: network('US', 'Comcast', '73.0.0.0/8', -5),
  softbank: network('JP', 'SoftBank', '126.64.0.0/11', 9),
  bt: network('GB', 'British Telecom', '86.128.0.0/10', 0),
  orange: network('FR', 'Orange', '90.48.0.0/12', 1),
  free: network('FR', 'Free', '78.192.0.0/12', 1),
  // CI runners (self-hosted, on EC2 in us-east-1).
  awsUsEast: network('US', 'Amazon AWS us-east-1', '3.80.0.0/12', -5),
  // Where attacks come from.
  unicomBeijing: network('CN', 'China Unicom', '123.112.0.0/12', 8),
  vnpt: network('VN', 'VNPT', '113.160.0.0/11', 7),
  bsnl: network('IN', 'BSNL', '117.192.0.0/10', 5.5),
  beeline: network('RU', 'Beeline', '95.24.0.0/13', 3),
} as const;

export const homeNetworks: readonly Network[] = [networks.telekomHome, networks.telekomHomeToo];
export const travelNetworks: readonly Network[] = [networks.comcast, networks.softbank, networks.bt, networks.orange, networks.free];
export const attackNetworks: readonly Network[] = [networks.unicomBeijing, networks.vnpt, networks.bsnl, networks.beeline];

/** A host address inside the network, e.g. "79.214.37.158". */
export function addressIn(net: Network, random: SeededRandom): string {
  const hostBits = 32 - net.prefix;
  const base = ((net.base[0] << 24) | (net.base[1] << 16)) >>> 0;
  const span = 2 ** hostBits;
  let offset = Math.floor(random.next() * span);
  // Keep clear of .0 and .255.
  if ((offset & 0xff) === 0) offset += 1;
  if ((offset & 0xff) === 0xff) offset -= 1;
  const value = (base + offset) >>> 0;
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}

/** The user agents of a maintainer's devices and tools, and of attack scripts, as these clients send them. */
export const userAgents = {
  laptop: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:132.0) Gecko/20100101 Firefox/132.0',
  workstation:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  phone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  npmCli: 'npm/10.9.2 node/v22.12.0 darwin arm64 workspaces/false',
  console: 'Vigil/0.1.0 (Electron 45; macOS 14.6)',
  ci: 'npm/10.9.2 node/v22.12.0 linux x64 workspaces/false ci/github-actions',
  attackScripts: [
    'python-requests/2.31.0',
    'curl/8.5.0',
    'Go-http-client/1.1',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  ],
} as const;
