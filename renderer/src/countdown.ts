// Pure countdown arithmetic, kept apart from the React hook so it can be unit tested.

// Whole seconds left until `deadline`, rounded up so "0:01" shows until the lock has truly passed.
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

// Milliseconds until the displayed value next changes, so ticks land on second boundaries.
export function msUntilNextTick(deadline: number, now: number): number {
  const remaining = deadline - now;
  if (remaining <= 0) return 0;
  return remaining % 1000 || 1000;
}

// M:SS, e.g. 0:05, 1:30, 61:00 (minutes are not wrapped into hours: locks are short).
export function formatCountdown(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
