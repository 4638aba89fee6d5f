// One flagged sign-in as "Was this you?" asks about it: what and when, from where, on what, and why it was flagged,
// everything a maintainer needs to answer without opening the event.
import type { ActivityRow } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { eventTypeText } from './activity-text.ts';
import { FlagList } from './flag-list.tsx';

export function FlaggedEvent({ event }: { event: ActivityRow }) {
  return (
    <div className="flagged-event">
      <p>
        <strong>{eventTypeText[event.type]}</strong> <DateTime iso={event.time} />
      </p>
      <dl className="details">
        <div>
          <dt>Place</dt>
          <dd>{event.place}</dd>
        </div>
        <div>
          <dt>Device</dt>
          <dd>{event.device}</dd>
        </div>
        <div>
          <dt>IP address</dt>
          <dd className="mono break">{event.ip}</dd>
        </div>
      </dl>
      <FlagList flags={event.flags} />
    </div>
  );
}
