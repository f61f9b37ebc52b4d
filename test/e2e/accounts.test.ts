/**
 * Accounts in Chromium against the real server: the sign-in page (wrong password, 429 with the
 * wait in minutes, return-to), the header with name and roles, sign-out, the secretariat pages
 * refusing a city editor kindly, an invitation from the outbox accepted with the password rules
 * and the server's field errors, and an API token whose secret is shown exactly once.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { screenshot, watchErrors } from '../helpers/browser';
import { DEMO_PASSWORD, signedIn } from './sign-in';
import { useServerAndBrowser } from '../helpers/browser-suite';

const env = useServerAndBrowser();

async function clean(page: Page, name: string, errors: string[], expected: RegExp[] = []) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
  expect(errors.filter((e) => !expected.some((re) => re.test(e))), `${name}: console`).toEqual([]);
}

describe('sign-in page', () => {
  it('says a wrong password plainly, a lock-out in minutes, and returns to the page asked for', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + '/secretariat');
    await page.waitForURL(/\/login\?next=%2Fsecretariat$/);
    await page.getByLabel('Email').fill('admin@demo.citypeers.example');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 10_000 }).toBe('The email or password is wrong.');
    await clean(page, 'login-error', errors, [/HTTP 401 .*\/api\/auth\/login/, /401/]);

    await page.route('**/api/auth/login', (r) => r.fulfill({ status: 429, headers: { 'Retry-After': '540', 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'x', title: 'Too many', status: 429, detail: 'Too many failed sign-ins' }) }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Try again in 9 minutes.' }).waitFor();
    await page.unroute('**/api/auth/login');

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/secretariat$/);
    await page.getByRole('heading', { level: 1, name: 'Monitoring rounds' }).waitFor();
    await expect.poll(() => page.locator('header .user').innerText(), { timeout: 10_000 }).toMatch(/Demo secretariat\s*\(Secretariat admin\)/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(env.server.url + '/');
    await page.locator('header').getByRole('link', { name: 'Sign in' }).waitFor();
    expect((await context.cookies()).filter((c) => c.name.includes('session'))).toEqual([]);
    await context.close();
  });

  it('shows the sign-in page cleanly and keeps only paths on this site as return-to', async () => {
    const page = await env.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + '/login?next=//evil.example/x');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await clean(page, 'login', errors);
    await page.getByLabel('Email').fill('munich@demo.citypeers.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(env.server.url + '/');
    await page.close();
  });

  it('tells a city editor kindly that the secretariat pages are not for them', async () => {
    const context = await signedIn(env.browser, env.server.url, 'oslo@demo.citypeers.example');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + '/secretariat/members');
    await page.getByRole('alert').filter({ hasText: 'This page is for the network’s secretariat' }).waitFor();
    expect(await page.locator('header nav').getByRole('link', { name: 'Secretariat' }).count()).toBe(0);
    await clean(page, 'secretariat-not-allowed', errors);
    await context.close();
  });
});

describe('invitation and account', () => {
  it('invites from the outbox page, accepts the link with the password rules, and lands signed in', async () => {
    const admin = await signedIn(env.browser, env.server.url, 'admin@demo.citypeers.example', '/secretariat/outbox');
    const page = await admin.newPage();
    await page.goto(env.server.url + '/secretariat/outbox');
    await page.getByText('Invite someone').click();
    await page.getByLabel('Email').fill('new.viewer@e2e.example');
    await page.getByLabel('Role').selectOption('city_viewer');
    await page.getByLabel('City', { exact: true }).selectOption({ label: 'Oslo' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').filter({ hasText: 'new.viewer@e2e.example' }).waitFor();
    await page.locator('table.outbox tbody tr', { hasText: 'new.viewer@e2e.example' }).waitFor();
    const me = await (await admin.request.get(env.server.url + '/api/auth/me')).json();
    const network = me.user.grants[0].networkId;
    const outbox = await (await admin.request.get(`${env.server.url}/api/networks/${network}/outbox`)).json();
    const message = outbox.items.find((m: { recipient: string }) => m.recipient === 'new.viewer@e2e.example');
    const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(message.body)![0];

    const invited = await env.browser.newContext();
    const p = await invited.newPage();
    const errors = watchErrors(p);
    await p.goto(env.server.url + new URL(link).pathname);
    await p.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await p.getByLabel('Your name').fill('New Viewer');
    await p.getByLabel('New password').fill('short');
    await p.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect.poll(() => p.locator('#invite-password-error').innerText(), { timeout: 10_000 }).toBe('Use at least 8 characters.');
    await p.getByLabel('New password').fill('password123');
    await p.getByRole('button', { name: 'Set password and sign in' }).click();
    await p.locator('#invite-password-error', { hasText: 'one of the most common passwords' }).waitFor();
    expect(await p.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('invite-password');
    await clean(p, 'invite', errors, [/HTTP 422 .*invitations\/accept/, /422/]);
    await p.getByLabel('New password').fill('four rivers under one bridge');
    await p.getByRole('button', { name: 'Set password and sign in' }).click();
    await p.waitForURL(/\/account\?welcome=1$/);
    await p.getByRole('status').filter({ hasText: 'Welcome, New Viewer' }).waitFor();
    await p.locator('ul.roles li', { hasText: 'City viewer · Oslo' }).waitFor();
    await expect.poll(() => p.locator('header .user').innerText(), { timeout: 10_000 }).toContain('New Viewer');
    await invited.close();
    await admin.close();
  });

  it('creates an API token: the secret once with a copy button, then only its prefix; it works and can be revoked', async () => {
    const context = await signedIn(env.browser, env.server.url, 'oslo@demo.citypeers.example');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    page.on('dialog', (d) => d.accept());
    await page.goto(env.server.url + '/account');
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('e2e script');
    await page.getByLabel('Role').selectOption({ label: 'City editor · Oslo' });
    await page.getByLabel('Valid for').selectOption('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('you will not see it again').waitFor();
    const secret = await page.getByLabel('Your new token').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await clean(page, 'account-token-created', errors);

    const asToken = await (await fetch(env.server.url + '/api/auth/me', { headers: { authorization: `Bearer ${secret}` } })).json();
    expect(asToken).toMatchObject({ authenticated: true, via: 'token' });
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.content()).not.toContain(secret);
    const row = page.locator('table.tokens tbody tr', { hasText: 'e2e script' });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/active/);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    await clean(page, 'account', errors);
    await row.getByRole('button', { name: 'Revoke token e2e script' }).click();
    await page.locator('table.tokens tbody tr', { hasText: 'revoked' }).waitFor();
    expect((await fetch(env.server.url + '/api/auth/me', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    await context.close();
  });
});
