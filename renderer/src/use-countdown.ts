// Live seconds-left for a deadline (epoch ms). Re-renders once per second, on the second boundary, and stops at 0.
import { useEffect, useReducer } from 'react';
import { msUntilNextTick, secondsUntil } from './countdown.ts';

export function useCountdown(deadline: number | null): number {
  // The state is only a re-render trigger: the value is read from the clock at render time, so the very first
  // render after a new deadline is already right and a late timer cannot show a stale number.
  const [, rerender] = useReducer((count: number) => count + 1, 0);

  useEffect(() => {
    if (deadline === null) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      const wait = msUntilNextTick(deadline, Date.now());
      if (wait > 0) {
        timer = setTimeout(() => {
          rerender();
          schedule();
        }, wait);
      }
    };
    schedule();
    return () => clearTimeout(timer);
  }, [deadline]);

  return deadline === null ? 0 : secondsUntil(deadline, Date.now());
}
