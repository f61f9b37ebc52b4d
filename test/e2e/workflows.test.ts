/**
 * Peer reviews, study visits and action plans in Chromium against the real server, each step as
 * the user who does it: the secretariat creates a review by hand (Munich and Barcelona reviewing
 * Oslo, with an NGO member), Oslo's coordinator moves it through the host's stages and adds a
 * note, Munich's records a finding with a peer score and leads the later stages, the secretariat
 * completes it; Oslo requests a study visit to Munich on a key factor, Munich accepts and
 * schedules it, Oslo writes the report and turns the planner's suggestions into requests; Oslo
 * adds a goal to an action plan. Every page: axe (no serious/critical), no console errors, a screenshot.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { screenshot, watchErrors } from '../helpers/browser';
import { signedIn } from './sign-in';
import { useServerAndBrowser } from '../helpers/browser-suite';

const env = useServerAndBrowser();

const as: Record<'admin' | 'oslo' | 'munich', BrowserContext> = {} as never;

beforeAll(async () => {
  as.admin = await signedIn(env.browser, env.server.url, 'admin@demo.citypeers.example', '/peer-reviews');
  as.oslo = await signedIn(env.browser, env.server.url, 'oslo@demo.citypeers.example', '/study-visits');
  as.munich = await signedIn(env.browser, env.server.url, 'munich@demo.citypeers.example', '/study-visits');
});
afterAll(async () => {
  for (const c of Object.values(as)) await c?.close();
});

async function open(context: BrowserContext, path: string, ready: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = watchErrors(page);
  page.on('dialog', (d) => d.accept());
  await page.goto(env.server.url + path);
  await page.locator(ready).first().waitFor();
  return { page, errors };
}

async function check(page: Page, name: string, errors: string[]) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
  expect(errors, `${name}: console`).toEqual([]);
}

const stage = (page: Page) => page.locator('strong.review-stage').innerText();
async function moveTo(page: Page, label: string, stageName: string) {
  await page.getByRole('button', { name: `Move to ${label}` }).click();
  await page.getByRole('status').filter({ hasText: `now at stage “${stageName}”` }).waitFor();
}

let reviewId = 0;

describe('a peer review from creation to completion', () => {
  it('the secretariat creates one by hand: Oslo hosts, Munich and Barcelona review, with an NGO member', async () => {
    const { page, errors } = await open(as.admin, '/peer-reviews', 'table.peer-reviews');
    await page.getByRole('combobox', { name: /^Host/ }).selectOption({ label: 'Oslo' });
    await page.getByLabel('Reviewer cities').selectOption([{ label: 'Munich' }, { label: 'Barcelona' }]);
    await page.getByLabel('NGO or agency member: organisation').fill('Norwegian Red Cross');
    await page.getByLabel('Lead expert', { exact: true }).fill('Dr. Ada Expert');
    await check(page, 'workflows-peer-reviews', errors);
    await page.getByRole('button', { name: 'Create peer review' }).click();
    await page.waitForURL(/\/peer-reviews\/\d+$/);
    reviewId = Number(/peer-reviews\/(\d+)/.exec(page.url())![1]);
    await expect.poll(() => stage(page), { timeout: 10_000 }).toBe('planned');
    await expect.poll(() => page.locator('.team').innerText(), { timeout: 10_000 }).toMatch(/Munich[\s\S]*Barcelona|Barcelona[\s\S]*Munich/);
    await expect.poll(() => page.locator('.team').innerText(), { timeout: 10_000 }).toContain('Norwegian Red Cross');
    await page.goto(`${env.server.url}/peer-reviews?stage=planned`);
    await page.locator('table.peer-reviews tr[data-host="Oslo"]').waitFor();
    await page.close();
  });

  it('Oslo moves it through the host’s stages and adds a note', async () => {
    const { page, errors } = await open(as.oslo, `/peer-reviews/${reviewId}`, 'strong.review-stage');
    await moveTo(page, 'self-assessment', 'self-assessment');
    await moveTo(page, 'desk review', 'desk review');
    await expect.poll(() => page.getByRole('button', { name: 'Move to visit' }).count(), { timeout: 10_000 }).toBe(0); // the reviewers' move
    await page.getByLabel('Kind').selectOption('desk_review');
    await page.getByLabel('Note', { exact: true }).fill('Evidence sent: integration strategy 2024–2027 and the budget.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('status').filter({ hasText: 'Note added.' }).waitFor();
    await expect.poll(() => page.locator('table.notes tbody').innerText(), { timeout: 10_000 }).toContain('integration strategy');
    await check(page, 'workflows-peer-review-host', errors);
    await page.close();
  });

  it('Munich records a finding with a peer score next to the self-score and leads the review stages', async () => {
    const { page, errors } = await open(as.munich, `/peer-reviews/${reviewId}`, 'table.findings tbody tr');
    const first = page.locator('table.findings tbody tr[data-code]').first();
    const code = (await first.getAttribute('data-code'))!;
    await page.getByRole('button', { name: `Edit the finding on ${code}` }).click();
    await page.getByLabel('Peer score').fill('2');
    await page.getByLabel('Finding', { exact: true }).fill('Strong leadership; evaluation of measures is missing.');
    await page.getByRole('button', { name: 'Save finding' }).click();
    await page.getByRole('status').filter({ hasText: `Finding on ${code} saved.` }).waitFor();
    await expect.poll(() => page.locator(`table.findings tr[data-code="${code}"]`).innerText(), { timeout: 10_000 }).toContain('evaluation of measures');
    await page.getByLabel('Visit from').fill('2026-03-02');
    await page.getByLabel('Visit to').fill('2026-03-04');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    for (const s of ['visit', 'findings', 'recommendations', 'follow-up']) await moveTo(page, s, s);
    await expect.poll(() => page.getByRole('button', { name: 'Move to completed' }).count(), { timeout: 10_000 }).toBe(0); // the secretariat's move
    await check(page, 'workflows-peer-review-reviewer', errors);
    await page.close();
  });

  it('the secretariat completes it (and could step back)', async () => {
    const { page, errors } = await open(as.admin, `/peer-reviews/${reviewId}`, 'strong.review-stage');
    await page.getByRole('button', { name: 'Move back one stage' }).waitFor();
    await moveTo(page, 'completed', 'completed');
    await expect.poll(() => stage(page), { timeout: 10_000 }).toBe('completed');
    await expect.poll(() => page.locator('table.findings tbody').innerText(), { timeout: 10_000 }).toContain('evaluation of measures');
    await check(page, 'workflows-peer-review-completed', errors);
    await page.close();
  });
});

describe('a study visit and an action plan', () => {
  const row = (page: Page) => page.locator('table.visits tr[data-visit="Oslo→Munich"]');

  it('Oslo requests a visit to Munich on a key factor', async () => {
    const { page, errors } = await open(as.oslo, '/study-visits', 'table.visits');
    await page.getByLabel('Visiting city').selectOption({ label: 'Oslo' });
    await page.getByRole('combobox', { name: /^Host/ }).selectOption({ label: 'Munich' });
    await page.getByLabel('Theme').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('status').filter({ hasText: 'Request sent to Munich.' }).waitFor();
    await row(page).filter({ hasText: 'requested' }).waitFor();
    await check(page, 'workflows-study-visits-requested', errors);
    await page.close();
  });

  it('Munich accepts and schedules it', async () => {
    const { page, errors } = await open(as.munich, '/study-visits?role=host', 'table.visits tr[data-visit="Oslo→Munich"]');
    await page.getByRole('button', { name: 'Accept: Oslo → Munich' }).click();
    await row(page).locator('.visit-status', { hasText: 'accepted' }).waitFor();
    await page.getByRole('button', { name: 'Schedule: Oslo → Munich' }).click();
    const form = page.getByRole('form', { name: 'Schedule: Oslo → Munich' });
    await form.getByLabel('From').fill('2026-05-11');
    await form.getByLabel('To').fill('2026-05-13');
    await form.getByRole('button', { name: 'Confirm' }).click();
    await row(page).locator('.visit-status', { hasText: 'scheduled' }).waitFor();
    await check(page, 'workflows-study-visits-host', errors);
    await page.close();
  });

  it('Oslo writes the report and turns the planner’s suggestions into requests', async () => {
    const { page, errors } = await open(as.oslo, '/study-visits', 'table.visits tr[data-visit="Oslo→Munich"]');
    await page.getByRole('button', { name: 'Write report: Oslo → Munich' }).click();
    await page.getByLabel('Report with lessons').fill('Munich’s welcome centre joins up housing, language and work advice in one place.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await row(page).filter({ hasText: 'welcome centre' }).waitFor();
    await check(page, 'workflows-study-visits-report', errors);
    const osloId = await page.evaluate(async () => (await (await fetch('/api/cities?q=Oslo')).json()).items[0].id as number);
    const published = await page.evaluate(async () => ((await (await fetch('/api/rounds')).json()).items as { id: number; status: string }[]).find((r) => r.status === 'published')!.id);
    await page.goto(`${env.server.url}/cities/${osloId}/peers?round=${published}`);
    await page.getByRole('button', { name: 'Turn the suggestions into requests' }).click();
    await page.locator('.notice, .alert').first().waitFor();
    await expect.poll(() => page.locator('.notice, .alert').first().innerText(), { timeout: 10_000 }).toMatch(/\d+ requests created, \d+ skipped/);
    await page.close();
  });

  it('Oslo starts an action plan and adds a goal for a key factor', async () => {
    const probe = await as.oslo.newPage();
    await probe.goto(env.server.url + '/about');
    const osloId = await probe.evaluate(async () => (await (await fetch('/api/cities?q=Oslo')).json()).items[0].id as number);
    await probe.close();
    const { page, errors } = await open(as.oslo, `/cities/${osloId}/action-plans`, 'h1');
    await page.getByLabel('Title').fill('Oslo action plan 2026–2028');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.waitForURL(/\?plan=\d+/);
    await page.getByLabel('Key factor').selectOption({ index: 1 });
    await page.getByLabel('Horizon').selectOption('long_term');
    await page.getByLabel('Goal', { exact: true }).fill('Evaluate every integration measure once a year');
    await page.getByLabel('Owner').fill('Integration office');
    await page.getByLabel('Due').fill('2027-06-30');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await page.getByRole('status').filter({ hasText: 'Goal added.' }).waitFor();
    const item = page.locator('table.action-items tbody tr[data-code]').first();
    await expect.poll(() => item.innerText(), { timeout: 10_000 }).toContain('Evaluate every integration measure');
    await page.getByRole('button', { name: 'Adopt' }).click();
    await page.locator('.plan-status', { hasText: 'adopted' }).waitFor();
    await check(page, 'workflows-action-plan', errors);
    await page.close();
  });
});
