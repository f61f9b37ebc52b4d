/**
 * The web app in headless Chromium against the real server and a fresh demo database: every page
 * loads without console errors and passes axe-core (no serious/critical violations), peers re-rank
 * when a weight moves, compare follows the chosen cities and a reloaded URL restores the view,
 * a whole cluster can be selected from the keyboard, the assessment form validates, saves and shows a 412 conflict, every language renders, and the
 * downloads are valid SVG/PNG/CSV. Screenshots land in test-results/screenshots/; load timings are
 * printed and written to test-results/timings.json (reported, never asserted).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { screenshot, watchErrors } from '../helpers/browser';
import { useServerAndBrowser } from '../helpers/browser-suite';

const env = useServerAndBrowser();

let oslo: number;
let draft: number;
let editor: BrowserContext;
const timings: Record<string, number> = {};

async function json<T>(path: string): Promise<T> {
  return (await fetch(env.server.url + path)).json() as Promise<T>;
}

beforeAll(async () => {
  oslo = (await json<{ items: { id: number }[] }>('/api/cities?q=Oslo')).items[0].id;
  // A city editor (demo account) opens the self-assessment page, is sent to the sign-in page and back.
  editor = await env.browser.newContext();
  const page = await editor.newPage();
  await page.goto(env.server.url + '/assess');
  await page.waitForURL(/\/login\?next=%2Fassess$/);
  await page.getByLabel('Email').fill('oslo@demo.citypeers.example');
  await page.getByLabel('Password').fill('citypeers-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/assess$/);
  await page.locator('header .user').getByText('Demo coordinator, Oslo').waitFor();
  await page.locator('table.submissions tbody tr').first().waitFor();
  const href = await page.locator('table.submissions a[href$="/edit"]').first().getAttribute('href');
  draft = Number(/\/submissions\/(\d+)\/edit/.exec(href!)![1]);
  await page.close();
});
afterAll(async () => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/timings.json', JSON.stringify(timings, null, 2));
  console.log('page usable after (ms since navigation start):', timings);
  await editor?.close();
});

async function open(path: string, ready: string, { context }: { context?: BrowserContext } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = context ? await context.newPage() : await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(env.server.url + path);
  await page.locator(ready).first().waitFor();
  timings[path] = Math.round(await page.evaluate(() => performance.now()));
  return { page, errors };
}

const rankOrder = (page: Page) => page.locator('ol.peer-list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-city')));

describe('every page in Chromium', () => {
  const pages = (): [string, string, string, BrowserContext?][] => [
    ['overview', '/', 'figure svg.chart path[transform]'],
    ['city-profile', `/cities/${oslo}`, 'table.scores tbody tr'],
    ['peers', `/cities/${oslo}/peers`, 'ol.peer-list li'],
    ['compare', '/compare', 'figure svg.chart > rect'],
    ['clusters', '/clusters?method=ward', 'figure svg.chart path'],
    ['assess', '/assess', 'table.submissions tbody tr', editor],
    ['assess-form', `/submissions/${draft}/edit`, 'fieldset.indicator', editor],
    ['research', '/research', 'h1'],
    ['about', '/about', 'h1'],
  ];
  it('loads each page without console errors, passes axe (no serious or critical), and keeps a screenshot', async () => {
    for (const [name, path, ready, context] of pages()) {
      const { page, errors } = await open(path, ready, { context });
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
      expect(errors, `${name}: console`).toEqual([]);
      await page.close();
    }
  });
});

describe('interactions', () => {
  it('peers: moving a weight re-orders the list in the env.browser, the URL keeps it and a reload restores it', async () => {
    const { page, errors } = await open(`/cities/${oslo}/peers`, 'ol.peer-list li');
    const before = await rankOrder(page);
    for (const cat of ['national_legislation', 'political_situation', 'civil_society']) {
      await page.locator(`#w-${cat}`).evaluate((el: HTMLInputElement) => {
        el.value = '0';
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    await page.waitForURL(/w=/);
    const after = await rankOrder(page);
    expect(after).not.toEqual(before);
    const rerank = await page.evaluate(() => performance.getEntriesByName('peers-rerank').map((e) => e.duration));
    timings['peers re-rank in page (max ms, 146 cities)'] = Math.round(Math.max(...rerank) * 100) / 100;
    await page.reload();
    await page.locator('ol.peer-list li').first().waitFor();
    expect(await rankOrder(page)).toEqual(after);
    expect(errors).toEqual([]);
  });

  it('compare: choosing cities updates the heatmap; a copied URL restores the same view', async () => {
    const rounds = (await json<{ items: { id: number; status: string; submissionCount: number }[] }>('/api/rounds')).items;
    const round = rounds.find((r) => !['open', 'draft'].includes(r.status) && r.submissionCount > 0)!;
    const names = (await json<{ rows: { name: string }[] }>(`/api/rounds/${round.id}/matrix?space=performance`)).rows.map((r) => r.name).sort();
    const [a, b] = [names[0], names[1]];
    const { page, errors } = await open('/compare?cities=,&order=name', 'text=Choose at least one city');
    for (const name of [b, a]) {
      await page.getByLabel('Find a city').fill(name);
      await page.getByRole('checkbox', { name: new RegExp(`^${name} `) }).check();
    }
    await page.waitForURL(/cities=\d+%2C\d+|cities=\d+,\d+/);
    const labels = () => page.locator('figure svg.chart > text').evaluateAll((els, ab) => els.map((e) => e.textContent).filter((s) => ab.includes(s ?? '')), [a, b]);
    await page.locator('figure svg.chart').waitFor();
    expect(await labels()).toEqual([a, b]);
    await page.getByRole('combobox', { name: 'View' }).selectOption('parallel');
    await page.waitForURL(/view=parallel/);
    const url = page.url();
    const again = await env.browser.newPage();
    await again.goto(url);
    await again.locator('figure svg.chart path').first().waitFor();
    expect(await again.getByRole('combobox', { name: 'View' }).inputValue()).toBe('parallel');
    expect(await again.locator('.chips li').allInnerTexts()).toEqual((await page.locator('.chips li').allInnerTexts()));
    expect(errors).toEqual([]);
  });

  it('clusters: the brush selects cities; a whole cluster can be selected from the keyboard; the selection survives another method; Escape or the button clears', async () => {
    const { page, errors } = await open('/clusters', 'figure svg.chart path');
    const pick = page.getByRole('combobox', { name: 'Select a whole cluster' });
    const outlined = () => page.locator('figure svg.chart path[stroke="#000"]').count();
    const brushShown = () => page.locator('figure svg.chart g.brush rect.selection').evaluate((r) => r.getAttribute('display') !== 'none' && Number(r.getAttribute('width')) > 0);
    const box = (await page.locator('figure svg.chart g.brush rect.overlay').boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5, { steps: 5 });
    await page.mouse.up();
    const all = await page.locator('figure svg.chart path[role="presentation"]').count();
    await page.getByText(`Selected: ${all} cities`).waitFor();
    expect(await brushShown()).toBe(true);
    await pick.focus();
    await page.keyboard.press('ArrowDown'); // the first cluster, without a pointer
    const size = Number(/\((\d+)\)/.exec((await pick.locator('option').nth(1).textContent())!)![1]);
    await page.getByText(`Selected: ${size} cities`).waitFor();
    expect(await outlined()).toBe(size);
    expect(await brushShown()).toBe(false); // the rectangle no longer describes the selection
    expect(await page.getByRole('link', { name: 'Compare the selected cities' }).getAttribute('href')).toMatch(/^\/compare\?round=\d+&cities=\d+/);
    await page.keyboard.press('Escape');
    await page.getByText(/^Selected: /).waitFor({ state: 'detached' });
    expect(await outlined()).toBe(0);
    await pick.selectOption({ index: 2 });
    const chosen = Number(/Selected: (\d+)/.exec((await page.getByText(/^Selected: /).textContent())!)![1]);
    expect(await outlined()).toBe(chosen);
    // another method reloads the clusters: the same cities stay selected and outlined
    await page.getByRole('combobox', { name: 'Method' }).selectOption('ward');
    await page.getByText('The dendrogram is drawn for the Ward method.').waitFor({ state: 'detached' });
    await page.getByText(`Selected: ${chosen} cities`).waitFor();
    expect(await outlined()).toBe(chosen);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByText(/^Selected: /).waitFor({ state: 'detached' });
    expect(await outlined()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('assessment form: rejects bad input beside the field, saves good input, shows a 412 conflict and merges', async () => {
    const { page } = await open(`/submissions/${draft}/edit`, 'fieldset.indicator', { context: editor });
    const other = await editor.newPage();
    await other.goto(`${env.server.url}/submissions/${draft}/edit`);
    await other.locator('fieldset.indicator').first().waitFor();

    const number = page.locator('fieldset[data-indicator="EM3"] input.value');
    await number.fill('5000');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.locator('fieldset[data-indicator="EM3"] .field-error').innerText(), { timeout: 10_000 }).toMatch(/between 0 and 1,000/);
    await screenshot(page, 'assess-form-invalid');
    await number.fill('12');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await other.locator('fieldset[data-indicator="BG1"] input.value').fill('40');
    await other.getByRole('button', { name: 'Save draft' }).click();
    await other.getByRole('alert').filter({ hasText: 'Someone else saved' }).waitFor();
    await screenshot(other, 'assess-form-conflict');
    await other.getByRole('button', { name: 'Merge my changes into theirs' }).click();
    await other.getByRole('status').filter({ hasText: 'Merged' }).waitFor();
    await expect.poll(() => other.locator('fieldset[data-indicator="EM3"] input.value').inputValue(), { timeout: 10_000 }).toBe('12');
    await expect.poll(() => other.locator('fieldset[data-indicator="BG1"] input.value').inputValue(), { timeout: 10_000 }).toBe('40');
    await other.getByRole('button', { name: 'Save draft' }).click();
    await other.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = (await (await editor.request.get(`${env.server.url}/api/submissions/${draft}`)).json()) as { scores: { indicatorId: number; value: number | null }[] };
    expect(saved.scores.map((s) => s.value)).toEqual(expect.arrayContaining([12, 40]));
  });

  it('renders in every language, formats numbers per language and remembers the choice', async () => {
    const { page, errors } = await open(`/cities/${oslo}`, 'table.scores tbody tr');
    const expected = { nb: ['Oversikt', /699\s827/], sv: ['Översikt', /699\s827/], da: ['Oversigt', /699\.827/], en: ['Overview', /699,827/] } as const;
    for (const [lang, [nav, number]] of Object.entries(expected)) {
      await page.getByLabel(/Language|Språk|Sprog/).selectOption(lang);
      await expect.poll(() => page.locator('header nav').innerText(), { timeout: 10_000 }).toContain(nav);
      await expect.poll(() => page.locator('dl.facts').innerText(), { timeout: 10_000 }).toMatch(number);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await screenshot(page, `city-${lang}`);
    }
    await page.getByLabel(/Language/).selectOption('sv');
    await page.reload();
    await page.locator('header nav', { hasText: 'Översikt' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('downloads charts as SVG and PNG and tables as CSV, named after the view', async () => {
    const { page } = await open(`/cities/${oslo}`, 'figure svg.chart');
    const fig = page.locator('figure.figure').first();
    const get = async (button: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), fig.locator(button).click()]);
      return { name: dl.suggestedFilename(), body: readFileSync((await dl.path())!) };
    };
    const svg = await get('button.dl-svg');
    expect(svg.name).toMatch(/^oslo-profile-round-\d+\.svg$/);
    expect(svg.body.toString()).toMatch(/^<\?xml[^>]*>\s*<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = await get('button.dl-png');
    expect(png.name).toMatch(/\.png$/);
    expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const csv = await get('button.dl-csv');
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.body.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Code,Indicator,This city/);
    expect(lines.length).toBe(14);
  });
});
