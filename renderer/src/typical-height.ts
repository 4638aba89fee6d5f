// The height most rows drawn lately measured, kept apart from the window table's hook so it can be unit tested.
// The window tables guess this for a row not yet drawn: a guess that is exactly right changes nothing when the row
// is measured, so a steady scroll neither grows nor shrinks the page (which repaints the card around the table)
// nor draws the table a second time each frame to correct the guess. A few taller rows (a flagged event, a
// project with many reasons) do not move the guess; a new window width, whose rows are all taller or shorter, soon
// does.

export interface TypicalHeight {
  readonly value: number;
  record(height: number): void;
}

export function createTypicalHeight(initial: number, remembered = 50): TypicalHeight {
  const recent: number[] = [];
  let value = initial;
  return {
    get value() {
      return value;
    },
    record(height) {
      recent.push(height);
      if (recent.length > remembered) recent.shift();
      const counts = new Map<number, number>();
      let best = 0;
      for (const seen of recent) {
        const count = (counts.get(seen) ?? 0) + 1;
        counts.set(seen, count);
        // Ties go to the height seen last, so a width change is followed as soon as its rows are as many.
        if (count >= best) {
          best = count;
          value = seen;
        }
      }
    },
  };
}
