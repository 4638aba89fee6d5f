// Sign-ins per day over the last 90 days, successes and failures stacked, drawn as plain SVG (no chart library
// for 90 bars). The figure's label says in words what the bars show, and each bar's title gives its day's counts.
import { useId } from 'react';
import type { DayCount } from '../bridge/contract.ts';

const width = 900;
const height = 140;
const dateText = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function chartSummary(days: readonly DayCount[]): string {
  const successes = days.reduce((sum, day) => sum + day.successes, 0);
  const failures = days.reduce((sum, day) => sum + day.failures, 0);
  const worst = days.reduce<DayCount | null>((most, day) => (day.failures > (most?.failures ?? 0) ? day : most), null);
  const base = `Over the last ${days.length} days: ${successes} successful and ${failures} failed sign-ins.`;
  return worst ? `${base} Most failures on ${dateText(worst.day)} (${worst.failures}).` : base;
}

export function SignInChart({ days }: { days: readonly DayCount[] }) {
  const captionId = useId();
  const peak = Math.max(1, ...days.map((day) => day.successes + day.failures));
  const barWidth = width / Math.max(1, days.length);
  const scale = (count: number) => (count / peak) * (height - 4);
  return (
    <figure className="sign-in-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <strong>Sign-ins per day</strong> <span className="field__hint">{chartSummary(days)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={chartSummary(days)} preserveAspectRatio="none">
        {days.map((day, index) => {
          const success = scale(day.successes);
          const failure = scale(day.failures);
          const x = index * barWidth + 1;
          return (
            <g key={day.day}>
              <title>{`${dateText(day.day)}: ${day.successes} successful, ${day.failures} failed`}</title>
              <rect className="sign-in-chart__success" x={x} y={height - success} width={barWidth - 2} height={success} />
              <rect className="sign-in-chart__failure" x={x} y={height - success - failure} width={barWidth - 2} height={failure} />
            </g>
          );
        })}
      </svg>
      <p className="sign-in-chart__legend field__hint" aria-hidden="true">
        <span className="sign-in-chart__key sign-in-chart__key--success" /> Successful{' '}
        <span className="sign-in-chart__key sign-in-chart__key--failure" /> Failed · highest day {peak}
      </p>
    </figure>
  );
}
