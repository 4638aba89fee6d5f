// Socket-level requests for the registry fuzz: malformed HTTP that only a hand-written request can carry, and
// requests cut off half-way that the server must end with 408 once its timeout passes.
import type { SeededRandom } from './seeded-random.ts';

export interface RawCase {
  kind: 'raw';
  family: string;
  /** Latin-1 text; "%TOKEN%" becomes a valid session token when sent. */
  data: string;
  /** answer: the server must answer each request it can read; timeout: a truncated request, answered with 408. */
  expect: 'answer' | 'timeout';
  /** How many answers to wait for. */
  expectResponses: number;
  /** The requests in order, so a 2xx answer can be checked against its route's schema. */
  requests: Array<{ method: string; path: string }>;
}

const sessionPath = '/api/v1/session';
const signInJson = '{"username":"nobody","password":"wrong"}';
const bearer = 'Authorization: Bearer %TOKEN%\r\n';
// `headers` are whole lines, each ending in CRLF.
const get = (target: string, headers = '') => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`;
const post = (headers: string, body: string) =>
  `POST ${sessionPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;
const chunked = (body: string) => post('Transfer-Encoding: chunked\r\n', body);

function controlByte(random: SeededRandom): string {
  return String.fromCharCode(random.pick([0, 1, 7, 8, 11, 12, 14, 27, 31, 127]));
}

// A template makes one case: just the bytes for a single request, or the whole case when it needs more.
type Template = (random: SeededRandom) => Omit<RawCase, 'kind' | 'family'> | Pick<RawCase, 'data'>;

const malformed: Record<string, Template> = {
  'control byte in a header value': (r) => ({ data: get('/api/v1/account', `X-Note: a${controlByte(r)}b\r\n`) }),
  'control byte in a header name': (r) => ({ data: get('/api/v1/account', `X-No${controlByte(r)}te: a\r\n`) }),
  'NUL in the Authorization header': () => ({ data: get('/api/v1/account', 'Authorization: Bearer %TOKEN%\u0000x\r\n') }),
  'space in a header name': () => ({ data: get('/api/openapi.json', 'Bad Header: 1\r\n') }),
  'space before the colon': () => ({ data: post('Content-Length : 2\r\n', '{}') }),
  'obsolete line folding': () => ({ data: get('/api/openapi.json', 'X-A: a\r\n folded\r\n') }),
  'two different Content-Lengths': () => ({ data: post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}x') }),
  'a Content-Length list': () => ({ data: post('Content-Length: 2, 2\r\n', '{}') }),
  'a negative Content-Length': () => ({ data: post('Content-Length: -1\r\n', '{}') }),
  'a non-numeric Content-Length': () => ({ data: post('Content-Length: 0x10\r\n', '{}') }),
  'an overflowing Content-Length': () => ({ data: post('Content-Length: 99999999999999999999999\r\n', '{}') }),
  // The classic smuggling shape: a second request hidden behind a body only one of the two lengths includes.
  'Content-Length with Transfer-Encoding': () => ({
    data: post('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${get('/api/v1/account')}`),
  }),
  'Transfer-Encoding that does not end in chunked': () => ({ data: post('Transfer-Encoding: chunked, gzip\r\n', '{}') }),
  'an unknown Transfer-Encoding': () => ({ data: post('Transfer-Encoding: banana\r\n', '{}') }),
  'a chunk size that is not hex': () => ({ data: chunked('zz\r\n{}\r\n0\r\n\r\n') }),
  'an overflowing chunk size': () => ({ data: chunked('ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n') }),
  'a chunk longer than its size': () => ({ data: chunked('1\r\n{}\r\n0\r\n\r\n') }),
  'a bare LF after a chunk': () => ({ data: chunked('2\r\n{}\n0\r\n\r\n') }),
  'a header line over the limit': (r) => ({ data: get('/api/openapi.json', `X-Big: ${'a'.repeat(r.pick([16_500, 40_000, 80_000]))}\r\n`) }),
  'too many header lines': () => ({ data: get('/api/openapi.json', 'X-Many: 1\r\n'.repeat(2_000)) }),
  'a request line over the limit': () => ({ data: get(`/api/openapi.json?${'q'.repeat(20_000)}`) }),
  'a bad byte in the path': (r) => ({ data: get(`/api/v1/acc${r.pick(['\u00ff', '\u007f', '\u0001', '"', '<', '{', '\\'])}ount`) }),
  'a space in the path': () => ({ data: get('/api/v1/acc ount') }),
  'an invalid percent-escape in the path': (r) => ({
    data: get(`/api/v1/${r.pick(['%zz', '%', '%c0', '%c0%ae%c0%ae', '%ff', '%ed%a0%80', '%00', '%u0041'])}account`),
  }),
  'an invalid percent-escape in the query': (r) => ({
    data: get(`/api/v1/account/events?${r.pick(['%zz=1', 'limit=%', 'cursor=%c0', '%ff%fe=%00'])}`, bearer),
  }),
  'a lower-case method': () => ({ data: get('/api/openapi.json').replace('GET', 'get') }),
  'an unknown method': (r) => ({ data: get('/api/openapi.json').replace('GET', r.pick(['FOO', 'BREW', 'G E T', 'GET\u0000'])) }),
  'an unknown HTTP version': (r) => ({
    data: get('/api/openapi.json').replace('HTTP/1.1', `HTTP/${r.pick(['1.2', '2.0', '3', '0.9', '1.1.1', 'x'])}`),
  }),
  'an HTTP/0.9 request': () => ({ data: 'GET /api/openapi.json\r\n\r\n' }),
  'the HTTP/2 preface': () => ({ data: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' }),
  'bare LF line endings': () => ({ data: get('/api/openapi.json').replaceAll('\r\n', '\n') }),
  'bytes that are not HTTP at all': (r) => ({
    // A TLS ClientHello's first bytes, blank lines, JSON with no request line, NULs.
    data: r.pick([
      '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003',
      '\r\n\r\n\r\n',
      '{"username":"a"}\r\n\r\n',
      `${'\u0000'.repeat(64)}\r\n\r\n`,
    ]),
  }),
  // Node answers these three itself, before the registry's handlers or its clientError handler run.
  'HTTP/1.1 without a Host header': () => ({ data: 'GET /api/openapi.json HTTP/1.1\r\n\r\n' }),
  'an Expect header other than 100-continue': () => ({ data: get('/api/openapi.json', 'Expect: banana\r\n') }),
  'a CONNECT request': () => ({ data: 'CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n' }),
};

const single = (data: string, method: string, path: string) =>
  ({ data, requests: [{ method, path }], expectResponses: 1, expect: 'answer' }) as const satisfies Omit<RawCase, 'kind' | 'family'>;

const wellFormed: Record<string, Template> = {
  'an absolute-form request target': (r) => {
    const path = r.pick(['/api/openapi.json', '/api/v1/account', sessionPath]);
    return single(get(`http://${r.pick(['127.0.0.1', 'evil.example', 'localhost:1', '[::1]'])}${path}`), 'GET', path);
  },
  'an asterisk request target': (r) => {
    const method = r.pick(['OPTIONS', 'GET', 'POST']);
    return single(get('*').replace('GET', method), method, '*');
  },
  'an HTTP/1.0 request': (r) => {
    const path = r.pick(['/api/openapi.json', '/api/v1/account', '/api/v1/nothing']);
    return single(`GET ${path} HTTP/1.0\r\n${r.chance(0.5) ? 'Host: 127.0.0.1\r\n' : ''}\r\n`, 'GET', path);
  },
  'an HTTP/1.0 sign-in': () => {
    const headers = `Content-Type: application/json\r\nContent-Length: ${signInJson.length}\r\n`;
    return single(`POST ${sessionPath} HTTP/1.0\r\n${headers}\r\n${signInJson}`, 'POST', sessionPath);
  },
  'an Expect: 100-continue sign-in': () =>
    single(post(`Expect: 100-continue\r\nContent-Length: ${signInJson.length}\r\n`, signInJson), 'POST', sessionPath),
  'pipelined requests': (r) => {
    const choices = [
      { method: 'GET', path: '/api/openapi.json', text: get('/api/openapi.json') },
      { method: 'GET', path: '/api/v1/account', text: get('/api/v1/account', bearer) },
      { method: 'GET', path: '/api/v1/account/events', text: get('/api/v1/account/events?limit=2', bearer) },
      { method: 'POST', path: sessionPath, text: post(`Content-Length: ${signInJson.length}\r\n`, signInJson) },
      { method: 'POST', path: sessionPath, text: chunked('2\r\n{}\r\n0\r\n\r\n') },
      { method: 'GET', path: '/api/v1/nothing', text: get('/api/v1/nothing') },
    ];
    const picked = Array.from({ length: 2 + r.int(5) }, () => r.pick(choices));
    return { data: picked.map((request) => request.text).join(''), requests: picked, expectResponses: picked.length, expect: 'answer' };
  },
  // Each well-formed request before the broken one deserves its own answer.
  'a malformed request pipelined after good ones': (r) => {
    const good = Array.from({ length: 1 + r.int(3) }, () => ({ method: 'GET', path: '/api/openapi.json' }));
    const data = `${good.map(() => get('/api/openapi.json')).join('')}${get('/x', 'X-A: \u0000\r\n')}`;
    return { data, requests: [...good, { method: 'GET', path: '/x' }], expectResponses: good.length + 1, expect: 'answer' };
  },
};

const truncated: Record<string, Template> = {
  'a connection that sends nothing': () => ({ data: '' }),
  'a request line cut off': () => ({ data: 'GET /api/v1/acc' }),
  'headers cut off': () => ({ data: post('', '').replace(/\r\n\r\n$/, '\r\nContent-Le') }),
  'a body shorter than its Content-Length': () => ({ data: post('Content-Length: 100\r\n', '{"username":') }),
  'a chunked body without its last chunk': () => ({ data: chunked('5\r\n{"use\r\n') }),
  'a second pipelined request cut off': () => ({
    data: `${get('/api/openapi.json')}GET /api/v1/acc`,
    requests: [{ method: 'GET', path: '/api/openapi.json' }, { method: 'GET', path: '?' }],
    expectResponses: 2,
    expect: 'timeout',
  }),
};

function make(family: string, template: Template, random: SeededRandom, expect: RawCase['expect']): RawCase {
  const made = template(random);
  if ('requests' in made) return { kind: 'raw', family, ...made };
  // One request: if the server reads it at all, it reads the method and target of its first line.
  const [, method = '?', path = '?'] = /^(\S+) (\S+)/.exec(made.data) ?? [];
  return { kind: 'raw', family, data: made.data, expect, expectResponses: 1, requests: [{ method, path }] };
}

/** One raw case of the given flavour, picked at random. */
export function rawCase(random: SeededRandom, flavour: 'malformed' | 'well-formed' | 'truncated'): RawCase {
  const table = flavour === 'malformed' ? malformed : flavour === 'well-formed' ? wellFormed : truncated;
  const family = random.pick(Object.keys(table));
  return make(family, table[family]!, random, flavour === 'truncated' ? 'timeout' : 'answer');
}

/** Every template once, so each malformed shape is sent whatever the seed. */
export function everyRawCase(random: SeededRandom): RawCase[] {
  return [
    ...Object.entries(malformed).map(([family, template]) => make(family, template, random, 'answer')),
    ...Object.entries(wellFormed).map(([family, template]) => make(family, template, random, 'answer')),
    ...Object.entries(truncated).map(([family, template]) => make(family, template, random, 'timeout')),
  ];
}
