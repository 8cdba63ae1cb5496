// Builds a test's situation over the API, as the demo accounts, relative to the server's clock: a period
// open for reports today, one past due, one locked; a report filled, submitted, returned or approved.
// Each test makes its own periods, so it depends on no other test's leftovers.
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { DEMO_PASSWORD } from './server.mjs';
import { apiValue } from './report.mjs';

/** An API caller with a session: a page's (shares its cookies) or one of its own (no browser at all). */
export class Api {
  constructor(requestContext, cookies, own = false) {
    this.request = requestContext;
    this.cookies = cookies;
    this.own = own;
  }

  /** Signs in on a request context of its own. */
  static async login(baseURL, username, password = DEMO_PASSWORD) {
    const context = await request.newContext({ baseURL });
    const response = await context.post('/api/v1/auth/login', { data: { username, password } });
    assert.ok(response.ok(), `login ${username}: ${response.status()} ${await response.text()}`);
    return new Api(context, async () => (await context.storageState()).cookies, true);
  }

  /** The API as a signed-in page sees it. */
  static of(page) {
    return new Api(page.request, () => page.context().cookies());
  }

  /** Unsafe calls echo the CSRF cookie in a header, as the SPA does; any failure fails the test here. */
  async fetch(method, path, { data, multipart, headers = {} } = {}) {
    const csrf = (await this.cookies()).find((c) => c.name === 'banhat_csrf')?.value ?? '';
    const response = await this.request.fetch(path, { method, data, multipart, headers: { 'X-CSRF-Token': csrf, ...headers } });
    assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
    return response;
  }

  async get(path) {
    return (await this.fetch('GET', path)).json();
  }

  async post(path, data) {
    return (await this.fetch('POST', path, { data })).json();
  }

  async patch(path, data) {
    return (await this.fetch('PATCH', path, { data })).json();
  }

  /** The status of a call expected to fail (or not), without failing the test. */
  async status(method, path, data, headers = {}) {
    const csrf = (await this.cookies()).find((c) => c.name === 'banhat_csrf')?.value ?? '';
    return (await this.request.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf, ...headers } })).status();
  }

  /** Ends a request context of its own (a page's closes with its browser context). */
  async dispose() {
    if (this.own) await this.request.dispose();
  }
}

/** The server's clock: { now, today (yyyy-mm-dd in Vietnam), timezone }. */
export function serverClock(api) {
  return api.get('/api/v1/clock');
}

/** A calendar date (yyyy-mm-dd) `days` after `iso` (before it when negative). */
export function addDays(iso, days) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy, as the SPA shows and takes dates. */
export function vnDate(iso) {
  return iso.split('-').reverse().join('/');
}

let made = 0;

/**
 * A new period around the server's `today`: `open` takes reports today (start <= today <= due), `late` is
 * past its due date, `future` has not begun; `locked` is an open one, locked. Other kinds or dates can be
 * given explicitly. Codes are unique within the test process.
 */
export async function createPeriod(admin, today, { situation = 'open', kind = 'half_year', name, code, ...dates } = {}) {
  made += 1;
  const windows = {
    open: { start: addDays(today, -120), end: addDays(today, 30), due: addDays(today, 20) },
    locked: { start: addDays(today, -120), end: addDays(today, 30), due: addDays(today, 20) },
    late: { start: addDays(today, -200), end: addDays(today, -20), due: addDays(today, -10) },
    future: { start: addDays(today, 1), end: addDays(today, 180), due: addDays(today, 190) },
  };
  const labels = { open: 'đang nhận báo cáo', locked: 'đã khóa', late: 'đã quá hạn', future: 'chưa bắt đầu' };
  const body = {
    code: code ?? `T${String(made).padStart(2, '0')}-${situation}`,
    name: name ?? `Kỳ thử nghiệm ${made} (${labels[situation]})`,
    kind,
    ...windows[situation],
    ...dates,
  };
  const period = await admin.post('/api/v1/periods', body);
  return situation === 'locked' ? admin.post(`/api/v1/periods/${period.code}/lock`) : period;
}

/** The applicable indicators of a report with their catalog rules. */
export async function reportIndicators(api, period, unit) {
  const submission = await api.get(`/api/v1/submissions/${period}/${unit}`);
  const catalog = await api.get(`/api/v1/indicators?period=${encodeURIComponent(period)}`);
  const rules = new Map(catalog.map((i) => [i.code, i.rule]));
  return submission.indicators.map((i) => ({ code: i.code, measure: i.measure, rule: rules.get(i.code) }));
}

/** Saves a value for every indicator: each meets its rule unless `overrides` (by code) says otherwise. */
export async function saveValues(reporter, period, unit, overrides = {}) {
  const indicators = await reportIndicators(reporter, period, unit);
  const values = indicators.map((i) => ({ indicator: i.code, ...(overrides[i.code] ?? apiValue(i)) }));
  const current = await reporter.fetch('GET', `/api/v1/submissions/${period}/${unit}`);
  const response = await reporter.fetch('PUT', `/api/v1/submissions/${period}/${unit}/values`, {
    data: { values },
    headers: { 'If-Match': current.headers().etag },
  });
  return response.json();
}

/** A report through the workflow's steps over the API; each step returns the submission. */
export const report = {
  submit: (reporter, period, unit) => reporter.post(`/api/v1/submissions/${period}/${unit}/submit`),
  return: (reviewer, period, unit, reason) => reviewer.post(`/api/v1/submissions/${period}/${unit}/return`, { reason }),
  approve: (reviewer, period, unit) => reviewer.post(`/api/v1/submissions/${period}/${unit}/approve`),
  reopen: (reviewer, period, unit, reason) => reviewer.post(`/api/v1/submissions/${period}/${unit}/reopen`, { reason }),
  attach: async (reporter, period, unit, indicator, file) =>
    (await reporter.fetch('POST', `/api/v1/submissions/${period}/${unit}/values/${indicator}/evidence`, { multipart: { file } })).json(),
};
