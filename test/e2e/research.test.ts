/**
 * The research export page in Chromium: a researcher signs in, starts an export of the published
 * round with the default variables, watches the progress finish, reads the risk report and
 * downloads a valid ZIP; the page passes axe.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { screenshot, watchErrors } from '../helpers/browser';
import { parseCsv, text, unzip } from '../exports/zip';
import { useServerAndBrowser } from '../helpers/browser-suite';

const env = useServerAndBrowser();

describe('research export page', () => {
  it('sign in, export, progress, risk report, download a valid ZIP', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.url + '/research');
    await page.getByRole('link', { name: /Sign in with a researcher/ }).click();
    await page.getByLabel('Email').fill('researcher@demo.citypeers.example');
    await page.getByLabel('Password').fill('citypeers-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/research$/);
    await page.getByRole('checkbox', { name: /monitoring round 2022/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: /monitoring round 2022/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /monitoring round 2024/ }).count()).toBe(0); // closed, not published
    await page.locator('input[name="variable"][value="KF01"]').waitFor();
    expect(await page.locator('input[name="variable"]:checked').count()).toBe(6);
    await page.getByRole('checkbox', { name: 'JSON' }).uncheck();
    const started = Date.now();
    await page.getByRole('button', { name: 'Start export' }).click();
    await page.locator('a.download').waitFor();
    console.info(`research export in the env.browser: ${Date.now() - started} ms from click to download link`);
    const report = await page.locator('table.risk').innerText();
    expect(report).toMatch(/Smallest group \(k\)\s+\d+/);
    expect(Number(/Smallest group \(k\)\s+(\d+)/.exec(report)![1])).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'research-export');
    expect(await seriousViolations(page), 'axe').toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.download').click()]);
    expect(download.suggestedFilename()).toMatch(/^citypeers-export-[0-9a-f]{8}\.zip$/);
    const files = unzip(readFileSync((await download.path())!));
    expect(Object.keys(files).sort()).toEqual(['README.md', 'aggregates.csv', 'aggregates.parquet', 'codebook.csv', 'codebook.json', 'risk.json', 'rows.csv', 'rows.parquet']);
    expect(parseCsv(text(files, 'rows.csv')).columns).toContain('indicator.KF01');
    expect(errors).toEqual([]);
    await context.close();
  });
});
