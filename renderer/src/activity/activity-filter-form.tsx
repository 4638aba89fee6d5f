// The Activity page's filters: event types (a disclosure of checkboxes, since 22 types would swamp the page),
// flagged only, a range of whole UTC days and one IP address, with Clear. The page keeps them in the URL; this only
// reports each change. The address is typed, so it is applied once typing pauses rather than on every key.
import { memo, useEffect, useId, useState } from 'react';
import { isFiltered, noFilters, toggleType, type ActivityFilters } from './activity-filters.ts';
import { eventTypes, eventTypeText } from './activity-text.ts';

const typingPauseMs = 500;

interface ActivityFilterFormProps {
  filters: ActivityFilters;
  onChange: (filters: ActivityFilters) => void;
}

// Memoised: the events card renders again as each page of the log is asked for and arrives, while the owner
// scrolls, and the filters (two dozen checkboxes) have nothing new to draw then.
export const ActivityFilterForm = memo(function ActivityFilterForm({ filters, onChange }: ActivityFilterFormProps) {
  const ids = { since: useId(), until: useId(), ip: useId(), ipHint: useId() };
  const chosen = filters.types.length;
  return (
    <div className="activity-filters" role="search" aria-label="Filter events">
      <details className="type-picker">
        <summary>Event types: {chosen === 0 ? 'all' : `${chosen} of ${eventTypes.length}`}</summary>
        <fieldset className="choice-group type-picker__choices">
          <legend className="visually-hidden">Show only these event types</legend>
          {eventTypes.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={filters.types.includes(type)}
                onChange={(event) => onChange({ ...filters, types: toggleType(filters.types, type, event.target.checked) })}
              />
              {eventTypeText[type]}
            </label>
          ))}
        </fieldset>
      </details>
      <label className="checkbox activity-filters__flagged">
        <input type="checkbox" checked={filters.flaggedOnly} onChange={(event) => onChange({ ...filters, flaggedOnly: event.target.checked })} />
        Flagged only
      </label>
      <div className="field">
        <label htmlFor={ids.since}>From (UTC)</label>
        <input
          id={ids.since}
          type="date"
          value={filters.since ?? ''}
          max={filters.until ?? undefined}
          onChange={(event) => onChange({ ...filters, since: event.target.value || null })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.until}>To (UTC)</label>
        <input
          id={ids.until}
          type="date"
          value={filters.until ?? ''}
          min={filters.since ?? undefined}
          onChange={(event) => onChange({ ...filters, until: event.target.value || null })}
        />
      </div>
      <IpField id={ids.ip} hintId={ids.ipHint} value={filters.ip} onCommit={(ip) => onChange({ ...filters, ip })} />
      <button type="button" className="button button--secondary" disabled={!isFiltered(filters)} onClick={() => onChange(noFilters)}>
        Clear filters
      </button>
    </div>
  );
});

function IpField(props: { id: string; hintId: string; value: string | null; onCommit: (ip: string | null) => void }) {
  const { id, hintId, value, onCommit } = props;
  const [draft, setDraft] = useState(value ?? '');
  // The URL changed under the field (Clear, Back, a link): show what it now says.
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    setDraft(value ?? '');
  }

  useEffect(() => {
    const ip = draft.trim() === '' ? null : draft.trim();
    if (ip === value) return;
    const timer = setTimeout(() => onCommit(ip), typingPauseMs);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);

  return (
    <div className="field">
      <label htmlFor={id}>IP address</label>
      <input
        id={id}
        type="text"
        className="mono"
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        aria-describedby={hintId}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          // Enter applies at once.
          if (event.key === 'Enter') onCommit(draft.trim() === '' ? null : draft.trim());
        }}
      />
      <span id={hintId} className="field__hint">
        The whole address, e.g. 203.0.113.9
      </span>
    </div>
  );
}
