// GET /account/events/export: the log as NDJSON, CSV or chain lines, streamed. Rows come one at a time from SQLite on a
// read-only connection of the export's own, so the export is one consistent snapshot however long it takes and
// never resets a statement the server is using; they are sent in chunks of about 64 KiB, and the next chunk is only
// made once the client has taken the last (Readable.from pulls, Fastify's pipe to the socket applies backpressure).
// However long the log, the export holds a chunk or two in memory.
import { Readable } from 'node:stream';
import type { DatabaseSync } from 'node:sqlite';
import { eventCsvColumns, type EventExportFormat, type EventExportOrder } from '../contract/event-schemas.ts';
import { readEventRows, type EventFilter, type EventRow } from '../store/event-repository.ts';
import { csvRow } from '../contract/csv-cell.ts';
import { chainLine, type ChainFields } from '../contract/event-chain.ts';
import { isoFormatter } from './iso-time.ts';

export const exportChunkBytes = 64 * 1024;

export const exportMediaTypes: Record<EventExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  chain: 'text/plain; charset=utf-8',
};

// Lines are written straight from the stored columns, no object per event: a million events would make a lot of
// garbage otherwise. A line is what JSON.stringify makes of the event in a page (audit-event.ts): the same fields in
// the same order, and details as the JSON text it was stored as (JSON.stringify's, when the event was appended).
function ndjsonLine(row: EventRow, iso: (time: number) => string): string {
  const [id, , type, time, ip, userAgent, details, prevHash, hash] = row;
  return (
    `{"id":"${id}","type":${JSON.stringify(type)},"time":"${iso(time)}","ip":${JSON.stringify(ip)},` +
    `"userAgent":${JSON.stringify(userAgent)},"details":${details},"prevHash":"${prevHash}","hash":"${hash}"}\n`
  );
}

function csvLine(row: EventRow, iso: (time: number) => string): string {
  const [id, , type, time, ip, userAgent, details, prevHash, hash] = row;
  return csvRow([String(id), iso(time), type, ip, userAgent, details, prevHash, hash]);
}

// A verifier hashes each line's bytes up to the tab as they arrived, without rebuilding any text (chainLine in
// event-chain.ts). Details are stored as JSON.stringify wrote them, so they are parsed for their keys to be put in order.
function chainExportLine(row: EventRow, iso: (time: number) => string): string {
  const [id, , type, time, ip, userAgent, details, prevHash, hash] = row;
  return chainLine({ id: String(id), type, time: iso(time), ip, userAgent, details: JSON.parse(details) as ChainFields['details'], prevHash, hash });
}

const lineOf = { ndjson: ndjsonLine, csv: csvLine, chain: chainExportLine };

/** The export's text in chunks of about `exportChunkBytes`, pulling rows only as chunks are taken. */
export function* exportChunks(rows: Iterable<EventRow>, format: EventExportFormat): Generator<string> {
  const line = lineOf[format];
  const iso = isoFormatter();
  let text = format === 'csv' ? csvRow(eventCsvColumns) : '';
  for (const row of rows) {
    text += line(row, iso);
    if (text.length >= exportChunkBytes) {
      yield text;
      text = '';
    }
  }
  if (text.length > 0) yield text;
}

export interface ExportRequest {
  accountId: number;
  filter: EventFilter;
  order: EventExportOrder;
  format: EventExportFormat;
}

/** A stream of the export read from `reader`, which it closes when it ends, fails or is abandoned. */
export function eventExportStream(reader: DatabaseSync, request: ExportRequest): Readable {
  const close = () => {
    if (reader.isOpen) reader.close();
  };
  function* chunks(): Generator<string> {
    try {
      yield* exportChunks(readEventRows(reader, request.accountId, request.filter, request.order), request.format);
    } finally {
      close();
    }
  }
  const stream = Readable.from(chunks(), { objectMode: false, highWaterMark: exportChunkBytes });
  // Destroyed before the first read, the generator never started and its finally will not run.
  stream.once('close', close);
  return stream;
}
