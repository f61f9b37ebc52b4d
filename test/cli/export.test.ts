/** `citypeers export` against a seeded file database: same rules as the API, a valid ZIP, an audit entry. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { runCitypeers } from '../helpers/cli';
import { freshDb } from '../helpers/db';
import { parseCsv, text, unzip } from '../exports/zip';

let dir: string, url: string;

const cli = (...args: string[]) => runCitypeers(['export', ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: url, SEED_DEMO: '0' } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'citypeers-export-'));
  url = `file:${join(dir, 'db.sqlite')}`;
  const handle = await freshDb(url);
  const { seed } = await import('../../seeds');
  await seed(handle.db);
  handle.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('citypeers export', () => {
  it('writes the ZIP of a published round as the researcher, prints the risk report, audits as "command line"', async () => {
    const started = performance.now();
    const r = await cli('--as', 'researcher@demo.citypeers.example', '--round', '1', '--out', 'x.zip', '--format', 'csv,parquet', '--variables', 'geography,population,migrantShare,KF01,KF02,KF03');
    expect(r.code, r.stderr).toBe(0);
    console.info(`citypeers export: ${Math.round(performance.now() - started)} ms including process start`, r.stdout.slice(0, 400));
    const out = JSON.parse(r.stdout);
    expect(out.risk.k).toBeGreaterThanOrEqual(5);
    expect(r.stderr).toMatch(/anonymising/);
    const files = unzip(readFileSync(join(dir, 'x.zip')));
    expect(Object.keys(files).sort()).toEqual(['README.md', 'aggregates.csv', 'aggregates.parquet', 'codebook.csv', 'codebook.json', 'risk.json', 'rows.csv', 'rows.parquet']);
    expect(parseCsv(text(files, 'rows.csv')).rows.length).toBe(out.risk.rowsReleased);
    const handle = await freshDb(url);
    const entries = (await handle.db.select().from(auditLog)).filter((e) => e.action === 'export.create');
    handle.close();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorLabel: 'command line', clientAddress: 'command line', newValue: { parameters: { roundIds: [1], formats: ['csv', 'parquet'] } } });
  });

  it('applies the API rules: unpublished round 404 for a researcher, a city editor 403, bad arguments exit 2', async () => {
    const hidden = await cli('--as', 'researcher@demo.citypeers.example', '--round', '2', '--out', 'y.zip');
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toMatch(/404 Not found: No round with id 2/);
    const editor = await cli('--as', 'oslo@demo.citypeers.example', '--round', '1', '--out', 'y.zip');
    expect(editor.code).toBe(2);
    expect(editor.stderr).toMatch(/403/);
    expect((await cli('--as', 'researcher@demo.citypeers.example', '--out', 'y.zip')).code).toBe(2);
    expect((await cli('--as', 'researcher@demo.citypeers.example', '--round', '1', '--out', 'y.zip', '--format', 'xlsx')).stderr).toMatch(/unknown format/);
    const admin = await cli('--as', 'admin@demo.citypeers.example', '--round', '2', '--out', 'z.zip', '--format', 'json', '--epsilon', '1');
    expect(admin.code, admin.stderr).toBe(0);
  });
});
