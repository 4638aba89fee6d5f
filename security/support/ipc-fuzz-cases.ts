// The seeded call mix for the IPC fuzz: every channel of the contract plus names outside it, with payloads that
// are valid, valid but for one field, or plain hostile; and for the browser-host transport, bodies and requests
// the HTTP layer must refuse before the dispatcher sees them.
import { channelNames } from '../../electron/ipc/channels.ts';
import type { SeededRandom } from './seeded-random.ts';
import { mutateOneField, secretMarker, weirdString, weirdValue } from './weird-values.ts';

/** How a call travels over the browser host; everything but "json" is refused before the dispatcher. */
export type HttpVariant = 'json' | 'not-json' | 'wrong-content-type' | 'too-large' | 'wrong-method' | 'no-cookie' | 'foreign-origin' | 'foreign-host';

export interface IpcCall {
  transport: 'direct' | 'http';
  channel: unknown;
  payload: unknown;
  /** Only for transport "http". */
  variant: HttpVariant;
  /** For "not-json" and "wrong-content-type": the body as sent. */
  rawBody?: string;
  contentType?: string;
}

export interface IpcFuzzInputs {
  registryUrl: string;
  /** A loopback port nothing listens on: "registry unreachable" without waiting for a timeout. */
  closedPort: number;
  passwords: { bob: string; dave: string };
  /** Challenge ids the console handed out so far (the fuzz adds to it as sign-ins succeed). */
  challengeIds: readonly string[];
}

const unknownChannels: unknown[] = [
  '',
  'session:steal-token',
  'SESSION:SIGN-IN',
  'session:sign-in ',
  ' session:sign-in',
  'session:sign-in\u0000',
  'session:sign-in/../app:get-info',
  'app:get-info?x=1',
  'session:',
  'session',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'ipc:eval',
];
// Only the direct transport can carry a channel that is not a string.
const nonStringChannels: unknown[] = [42, null, undefined, {}, ['app:get-info'], { toString: () => 'app:get-info' }, Object('app:get-info'), true];

const notJson = ['{', '{"registryUrl":', "{'a':1}", 'undefined', 'nul', '\u0000', '[1,]', '{"a":1}}', '['.repeat(20_000), `${secretMarker}-not-json`];
const notJsonTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json', ''];

function sixDigits(random: SeededRandom): string {
  return String(random.int(1_000_000)).padStart(6, '0');
}

function registryUrl(random: SeededRandom, inputs: IpcFuzzInputs): string {
  const { registryUrl: url, closedPort } = inputs;
  return random.weighted<string>([
    [8, url],
    [1, `${url}/`],
    [1, `  ${url.toUpperCase().replace('HTTP', 'http')}  `],
    [1, `http://127.0.0.1:${closedPort}`],
    [1, `http://localhost:${closedPort}/`],
    [1, `http://[::1]:${closedPort}`],
    [1, `${url}/sub/path`],
    [1, `${url}/%2e%2e/`],
    [1, `${url}?q=1#fragment`],
    [1, url.replace('http://', 'http://user:pass@')],
    [1, random.pick(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://127.0.0.1/', 'data:text/plain,x', 'ws://127.0.0.1/'])],
    [1, random.pick(['127.0.0.1', 'http://127.0.0.1:65536', 'http://', 'http:// 127.0.0.1', `http://${'a'.repeat(3_000)}.localhost`])],
  ]);
}

function signInRequest(random: SeededRandom, inputs: IpcFuzzInputs): Record<string, unknown> {
  const url = registryUrl(random, inputs);
  return random.weighted<() => Record<string, unknown>>([
    // Wrong passwords go to carol, whose lock-out (10 per 5 minutes) exercises rate_limited.
    [4, () => ({ registryUrl: url, username: random.pick(['carol', ' carol ', 'CAROL']), password: `${secretMarker}-wrong` })],
    [2, () => ({ registryUrl: url, username: 'bob', password: inputs.passwords.bob })],
    // Dave has 2FA: his right password opens a challenge, which the verify calls then fuzz.
    [3, () => ({ registryUrl: url, username: 'dave', password: inputs.passwords.dave })],
    [1, () => ({ registryUrl: url, username: random.pick(['nobody', weirdString(random).slice(0, 120)]), password: `${secretMarker}-guess` })],
  ])();
}

function verifyRequest(random: SeededRandom, inputs: IpcFuzzInputs): Record<string, unknown> {
  const challengeId =
    inputs.challengeIds.length > 0 && random.chance(0.7)
      ? random.pick(inputs.challengeIds)
      : random.pick(['c1', 'x'.repeat(100), 'x'.repeat(101), weirdString(random).slice(0, 100) || 'x']);
  return random.weighted<() => Record<string, unknown>>([
    [4, () => ({ challengeId, otp: random.chance(0.8) ? sixDigits(random) : ` ${sixDigits(random)} ` })],
    [2, () => ({ challengeId, recoveryCode: `${secretMarker}-${random.int(1e9).toString(36)}` })],
    [1, () => ({ challengeId, otp: sixDigits(random), recoveryCode: `${secretMarker}-both` })],
  ])();
}

/** One call; `transport` is chosen by the caller so the split between transports is fixed. */
export function ipcCall(random: SeededRandom, transport: IpcCall['transport'], inputs: IpcFuzzInputs): IpcCall {
  const direct = transport === 'direct';
  const channel: unknown = random.weighted<() => unknown>([
    [12, () => random.pick(channelNames)],
    [2, () => random.pick(unknownChannels)],
    [1, () => (direct ? random.pick(nonStringChannels) : weirdString(random).slice(0, 200))],
  ])();
  const noRequest = () =>
    random.weighted<unknown>([
      [6, direct ? undefined : null],
      [2, null],
      [3, weirdValue(random, { exotic: direct })],
    ]);
  const payload = (() => {
    switch (channel) {
      case 'session:sign-in': {
        const request = signInRequest(random, inputs);
        return random.chance(0.6) ? request : mutateOneField(random, request, { exotic: direct, secretFields: ['password'] }).value;
      }
      case 'session:verify': {
        const request = verifyRequest(random, inputs);
        return random.chance(0.6) ? request : mutateOneField(random, request, { exotic: direct, secretFields: ['otp', 'recoveryCode'] }).value;
      }
      default:
        return random.chance(0.85) ? noRequest() : weirdValue(random, { exotic: direct });
    }
  })();
  if (direct) return { transport, channel, payload, variant: 'json' };
  const variant = random.weighted<HttpVariant>([
    [30, 'json'],
    [3, 'not-json'],
    [3, 'wrong-content-type'],
    [2, 'too-large'],
    [1, 'wrong-method'],
    [1, 'no-cookie'],
    [1, 'foreign-origin'],
    [1, 'foreign-host'],
  ]);
  const call: IpcCall = { transport, channel, payload, variant };
  if (variant === 'not-json') {
    call.rawBody = random.pick(notJson);
  }
  if (variant === 'wrong-content-type') {
    call.contentType = random.pick(notJsonTypes);
    call.rawBody = JSON.stringify(payload ?? null);
  }
  return call;
}
