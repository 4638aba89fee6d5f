// One spelling per registry: "http://host:1/" and "http://host:1" must name the same account, keychain entry and
// settings row, so every registry URL is canonicalised before it is used as a key or shown back to the user.
export class InvalidRegistryUrlError extends Error {
  constructor(reason: string) {
    super(`The registry URL is not usable: ${reason}.`);
    this.name = 'InvalidRegistryUrlError';
  }
}

// The canonical form has no trailing slash, no query, no fragment: "https://registry.example/sub".
export function canonicalRegistryUrl(input: string): string {
  if (!URL.canParse(input.trim())) throw new InvalidRegistryUrlError('not a URL');
  const url = new URL(input.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidRegistryUrlError('only http and https are supported');
  // Credentials in the URL would end up in settings.json and in the keychain account name.
  if (url.username || url.password) throw new InvalidRegistryUrlError('it must not contain a user name or password');
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${pathname}`;
}

// The base every API path is resolved against: the canonical URL with exactly one trailing slash.
export function registryBaseUrl(input: string): URL {
  return new URL(`${canonicalRegistryUrl(input)}/`);
}
