import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchErrors } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web app in Chromium', () => {
  it('home page lists the demo network’s member cities, searchable and sortable, without errors', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + '/');
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'demo network' }).waitFor();
    await page.locator('table.cities tbody tr').first().waitFor();
    expect(await page.locator('table.cities tbody tr').count()).toBe(50);
    await expect(page.locator('.demo-badge').first().isVisible()).resolves.toBe(true);
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
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + '/?q=Oslo');
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
    const page = await browser.newPage();
    await page.goto(server.url + '/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.goto(server.url + '/cities/999999');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/no city/i);
  });
});
