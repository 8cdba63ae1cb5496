// Every main page of every role on a phone (support/sweep.mjs; pages.test.mjs sweeps them on a desktop at the
// same time), in Chromium against the real server and a fresh demo database. Also the scheme editor, end to
// end: a draft, an indicator retired after its confirmation, the preview listing the change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, newPage, PHONE, signIn } from './support/browser.mjs';
import { checkPage } from './support/pages.mjs';
import { startedForTheFile, sweep, sweepPeriods } from './support/sweep.mjs';

const started = startedForTheFile();

describe('every main page', () => {
  it('fits a phone, readable and accessible', async () => {
    const failures = await sweep(started.browser, started.server.baseURL, 'phone', await sweepPeriods(started.server.baseURL));
    assert.equal(failures.length, 0, failures.join('\n'));
  });
});

describe('the scheme editor', () => {
  it('drafts a version, retires an indicator after its confirmation, and the preview lists the change', async () => {
    const page = await newPage(started.browser, started.server.baseURL, DESKTOP, { bypassCSP: true });
    await signIn(page, 'reviewer');
    await page.goto('/admin/schemes');
    await page.getByLabel('Mã phiên bản mới').fill('2027.5');
    await page.getByRole('button', { name: 'Tạo bản dự thảo từ phiên bản đang áp dụng' }).click();
    await page.getByText('Sửa bản dự thảo 2027.5').waitFor();

    await page.getByRole('button', { name: 'Bỏ chỉ tiêu GD-09' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Các kỳ đang chấm theo phiên bản khác, kể cả các kỳ đã khóa, giữ nguyên chỉ tiêu này.').waitFor();
    await dialog.getByRole('button', { name: 'Bỏ chỉ tiêu', exact: true }).click();
    await page.getByRole('list', { name: 'Thay đổi chưa lưu' }).getByText(/^Bỏ chỉ tiêu GD-09 – /).waitFor();
    await page.getByRole('button', { name: 'Lưu bản dự thảo' }).click();
    await page.getByText('Đã lưu bản dự thảo 2027.5.').waitFor();

    const changes = page.getByRole('list', { name: 'Thay đổi so với phiên bản 2027.1' });
    // The list is read again from the server after the save: waited for, or a loaded machine reads it empty.
    await changes.getByText(/^Bỏ chỉ tiêu GD-09 – /).waitFor();
    assert.deepEqual((await changes.getByRole('listitem').allTextContents()).map((line) => line.split(' – ')[0]), ['Bỏ chỉ tiêu GD-09']);
    await page.getByLabel('Kỳ xem trước').click();
    await page.getByTitle('Sơ kết 06 tháng đầu năm 2026').last().click();
    await page.getByText(/^\d+ trên \d+ đơn vị đổi xếp loại, \d+ đơn vị đổi thứ hạng so với phiên bản 2026\.1\.$/).waitFor({ timeout: 30_000 });
    await checkPage(page, '42-desktop-reviewer-scheme-draft', { axe: true });
    await page.context().close();

    // The editor with its draft open fits a phone too (the page check above ran before any draft).
    const phone = await newPage(started.browser, started.server.baseURL, PHONE);
    await signIn(phone, 'reviewer');
    await phone.goto('/admin/schemes');
    await phone.getByText('Sửa bản dự thảo 2027.5').waitFor();
    await phone.getByText('Thêm chỉ tiêu', { exact: true }).click();
    await phone.getByText('Chỉ tiêu mới', { exact: true }).click();
    await checkPage(phone, '42-phone-reviewer-scheme-draft', { axe: false });
    await phone.context().close();
  });
});
