import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@/test/render';
import dayjs from 'dayjs';
import { currentYear, isSynced, now, resetClock, setServerClock, today, todayDayjs, useToday } from '../clock';
import { daysUntil } from '../format';
import { syncServerClock } from '@/app/server-clock';

// The browser's clock in these tests: 5 December 2026, 10:00 UTC (17:00 in Vietnam).
const BROWSER_NOW = Date.parse('2026-12-05T10:00:00Z');

describe('the SPA clock', () => {
  beforeEach(() => {
    // Only Date is faked: timers stay real so React and promises run as usual.
    vi.useFakeTimers({ toFake: ['Date'], now: BROWSER_NOW });
  });

  afterEach(() => {
    resetClock();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is the browser clock until the server has answered', () => {
    expect(isSynced()).toBe(false);
    expect(now()).toBe(BROWSER_NOW);
    expect(today()).toBe('2026-12-05');
    expect(currentYear()).toBe(2026);
  });

  it('follows the server from the middle of the round trip, and keeps advancing in real time', () => {
    // Asked at BROWSER_NOW - 200 ms, answered at BROWSER_NOW: the server read its clock ~100 ms ago.
    setServerClock('2031-06-01T00:00:00Z', 'Asia/Ho_Chi_Minh', BROWSER_NOW - 200, BROWSER_NOW);
    expect(isSynced()).toBe(true);
    expect(now()).toBe(Date.parse('2031-06-01T00:00:00.100Z'));
    vi.advanceTimersByTime(3_600_000);
    expect(now()).toBe(Date.parse('2031-06-01T01:00:00.100Z'));
    expect(today()).toBe('2031-06-01');
    expect(currentYear()).toBe(2031);
  });

  it('counts dates in Vietnam, whatever the browser timezone says', () => {
    // 23:59 on 30 November in Vietnam is still 30 November there (16:59 UTC).
    setServerClock('2026-11-30T16:59:00Z', 'Asia/Ho_Chi_Minh', BROWSER_NOW);
    expect(today()).toBe('2026-11-30');
    // Midnight of the new year in Vietnam is 17:00 UTC on 31 December.
    setServerClock('2026-12-31T17:00:00Z', 'Asia/Ho_Chi_Minh', BROWSER_NOW);
    expect(today()).toBe('2027-01-01');
    expect(currentYear()).toBe(2027);
    expect(todayDayjs().format('YYYY-MM-DD')).toBe('2027-01-01');
  });

  it('keeps the deadlines calendar when the server names a timezone the browser does not know', () => {
    setServerClock('2026-12-31T17:00:00Z', 'Mars/Olympus_Mons', BROWSER_NOW);
    expect(today()).toBe('2027-01-01');
  });

  it('refuses an answer that is not an instant', () => {
    expect(() => setServerClock('soon', 'Asia/Ho_Chi_Minh', BROWSER_NOW)).toThrow(/not an instant/);
    expect(isSynced()).toBe(false);
  });

  it('makes dayjs() read the server clock, and leaves explicit dates alone', () => {
    setServerClock('2030-12-31T03:00:00Z', 'Asia/Ho_Chi_Minh', BROWSER_NOW);
    expect(dayjs().valueOf()).toBe(Date.parse('2030-12-31T03:00:00Z'));
    expect(dayjs(undefined).valueOf()).toBe(Date.parse('2030-12-31T03:00:00Z'));
    expect(dayjs('2026-06-20').format('YYYY-MM-DD')).toBe('2026-06-20');
    expect(dayjs('20/06/2026', 'DD/MM/YYYY').format('YYYY-MM-DD')).toBe('2026-06-20');
    expect(dayjs(null).isValid()).toBe(false);
  });

  it('counts days to a deadline from the server clock', () => {
    expect(daysUntil('2026-12-10')).toBe(5);
    setServerClock('2026-06-21T01:00:00Z', 'Asia/Ho_Chi_Minh', BROWSER_NOW);
    expect(daysUntil('2026-06-20')).toBe(-1);
    expect(daysUntil('2026-06-21')).toBe(0);
    expect(daysUntil('2026-11-30')).toBe(162);
  });

  it('renders components again once the server clock is known', () => {
    const { result } = renderHook(() => useToday());
    expect(result.current).toBe('2026-12-05');
    act(() => setServerClock('2027-01-01T00:00:00+07:00', 'Asia/Ho_Chi_Minh', BROWSER_NOW));
    expect(result.current).toBe('2027-01-01');
  });

  it('is set from GET /api/v1/clock', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => {
      vi.advanceTimersByTime(40); // the round trip takes 40 ms
      return new Response(
        JSON.stringify({ now: '2026-06-21T05:00:00Z', today: '2026-06-21', timezone: 'Asia/Ho_Chi_Minh' }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    });
    vi.stubGlobal('fetch', fetchMock);
    await syncServerClock();
    expect(new URL((fetchMock.mock.calls[0][0] as Request).url).pathname).toBe('/api/v1/clock');
    expect(now()).toBe(Date.parse('2026-06-21T05:00:00.020Z'));
    expect(today()).toBe('2026-06-21');
  });
});
