/**
 * The secretariat in Chromium against the real server: a round created and run from draft to
 * published (Oslo's coordinator submits in the form, the submission is returned with comments and
 * submitted again, then validated), an application accepted with date and reason, the peer-review
 * plan shown, adjusted, exported and accepted, the outbox and the audit log filtered. Each page is
 * checked with axe (no serious/critical) and for console errors, with a screenshot.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { screenshot, watchErrors } from '../helpers/browser';
import { signedIn } from './sign-in';
import { useServerAndBrowser } from '../helpers/browser-suite';

const env = useServerAndBrowser();

let admin: BrowserContext;
let oslo: BrowserContext;
const timings: Record<string, number> = {};

beforeAll(async () => {
  admin = await signedIn(env.browser, env.server.url, 'admin@demo.citypeers.example', '/secretariat');
  oslo = await signedIn(env.browser, env.server.url, 'oslo@demo.citypeers.example', '/assess');
});
afterAll(async () => {
  console.log('secretariat pages usable after (ms since navigation start):', timings);
  await admin?.close();
  await oslo?.close();
});

async function open(context: BrowserContext, path: string, ready: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('dialog', (d) => d.accept());
  await page.goto(env.server.url + path);
  await page.locator(ready).first().waitFor();
  timings[path.replace(/\d+/g, ':id')] = Math.round(await page.evaluate(() => performance.now()));
  return { page, errors };
}

async function check(page: Page, name: string, errors: string[], expected: RegExp[] = []) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
  expect(errors.filter((e) => !expected.some((re) => re.test(e))), `${name}: console`).toEqual([]);
}

const status = (page: Page) => page.locator('strong.round-status').innerText();
const osloRow = (page: Page) => page.locator('table.board tbody tr[data-city="Oslo"]');

describe('a monitoring round from creation to publication', () => {
  it('creates, opens, takes Oslo’s submission, returns it, takes it again, closes, validates and publishes', async () => {
    const { page, errors } = await open(admin, '/secretariat', 'table.rounds tbody tr');
    await check(page, 'secretariat-rounds', errors);
    await page.getByLabel('Framework').selectOption({ index: 0 });
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Name', { exact: true }).fill('E2E monitoring round 2026');
    await page.getByLabel('Deadline').fill('2026-12-31');
    await page.getByRole('button', { name: 'Create round (as draft)' }).click();
    await page.waitForURL(/\/secretariat\/rounds\/\d+$/);
    const roundId = Number(/rounds\/(\d+)/.exec(page.url())![1]);
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('draft');
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.getByRole('status').filter({ hasText: 'The round is now open.' }).waitFor();
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('open');
    await osloRow(page).filter({ hasText: 'not started' }).waitFor();
    await page.getByRole('button', { name: 'Send deadline reminders' }).click();
    await page.getByRole('status').filter({ hasText: /\d+ reminders placed in the outbox/ }).waitFor();

    // Oslo's coordinator starts, answers and submits.
    const form = await open(oslo, '/assess', 'h1');
    await form.page.getByRole('button', { name: 'Start the self-assessment for Oslo' }).click();
    await form.page.waitForURL(/\/submissions\/\d+\/edit$/);
    await form.page.locator('fieldset.indicator input[type=radio][value="2"]').first().check();
    await form.page.getByRole('button', { name: 'Save draft' }).click();
    await form.page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await form.page.getByRole('button', { name: 'Submit to the secretariat' }).click();
    await form.page.getByRole('status').filter({ hasText: 'Submitted' }).waitFor();

    // The secretariat returns it with a comment and one indicator comment.
    await page.reload();
    await osloRow(page).filter({ hasText: 'submitted' }).waitFor();
    await osloRow(page).getByRole('button', { name: 'Return the submission of Oslo' }).click();
    await page.getByLabel('Comment for the city').fill('Please add evidence for the first indicator.');
    await page.getByRole('button', { name: 'Add a comment on an indicator' }).click();
    await page.locator('.return-form fieldset input').fill('Which document shows this?');
    await page.getByRole('button', { name: 'Return to the city' }).click();
    await page.getByRole('status').filter({ hasText: 'Oslo: returned' }).waitFor();
    await osloRow(page).filter({ hasText: 'returned' }).waitFor();
    await check(page, 'secretariat-round-board', errors);

    // Oslo sees the comments and submits again.
    await form.page.reload();
    await form.page.locator('.return-comment', { hasText: 'Please add evidence' }).waitFor();
    await form.page.locator('.review-comment', { hasText: 'Which document shows this?' }).waitFor();
    await screenshot(form.page, 'assess-form-returned');
    await form.page.getByRole('button', { name: 'Submit to the secretariat' }).click();
    await form.page.getByRole('status').filter({ hasText: 'Submitted' }).waitFor();
    expect(form.errors).toEqual([]);

    // Close, validate the submission, validate and publish the round.
    await page.reload();
    await osloRow(page).filter({ hasText: 'submitted' }).waitFor();
    await page.getByRole('button', { name: 'Close the round' }).click();
    await page.getByRole('status').filter({ hasText: 'The round is now closed.' }).waitFor();
    await osloRow(page).getByRole('button', { name: 'Validate the submission of Oslo' }).click();
    await page.getByRole('status').filter({ hasText: 'Oslo: validated.' }).waitFor();
    await page.getByRole('button', { name: 'Mark as validated' }).click();
    await page.getByRole('status').filter({ hasText: 'The round is now validated.' }).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published: this is final.').waitFor();
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('published');
    await osloRow(page).filter({ hasText: /published|validated/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Published snapshot (JSON)' }).getAttribute('target')).toBe('_blank');
    await check(page, 'secretariat-round-published', errors);
    const snapshot = await admin.request.get(`${env.server.url}/api/rounds/${roundId}/snapshot`);
    expect(snapshot.status()).toBe(200);
  });
});

describe('memberships, plan, outbox and audit', () => {
  it('accepts an application with a date and reason, and the history shows it', async () => {
    const { page, errors } = await open(admin, '/secretariat/members?status=applicant', 'table.memberships tbody tr');
    await check(page, 'secretariat-members', errors);
    const city = (await page.locator('table.memberships tbody tr').first().getAttribute('data-city'))!;
    await page.locator('table.memberships tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: `Membership: ${city}` }).waitFor();
    await page.getByRole('button', { name: 'Accept application' }).click();
    await page.getByLabel('Reason').fill('Charter signed at the general assembly');
    await page.getByRole('button', { name: 'Confirm: Accept application' }).click();
    await page.getByRole('status').filter({ hasText: 'Status changed to member.' }).waitFor();
    await page.locator('strong.membership-status', { hasText: 'member' }).waitFor();
    await page.locator('table.history tbody tr', { hasText: 'Charter signed at the general assembly' }).waitFor();
    await page.getByLabel('Coordinator', { exact: true }).fill('E2E Coordinator');
    await page.getByRole('button', { name: 'Save contacts and fee' }).click();
    await page.getByRole('status').filter({ hasText: 'Contacts and fee saved.' }).waitFor();
    await expect.poll(() => page.getByLabel('Coordinator', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('E2E Coordinator');
    await check(page, 'secretariat-membership', errors);
  });

  it('shows the peer-review plan against the greedy baseline, swaps a reviewer, exports CSV and accepts', async () => {
    const rounds = (await (await admin.request.get(env.server.url + '/api/rounds')).json()).items as { id: number; status: string; submissionCount: number }[];
    const round = rounds.find((r) => r.status === 'closed' && r.submissionCount > 0)!;
    const { page, errors } = await open(admin, `/secretariat/rounds/${round.id}/peer-review`, 'table.plan-teams tbody tr');
    await expect.poll(() => page.locator('.objective').innerText(), { timeout: 10_000 }).toMatch(/Objective [\d.,]+ · greedy baseline [\d.,]+/);
    await check(page, 'secretariat-peer-review-plan', errors);
    const swap = page.locator('select.swap').first();
    await swap.selectOption({ index: 1 });
    await page.waitForURL(/swap=\d+%3A\d+%3A\d+|swap=\d+:\d+:\d+/);
    await page.locator('.badge', { hasText: 'changed by hand' }).waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV: Peer-review plan' }).click()]);
    expect(dl.suggestedFilename()).toBe(`peer-review-plan-round-${round.id}.csv`);
    const lines = readFileSync((await dl.path())!, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Host,Country,Need,Reviewer,Country,Similarity,Strength,changed by hand');
    expect(lines.some((l) => l.endsWith(',yes'))).toBe(true);
    await page.reload();
    await page.locator('.badge', { hasText: 'changed by hand' }).waitFor();
    await page.getByRole('button', { name: 'Accept plan and create the peer reviews' }).click();
    const answer = page.locator('.notice, .alert').filter({ hasText: /Plan accepted|could not be accepted/ });
    await answer.waitFor();
    console.log('peer-review plan accept answered:', await answer.innerText());
    await check(page, 'secretariat-peer-review-accepted', errors, [/HTTP (409|422) .*from-plan/]);
  });

  it('lists the outbox and filters the audit log in the URL', async () => {
    const outbox = await open(admin, '/secretariat/outbox', 'table.outbox tbody tr');
    await check(outbox.page, 'secretariat-outbox', outbox.errors);
    const { page, errors } = await open(admin, '/secretariat/audit', 'table.audit tbody tr');
    await page.getByLabel('Action').fill('round.published');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/action=round\.published/);
    await page.locator('table.audit caption', { hasText: /^Entries: 1 ·/ }).waitFor();
    await check(page, 'secretariat-audit', errors);
    await page.reload();
    await expect.poll(() => page.getByLabel('Action').inputValue(), { timeout: 10_000 }).toBe('round.published');
  });
});

describe('conflicts, unknown records and languages', () => {
  it('says so when someone else moved the round first, and shows the latest state', async () => {
    const { page, errors } = await open(admin, '/secretariat', 'table.rounds tbody tr');
    await page.getByLabel('Year').fill('2031');
    await page.getByLabel('Name', { exact: true }).fill('E2E stale round');
    await page.getByRole('button', { name: 'Create round (as draft)' }).click();
    await page.waitForURL(/\/secretariat\/rounds\/\d+$/);
    const other = await admin.newPage();
    await other.goto(page.url());
    await other.getByRole('button', { name: 'Open the round' }).waitFor();
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.getByRole('status').filter({ hasText: 'The round is now open.' }).waitFor();
    await other.getByRole('button', { name: 'Open the round' }).click();
    await other.getByRole('alert').filter({ hasText: /Someone else changed this|Allowed now/ }).waitFor();
    await other.getByRole('button', { name: 'Close the round' }).waitFor();
    await screenshot(other, 'secretariat-round-stale');
    expect(errors).toEqual([]);
  });

  it('links each round on the overview to its secretariat page, for the secretariat only', async () => {
    const { page, errors } = await open(admin, '/', 'ul.rounds li');
    await page.getByRole('link', { name: /^Manage: / }).first().click();
    await page.waitForURL(/\/secretariat\/rounds\/\d+$/);
    await page.locator('strong.round-status').waitFor();
    const anonymous = await env.browser.newPage();
    await anonymous.goto(env.server.url + '/');
    await anonymous.locator('ul.rounds li').first().waitFor();
    expect(await anonymous.getByRole('link', { name: /^Manage/ }).count()).toBe(0);
    await anonymous.close();
    expect(errors).toEqual([]);
  });

  it('answers an unknown round with a clear message', async () => {
    const { page, errors } = await open(admin, '/secretariat/rounds/999999', 'main p.alert');
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 10_000 }).toMatch(/^Not found/);
    expect(errors.filter((e) => !/HTTP 404/.test(e) && !/404/.test(e))).toEqual([]);
  });

  it('speaks every language on the secretariat pages', async () => {
    const { page, errors } = await open(admin, '/secretariat/members', 'table.memberships tbody tr');
    const expected = { nb: ['Medlemmer', 'Sekretariat'], sv: ['Medlemmar', 'Sekretariat'], da: ['Medlemmer', 'Sekretariat'], en: ['Members', 'Secretariat'] } as const;
    for (const [lang, [title, nav]] of Object.entries(expected)) {
      await page.getByLabel(/Language|Språk|Sprog/).selectOption(lang);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await expect.poll(() => page.locator('header nav').innerText(), { timeout: 10_000 }).toContain(nav);
      if (lang === 'nb') await check(page, 'secretariat-members-nb', errors);
    }
  });
});
