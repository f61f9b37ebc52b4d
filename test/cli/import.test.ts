/**
 * `citypeers import` and `citypeers export-round` against a file database with a synthetic
 * network of 1,000 member cities × 10 indicators: progress on stderr, all-or-nothing, rows named.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../server/cli/main';
import { readXlsx } from '../../server/services/spreadsheets/xlsx';
import { bigScoresCsv, insertBigNetwork } from '../helpers/big-network';
import { runCitypeers } from '../helpers/cli';
import { freshDb } from '../helpers/db';
import { dumpDb } from '../helpers/dump';

let dir: string, url: string, roundId: number, email: string;

function capture() {
  const out: string[] = [], err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

async function dump() {
  const handle = await freshDb(url);
  try {
    return await dumpDb(handle.client);
  } finally {
    handle.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'citypeers-import-'));
  url = `file:${join(dir, 'db.sqlite')}`;
  process.env.DATABASE_URL = url;
  const handle = await freshDb(url);
  const big = await insertBigNetwork(handle.db, 1000, 10);
  handle.close();
  roundId = big.round.id;
  email = big.admin.email;
  const lines = bigScoresCsv(1000, 10).split('\n');
  writeFileSync(join(dir, 'scores.csv'), lines.join('\n'));
  lines[4321] = lines[4321].replace(/^ZZ\d{4}C/, 'ZZ9999C'); // row 4322: a city that is not there
  writeFileSync(join(dir, 'bad.csv'), lines.join('\n'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('citypeers import', () => {
  it('refuses a 10,000-row file with one bad row, naming it, and changes nothing', async () => {
    const before = await dump();
    const c = capture();
    expect(await run(['import', '--round', String(roundId), '--file', join(dir, 'bad.csv'), '--as', email], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/422 Import refused: 1 problem\(s\) in 10000 row\(s\); nothing was applied\nrow 4322, column "city_code" \("ZZ9999C"\): no city with code ZZ9999C here/);
    expect(await dump()).toBe(before);
  });

  it('validates with --dry-run, then applies 10,000 rows with a progress bar on stderr', async () => {
    const dry = capture();
    expect(await run(['import', '--round', String(roundId), '--file', join(dir, 'scores.csv'), '--as', email, '--dry-run'], dry.io)).toBe(0);
    expect(JSON.parse(dry.out[0])).toMatchObject({ rows: 10_000, applied: 10_000, dryRun: true });
    const c = capture();
    const started = performance.now();
    expect(await run(['import', '--round', String(roundId), '--file', join(dir, 'scores.csv'), '--as', email], c.io)).toBe(0);
    const result = JSON.parse(c.out[0]);
    console.log(`citypeers import of 10,000 rows (file database, synchronous=FULL): ${Math.round(performance.now() - started)} ms (${result.seconds} s inside)`);
    expect(result).toMatchObject({ rows: 10_000, applied: 10_000, submissionsCreated: 1000 });
    expect(c.err).toContain(`validated [${'#'.repeat(30)}] 10000/10000`);
    expect(c.err).toContain(`applied   [${'#'.repeat(30)}] 10000/10000`);
    expect(c.err.filter((l) => l.startsWith('applied')).length).toBeGreaterThan(2);
  }, 60_000);

  it('exports the round to XLSX and imports it back unchanged (through the real binary)', async () => {
    const c = capture();
    expect(await run(['export-round', '--round', String(roundId), '--out', join(dir, 'round.xlsx'), '--as', email], c.io)).toBe(0);
    const sheets = await readXlsx(readFileSync(join(dir, 'round.xlsx')));
    expect(sheets[0].rows).toHaveLength(10_001);
    const before = await dump();
    const r = await runCitypeers(['import', '--round', String(roundId), '--file', 'round.xlsx', '--as', email], { cwd: dir, env: { ...process.env, DATABASE_URL: url, SEED_DEMO: '0' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 10_000, applied: 0, unchanged: 10_000 });
    expect(await dump()).toBe(before);
  }, 120_000);

  it('explains usage mistakes and access refusals with exit code 2', async () => {
    const c = capture();
    expect(await run(['import', '--file', 'x.csv', '--as', email], c.io)).toBe(2);
    expect(await run(['import', '--round', String(roundId), '--file', join(dir, 'scores.csv'), '--as', 'nobody@example.org'], c.io)).toBe(2);
    expect(await run(['export-round', '--round', String(roundId), '--out', 'x.pdf', '--as', email], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/--round must be a round id[\s\S]*no active account nobody@example.org[\s\S]*--out must name a .csv or .xlsx file/);
  });
});
