// Where the demo's people, machines and attackers are: real public addresses of real networks, so the console's
// offline IP database (DB-IP's city database) places each event where the demo's story says it happened, and the
// Activity page can flag a new country or impossible travel. Addresses from the documentation ranges (RFC 5737,
// 3849) would be placed nowhere. Each address was picked inside its operator's range and checked against the
// bundled database; electron/services/activity/demo-activity.test.ts holds the database to the claims below.
//
// The demo maintainer lives and works in Berlin: a Deutsche Telekom line at home, a Telekom business line with a
// fixed address at the office, a laptop on café Wi-Fi (O2), self-hosted CI runners at Hetzner in Falkenstein.

export interface DemoAddress {
  ip: string;
  /** The network it belongs to (its AS holder). */
  operator: string;
  /** ISO 3166-1 alpha-2, and the city DB-IP names (it may add a district: "Berlin (Bezirk Mitte)"). */
  country: string;
  city: string;
}

const address = (ip: string, operator: string, country: string, city: string): DemoAddress => ({ ip, operator, country, city });

export const demoAddresses = {
  home: address('79.193.52.184', 'Deutsche Telekom', 'DE', 'Berlin'),
  office: address('217.235.110.38', 'Deutsche Telekom', 'DE', 'Berlin'),
  cafe: address('77.183.42.219', 'Telefónica Germany (O2)', 'DE', 'Berlin'),
  ciRunner: address('88.198.21.99', 'Hetzner Online', 'DE', 'Falkenstein'),
  dashboard: address('2a01:4f8:c0c:5a21::17', 'Hetzner Online', 'DE', 'Nuremberg'),
  // A conference trip.
  londonHotel: address('86.128.7.141', 'British Telecom', 'GB', 'London'),
  // The credential-stuffing script that got in while 2FA was off.
  intruder: address('113.160.14.203', 'VNPT', 'VN', 'Hanoi'),
  // Whoever picked up the token printed in a public CI log.
  tokenThief: address('123.124.148.61', 'China Unicom Beijing', 'CN', 'Beijing'),
  // The demo's other people (demo-people.ts): ines in Lisbon, olu in London with CI on AWS eu-west-2 (London).
  ines: address('85.240.196.112', 'MEO', 'PT', 'Lisbon'),
  oluDesk: address('2a02:8884:1a2c:d900:5c1e:33ff:fe08:9a4b', 'Virgin Media', 'GB', 'London'),
  oluCi: address('18.130.14.52', 'Amazon AWS eu-west-2', 'GB', 'London'),
} as const satisfies Record<string, DemoAddress>;

/** Address limits of the demo's tokens: each contains the address its token is used from. */
export const demoNetworks = {
  // The runners' /29 at Hetzner.
  ciRunners: '88.198.21.96/29',
  // The dashboard server's /64 (a Hetzner Cloud server gets one).
  dashboard: '2a01:4f8:c0c:5a21::/64',
  office: `${demoAddresses.office.ip}/32`,
  // The Elastic IP of olu's NAT gateway.
  oluCi: `${demoAddresses.oluCi.ip}/32`,
} as const;

/** The user agents of the demo maintainer's devices and tools, as these clients send them. */
export const demoUserAgents = {
  // The MacBook at home, which also travels.
  macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:132.0) Gecko/20100101 Firefox/132.0',
  officeChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  // A second laptop, with a session still open from the café.
  laptopSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  console: 'Vigil/0.1.0 (Electron 45; macOS 14.6)',
  npmMac: 'npm/11.6.0 node/v24.11.0 darwin arm64 workspaces/false',
  ci: 'npm/10.9.2 node/v22.12.0 linux x64 workspaces/false ci/github-actions',
} as const;

/** An address and the client that used it: what an audit event records of who acted. */
export interface DemoPlace {
  ip: string;
  userAgent: string;
}

export const placeOf = (where: DemoAddress, userAgent: string): DemoPlace => ({ ip: where.ip, userAgent });
