// An event's flags as badges, most serious first: the severity is a word on the badge and its colour only repeats
// it, and the reason is the badge's text, so the row says why it was flagged without opening it.
import type { ActivityFlag } from '../bridge/contract.ts';
import { bySeverity, severityText } from './activity-flag-text.ts';

export function FlagList({ flags }: { flags: readonly ActivityFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <ul className="flags">
      {bySeverity(flags).map((flag, index) => (
        <li key={`${flag.kind}-${index}`} className={`flag flag--${flag.severity}`}>
          <span className="flag__severity">
            {severityText[flag.severity]}
            <span className="visually-hidden">:</span>
          </span>{' '}
          <span className="flag__reason">{flag.reason}</span>
        </li>
      ))}
    </ul>
  );
}
