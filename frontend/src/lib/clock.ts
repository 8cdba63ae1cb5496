// The one clock of the SPA: every "now" and "today" comes from here, never from Date.now(), new Date() or
// dayjs() directly (src/lib/__tests__/one-clock.test.ts checks the sources).
//
// It follows the server's clock (GET /api/v1/clock, see src/app/server-clock.ts): the server may run on a
// set date (BANHAT_NOW) and a user's PC clock may simply be wrong, while deadlines, "overdue" and the
// default year must agree with what the server decides. The offset between the server's instant and
// Date.now() is kept, so the clock keeps advancing in real time; until the server has answered it is the
// browser's clock. Calendar dates are those of the server's timezone (Asia/Ho_Chi_Minh), the calendar of
// every deadline, whatever timezone the browser is set to.
import { useSyncExternalStore } from 'react';
import dayjs, { type Dayjs, type PluginFunc } from 'dayjs';

export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

let offsetMs = 0;
let timezone = DEFAULT_TIMEZONE;
let synced = false;
const listeners = new Set<() => void>();

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(zone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(zone, format);
  }
  return format;
}

/** The current instant in epoch milliseconds, on the server's clock. */
export function now(): number {
  return Date.now() + offsetMs;
}

/** The calendar date (yyyy-mm-dd) of an instant in the server's timezone. */
export function isoDateAt(instant: number, zone: string = timezone): string {
  const parts = Object.fromEntries(dateFormat(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today (yyyy-mm-dd) in the server's timezone. */
export function today(): string {
  return isoDateAt(now());
}

/** Today as a dayjs date at local midnight, to compare with date pickers' values and to count days. */
export function todayDayjs(): Dayjs {
  return dayjs(today());
}

/** The current year of the server's calendar. */
export function currentYear(): number {
  return Number(today().slice(0, 4));
}

/** Whether the server has told its time yet (until then the clock is the browser's). */
export function isSynced(): boolean {
  return synced;
}

/**
 * Follow the server's clock. `serverNow` is the instant the server read while answering, between
 * `sentAt` and `receivedAt` (Date.now() around the request): the middle of the round trip is the best
 * estimate of when it was read.
 */
export function setServerClock(
  serverNow: string,
  serverTimezone: string | undefined,
  sentAt: number,
  receivedAt: number = sentAt,
): void {
  const server = Date.parse(serverNow);
  if (Number.isNaN(server)) throw new Error(`the server's clock is not an instant: ${serverNow}`);
  offsetMs = Math.round(server - (sentAt + receivedAt) / 2);
  timezone = validTimezone(serverTimezone) ?? DEFAULT_TIMEZONE;
  synced = true;
  listeners.forEach((listener) => listener());
}

/** Back to the browser's clock (tests). */
export function resetClock(): void {
  offsetMs = 0;
  timezone = DEFAULT_TIMEZONE;
  synced = false;
  listeners.forEach((listener) => listener());
}

function validTimezone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    dateFormat(zone);
    return zone;
  } catch {
    return undefined; // RangeError: a zone this browser does not know
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Today (yyyy-mm-dd) for a component: it renders again when the server's clock becomes known. */
export function useToday(): string {
  return useSyncExternalStore(subscribe, today, today);
}

/**
 * dayjs() without a date (and dayjs(undefined)) reads this clock too, so the date pickers of antd, which
 * call dayjs() for "today" (its highlight and the "Hôm nay" button), agree with the rest of the SPA.
 * Explicit dates, null (invalid) and every other input are untouched.
 */
const followServerClock: PluginFunc = (_option, dayjsClass) => {
  // parse(cfg) is dayjs's documented hook for plugins, though not in its type declarations.
  const proto = dayjsClass.prototype as unknown as { parse(cfg: { date?: unknown }): void };
  const parse = proto.parse;
  proto.parse = function (this: unknown, cfg) {
    if (cfg.date === undefined) cfg.date = now();
    parse.call(this, cfg);
  };
};
dayjs.extend(followServerClock);
