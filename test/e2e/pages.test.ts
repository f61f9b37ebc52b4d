import { describe, expect, it } from 'vitest';
import { screenshot, watchErrors } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/browser-suite';

const env = useServerAndBrowser();

describe('web app in Chromium', () => {
  it('home page lists the demo network’s member cities, searchable and sortable, without errors', async () => {
    const page = await env.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + '/');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'demo network' }).waitFor();
    await page.locator('table.cities tbody tr').first().waitFor();
    expect(await page.locator('table.cities tbody tr').count()).toBe(50);
    await expect.poll(() => page.locator('.demo-badge').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'home');

    await page.getByLabel('Sort by').selectOption('-population');
    await page.waitForURL(/sort=-population/);
    await page.getByLabel('Search').fill('Oslo');
    await page.waitForURL(/q=Oslo/);
    await page.locator('table.cities caption', { hasText: 'matching “Oslo”' }).waitFor();
    expect(await page.locator('table.cities tbody tr').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('city page shows real facts, context values with sources and demo flags, and latest scores; a reload keeps it', async () => {
    const page = await env.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + '/?q=Oslo');
    await page.getByRole('link', { name: 'Oslo' }).click();
    await page.waitForURL(/\/cities\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /Oslo/ }).waitFor();
    await page.locator('table.context').first().waitFor();
    await page.locator('table.scores tbody tr').first().waitFor();
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toMatch(/Norway/);
    expect(facts).toMatch(/\d{3},\d{3}/);
    expect((await page.locator('table.context').allInnerTexts()).join('\n')).toMatch(/Eurostat/);
    expect(await page.locator('table.context .demo-badge').count()).toBeGreaterThan(0);
    expect(await page.locator('table.scores tbody tr').count()).toBe(13);
    await screenshot(page, 'city');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Oslo/ }).waitFor();
    expect(errors).toEqual([]);
  });

  it('unknown pages and cities say so', async () => {
    const page = await env.browser.newPage();
    await page.goto(env.server.url + '/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.goto(env.server.url + '/cities/999999');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/no city/i);
  });

  it('signs in with a __Host- session cookie the page cannot read, under the security headers', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const res = await page.goto(env.server.url + '/');
    const headers = res!.headers();
    expect(headers['strict-transport-security']).toMatch(/max-age=(\d+)/);
    expect(Number(/max-age=(\d+)/.exec(headers['strict-transport-security'])![1])).toBeGreaterThanOrEqual(31_536_000);
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    await page.locator('table.cities tbody tr').first().waitFor();
    const login = await page.evaluate(async () => {
      const r = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'oslo@demo.citypeers.example', password: 'citypeers-demo' }) });
      return { status: r.status, body: await r.json() };
    });
    expect(login.status).toBe(200);
    const [cookie] = (await context.cookies()).filter((c) => c.name.includes('citypeers_session'));
    expect(cookie).toMatchObject({ name: '__Host-citypeers_session', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('citypeers_session');
    const statuses = await page.evaluate(async (csrf) => {
      const me = await (await fetch('/api/auth/me')).json();
      const put = (headers: Record<string, string>) => fetch(`/api/cities/${me.user.grants[0].cityId}/context-values`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ values: [{ variable: 'data_access', year: 2025, value: 2, source: 'env.browser test' }] }) }).then((r) => r.status);
      return { me: me.authenticated, withoutCsrf: await put({}), withCsrf: await put({ 'x-csrf-token': csrf }) };
    }, login.body.csrfToken);
    expect(statuses).toEqual({ me: true, withoutCsrf: 403, withCsrf: 200 });
    expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
    await context.close();
  });
});
