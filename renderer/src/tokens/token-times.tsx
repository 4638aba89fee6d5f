// A token's expiry (relative, the exact time on hover) and last use (when, from where), alike in every table
// that lists tokens.
import { DateTime } from '../date-time.tsx';
import { relativeTime } from './token-text.ts';

export function TokenExpiry({ expiresAt, now }: { expiresAt: string; now: number }) {
  return (
    <time dateTime={expiresAt} title={expiresAt}>
      {relativeTime(expiresAt, now)}
    </time>
  );
}

export function TokenLastUse({ lastUsed }: { lastUsed: { time: string; ip: string } | null }) {
  if (!lastUsed) return <>Never</>;
  return (
    <>
      <DateTime iso={lastUsed.time} />
      <span className="mono field__hint"> from {lastUsed.ip}</span>
    </>
  );
}
