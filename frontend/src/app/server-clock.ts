import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { setServerClock } from '@/lib/clock';

/**
 * Asks the server for its time and sets the SPA's clock (src/lib/clock.ts) from it. Fetched once at
 * start-up and again every hour, which corrects a PC clock changed or a laptop slept meanwhile; when the
 * server cannot answer, the SPA goes on with the browser's clock (or the last offset it learned).
 */
export async function syncServerClock() {
  // The browser's own clock on both sides of the round trip: what the server's instant is measured against.
  const sentAt = Date.now();
  const clock = await unwrap(api.GET('/api/v1/clock'));
  setServerClock(clock.now, clock.timezone, sentAt, Date.now());
  return clock;
}

export const serverClockQueryOptions = queryOptions({
  queryKey: ['clock'],
  queryFn: syncServerClock,
  staleTime: Infinity,
});

/** Keeps the clock synchronised while signed in; the layout waits for the first answer (or failure). */
export function useServerClock() {
  return useQuery({ ...serverClockQueryOptions, refetchInterval: 60 * 60_000 });
}
