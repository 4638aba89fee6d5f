// Hostile and odd values for the fuzz tests, shared by the HTTP and the IPC fuzz: wrong types, huge and unicode
// strings, NUL, prototype-pollution keys, deep nesting, and "a valid request with one field changed".
import type { SeededRandom } from './seeded-random.ts';

/** Put into every fuzzed secret (password, code), so a leak check can look for it in messages and logs. */
export const secretMarker = 'Fz-s3cr3t';

const fixedStrings = [
  '',
  ' ',
  '\t',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(64),
  '\u0007\u001b[31m',
  '\r\nX-Injected: 1',
  '\u202eevil',
  '\ufeff',
  '\u00a0',
  'e\u0301',
  '\ud800',
  '\udfff',
  '\ud83d\ude42'.repeat(40),
  '𝕍𝕚𝕘𝕚𝕝',
  'Ω≈ç√∫˜µ≤≥÷',
  '%00',
  '%',
  '%zz',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  '${7*7}',
  '{{7*7}}',
  '123456',
  '12345',
  '1234567',
  '000000',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  'true',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'Bearer abc',
  '[]',
  '{}',
];

// Percent-encodes every byte of the UTF-8 form except unreserved characters; lone surrogates become U+FFFD.
export function percentEncode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9._~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

export function weirdString(random: SeededRandom): string {
  return random.weighted<() => string>([
    [8, () => random.pick(fixedStrings)],
    [2, () => random.pick(['x', 'é', '\u0000', '🙂', 'A1']).repeat(random.pick([51, 101, 257, 1025, 4097]))],
    // Big enough to matter, small enough to stay under the 64 KiB bodies most of the time.
    [1, () => 'y'.repeat(random.pick([20_000, 40_000, 63_000]))],
    [2, () => randomText(random, 1 + random.int(40))],
  ])();
}

function randomText(random: SeededRandom, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) {
    const code = random.weighted([
      [6, 0x20 + random.int(0x5f)],
      [1, random.int(0x20)],
      [1, 0x80 + random.int(0x780)],
      [1, 0x4e00 + random.int(0x100)],
    ]);
    text += String.fromCharCode(code);
  }
  return text;
}

/** [[[…]]] or {"a":{"a":…}} `depth` levels deep. */
export function deepNesting(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = kind === 'array' ? [] : {};
  for (let level = 0; level < depth; level += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

// Own properties named like the prototype chain; JSON.stringify writes them out as ordinary keys.
function prototypeKeys(random: SeededRandom): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, random.pick(['__proto__', 'constructor', 'prototype']), {
    value: random.pick([{ polluted: true }, { prototype: { polluted: true } }, null, 'x', [1]]),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return object;
}

export interface WeirdValueOptions {
  /** Also values JSON cannot carry but Electron's structured clone can (undefined, NaN, BigInt, Date, Map…). */
  exotic?: boolean;
}

export function weirdValue(random: SeededRandom, options: WeirdValueOptions = {}): unknown {
  const makers: Array<readonly [number, () => unknown]> = [
    [6, () => weirdString(random)],
    [2, () => random.pick([0, -1, 1.5, 123456, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE])],
    [1, () => random.chance(0.5)],
    [2, () => null],
    [1, () => []],
    [1, () => ({})],
    [1, () => [weirdString(random), random.int(10)]],
    [1, () => ({ [weirdString(random).slice(0, 40)]: weirdString(random).slice(0, 40) })],
    [1, () => deepNesting(random.pick([50, 500, 2_000]), random.chance(0.5) ? 'array' : 'object')],
    [1, () => prototypeKeys(random)],
  ];
  if (options.exotic) {
    makers.push([
      2,
      () =>
        random.pick<() => unknown>([
          () => undefined,
          () => Number.NaN,
          () => Number.POSITIVE_INFINITY,
          () => -0,
          () => 10n ** 30n,
          () => new Date(0),
          () => new Map([['registryUrl', 'http://127.0.0.1:1']]),
          () => new Set(['a']),
          () => new Uint8Array([0, 255]),
          () => /x/,
          () => new Error('boom'),
          () => Object.create(null) as unknown,
          () => sparseArray(),
        ])(),
    ]);
  }
  return random.weighted(makers)();
}

function sparseArray(): unknown[] {
  const array: unknown[] = [];
  array[3] = 'hole before me';
  return array;
}

export interface Mutation {
  value: unknown;
  /** What was changed, for a failure report. */
  change: string;
}

export interface MutationOptions extends WeirdValueOptions {
  /** Fields holding secrets: a string put there carries `secretMarker`, so a leak is detectable. */
  secretFields?: readonly string[];
}

/** A valid-looking request with exactly one thing wrong (or, now and then, nothing wrong at all). */
export function mutateOneField(random: SeededRandom, base: Record<string, unknown>, options: MutationOptions = {}): Mutation {
  const fields = Object.keys(base);
  const field = fields.length > 0 ? random.pick(fields) : 'field';
  const replacement = (): unknown => {
    const value = weirdValue(random, options);
    return typeof value === 'string' && options.secretFields?.includes(field) ? `${secretMarker}${value}` : value;
  };
  const kind = random.weighted([
    [10, 'replace'],
    [2, 'remove'],
    [2, 'extra'],
    [2, 'prototype-key'],
    [1, 'number-as-string'],
    [1, 'string-as-number'],
    [1, 'array-instead'],
    [1, 'primitive-instead'],
    [1, 'unchanged'],
  ] as const);
  switch (kind) {
    case 'replace':
      return { value: { ...base, [field]: replacement() }, change: `${field} replaced` };
    case 'remove': {
      const { [field]: _removed, ...rest } = base;
      return { value: rest, change: `${field} removed` };
    }
    case 'extra':
      return { value: { ...base, [random.pick(['token', 'admin', 'role', 'x', 'otp', 'recoveryCode'])]: replacement() }, change: 'extra field' };
    case 'prototype-key':
      return { value: { ...prototypeKeys(random), ...base }, change: 'prototype key added' };
    case 'number-as-string':
      return { value: { ...base, [field]: String(random.int(1_000_000)) }, change: `${field} as a numeric string` };
    case 'string-as-number':
      return { value: { ...base, [field]: random.int(1_000_000) }, change: `${field} as a number` };
    case 'array-instead':
      return { value: random.chance(0.5) ? [base] : Object.values(base), change: 'array instead of object' };
    case 'primitive-instead':
      return { value: random.pick([null, 0, true, 'string', ''] as const), change: 'primitive instead of object' };
    case 'unchanged':
      return { value: base, change: 'unchanged' };
  }
}
