// Every time the console shows, in its one format (date, time and zone), with the exact ISO time on hover.
import { formatDateTime } from './account-text.ts';

export function DateTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {formatDateTime(iso) ?? iso}
    </time>
  );
}
