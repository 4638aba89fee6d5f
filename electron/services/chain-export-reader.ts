// Reads the registry's chain export (format=chain) as it arrives: per event one line of exactly the text its hash
// covers (prevHash, then the event's canonical JSON), a tab and the hash. The sink gets each run of complete lines
// as bytes, untouched (what the hasher hashes), then their events, each checked against the API contract.
import { canonicalEvent } from '../../registry/contract/event-chain.ts';
import { AuditEvent } from '../../registry/contract/schemas.ts';
import { RegistryError } from './registry-error.ts';

/** Where the log goes as it arrives. */
export interface ChainSink {
  /** Complete lines, in chain order, before their events; the sink takes the bytes over. Resolves when it has room. */
  lines(bytes: Uint8Array): Promise<void>;
  /**
   * The next event. `canonical`: its line's text is the event's canonical form, so the hash the workers check is the
   * hash of its fields; a line that is not (a registry that wrote it otherwise) has its hash checked from the fields.
   */
  event(event: AuditEvent, canonical: boolean): void;
}

// A line longer than any event could be is a broken registry, not something to buffer.
const maxLineBytes = 1024 * 1024;
const newline = 10;

/** What the sink threw (the hasher, the analysis): its own failure, to be passed on, not the registry's. */
export class SinkFailure extends Error {
  constructor(cause: unknown) {
    super('the chain export could not be taken in', { cause });
  }
}

const broken = (detail: string) => new RegistryError('unexpected_response', { status: 200, detail });

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}

/** The event on one chain line and whether its text is the canonical form, or an unexpected_response naming what is wrong. */
export function chainLineEvent(line: string): { event: AuditEvent; canonical: boolean } {
  const tab = line.length - 65;
  if (tab < 64 || line.charCodeAt(tab) !== 9) throw broken('an exported line is not a chain line');
  let fields: unknown;
  try {
    fields = JSON.parse(line.slice(64, tab));
  } catch {
    throw broken('an exported line does not hold JSON');
  }
  const parsed = AuditEvent.safeParse(typeof fields === 'object' && fields ? { ...fields, prevHash: line.slice(0, 64), hash: line.slice(tab + 1) } : fields);
  if (!parsed.success) throw broken('an exported event does not match the API contract');
  return { event: parsed.data, canonical: canonicalEvent(parsed.data) === line.slice(64, tab) };
}

/** Reads a 200 chain export to its end; `onChunk` is told of every chunk (the caller's idle timeout). */
export async function readChainExport(response: Response, sink: ChainSink, onChunk: () => void): Promise<void> {
  if (!response.body) return;
  // Fatal: what is hashed is the bytes; an event shown from text decoded differently would not be what was checked.
  // ignoreBOM: a byte-order mark is text like any other here, hashed and parsed alike.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let rest: Uint8Array = new Uint8Array(0);
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk();
      const end = value.lastIndexOf(newline);
      if (end === -1) {
        rest = concat(rest, value);
        if (rest.length > maxLineBytes) throw broken('an exported line is too long');
        continue;
      }
      // A copy of its own, whatever the stream does with its chunk: the hasher takes it over.
      const lines = concat(rest, value.subarray(0, end + 1));
      rest = value.slice(end + 1);
      if (rest.length > maxLineBytes) throw broken('an exported line is too long');
      let text: string;
      try {
        text = decoder.decode(lines);
      } catch {
        throw broken('an exported line is not UTF-8');
      }
      const hashed = sink.lines(lines).catch((error: unknown) => {
        throw new SinkFailure(error);
      });
      // Awaited below; not an unhandled rejection if an event fails first.
      hashed.catch(() => undefined);
      let start = 0;
      for (let stop = text.indexOf('\n'); stop !== -1; start = stop + 1, stop = text.indexOf('\n', start)) {
        const { event, canonical } = chainLineEvent(text.slice(start, stop));
        try {
          sink.event(event, canonical);
        } catch (error) {
          throw new SinkFailure(error);
        }
      }
      await hashed;
    }
    if (rest.length > 0) throw broken('the export ends in the middle of a line');
  } finally {
    reader.releaseLock();
    await response.body.cancel().catch(() => undefined);
  }
}
