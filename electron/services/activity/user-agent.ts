// A device as a person recognises it: the client family and the operating system family ("Firefox on Mac OS",
// "npm on Linux"), without versions, so that updating a browser is not a new device. Browsers are ua-parser-js's
// (1.x, MIT); command-line clients are taught to it through its extension mechanism.
import UAParser from 'ua-parser-js';
import { boundedMemo } from './bounded-memo.ts';

export interface Device {
  client: string | null;
  os: string | null;
  /** What the Activity table shows. */
  label: string;
  /** Equal for the same client and OS family whatever their versions. */
  key: string;
}

const { NAME, VERSION } = UAParser.BROWSER;

// Node's process.platform, which npm, yarn and pnpm write after "node/v<version>", in ua-parser-js's own OS names so
// that a terminal and a browser on one machine share an OS family.
const nodePlatforms: Record<string, string> = {
  linux: 'Linux',
  darwin: 'Mac OS',
  win32: 'Windows',
  freebsd: 'FreeBSD',
  openbsd: 'OpenBSD',
  netbsd: 'NetBSD',
  sunos: 'Solaris',
  aix: 'AIX',
  android: 'Android',
};

// Extensions are tried before ua-parser-js's own patterns.
const extensions = {
  browser: [
    // Anything that does not claim to be Mozilla names itself in its first product token: "npm/11.6.0 node/...",
    // "python-requests/2.31.0", "curl/8.5.0", "Go-http-client/1.1", "Vigil-Console/0.1".
    [/^(?!mozilla\/)([a-z][\w.-]*)\/v?(\d[\w.]*)/i],
    [NAME, VERSION],
  ],
  os: [
    ...Object.entries(nodePlatforms).flatMap(([platform, name]) => [
      [new RegExp(`\\bnode/v?\\d[\\w.]* (${platform})\\b`, 'i')],
      [[NAME, name]],
    ]),
    // Apple's current name, which clients outside the browser use ("Vigil/0.1.0 (Electron 45; macOS 14.6)").
    [/\bmacos\b/i],
    [[NAME, 'Mac OS']],
  ],
};

function label(client: string | null, os: string | null): string {
  if (client && os) return `${client} on ${os}`;
  if (client) return client;
  return os ? `Unknown client on ${os}` : 'Unknown device';
}

export function toDevice(client: string | null, os: string | null): Device {
  return { client, os, label: label(client, os), key: `${client ?? ''}\u0000${os ?? ''}` };
}

// ua-parser-js reads only this much of a user agent, so longer ones share its answer (and cannot bloat the cache).
const significantLength = 500;

export const defaultDeviceCacheSize = 5_000;

export type DeviceParser = (userAgent: unknown) => Device;

export function createDeviceParser(cacheSize = defaultDeviceCacheSize): DeviceParser {
  const parser = new UAParser(extensions);
  const parse = boundedMemo(cacheSize, (userAgent): Device => {
    const result = parser.setUA(userAgent).getResult();
    return toDevice(result.browser.name || null, result.os.name || null);
  });
  return (userAgent) => parse(typeof userAgent === 'string' ? userAgent.slice(0, significantLength) : '');
}
