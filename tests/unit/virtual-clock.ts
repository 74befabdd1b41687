/**
 * A clock that only moves when someone sleeps on it: limiter and backoff tests run minutes of
 * provider time in milliseconds, deterministically.
 */
export function virtualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += Math.max(0, ms);
      return Promise.resolve();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}
