/**
 * A synthetic network for bulk tests: `cityCount` member cities (Eurostat-like codes ZZ0001C…),
 * a framework of `indicatorCount` ordinal indicators (levels 0–4), an open round, and a
 * secretariat admin with a bearer token. Inserted in batches of 200 rows.
 */
import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import { issueToken } from '../../server/auth/tokens';

async function insertAll<T extends Record<string, unknown>>(db: Db, table: Parameters<Db['insert']>[0], rows: T[]) {
  const out: { id: number }[] = [];
  for (let i = 0; i < rows.length; i += 200) out.push(...((await db.insert(table).values(rows.slice(i, i + 200) as never).returning()) as { id: number }[]));
  return out;
}

export const cityCode = (i: number) => `ZZ${String(i + 1).padStart(4, '0')}C`;

export async function insertBigNetwork(db: Db, cityCount: number, indicatorCount: number) {
  const [net] = await db.insert(t.networks).values({ slug: 'big-net', name: 'Big network' }).returning();
  const cities = await insertAll(db, t.cities, Array.from({ length: cityCount }, (_, i) => ({ name: `City ${i + 1}`, countryCode: 'ZZ', eurostatCode: cityCode(i) })));
  await insertAll(db, t.memberships, cities.map((c) => ({ networkId: net.id, cityId: c.id, status: 'member' as const })));
  const [fw] = await db.insert(t.frameworks).values({ slug: 'big-fw', version: '1', name: 'Big framework' }).returning();
  const [area] = await db.insert(t.frameworkAreas).values({ frameworkId: fw.id, code: 'A', position: 1, name: 'Area' }).returning();
  const levels = ['none', 'planned', 'partly', 'largely', 'fully'].map((label, value) => ({ value, label }));
  const indicators = await insertAll(db, t.indicators, Array.from({ length: indicatorCount }, (_, i) => ({ frameworkId: fw.id, areaId: area.id, code: `K${String(i + 1).padStart(2, '0')}`, position: i + 1, statement: `Key factor ${i + 1}`, scale: 'ordinal' as const, levels })));
  const [round] = await db.insert(t.rounds).values({ networkId: net.id, frameworkId: fw.id, year: 2025, name: 'Big round 2025', status: 'open' }).returning();
  const [admin] = await db.insert(t.users).values({ email: 'big-admin@fixture.example', name: 'Big admin' }).returning();
  const grant = { role: 'secretariat_admin' as const, networkId: net.id, cityId: null };
  await db.insert(t.roleGrants).values({ userId: admin.id, ...grant });
  const { token } = await issueToken(db, admin.id, { ...grant, name: 'big', expiresInDays: 1 });
  return { net, cities, indicators, round, admin: { email: admin.email, headers: { authorization: `Bearer ${token}` } } };
}

/** A long-format CSV with one row per city × indicator, values from a simple deterministic rule. */
export function bigScoresCsv(cityCount: number, indicatorCount: number): string {
  const lines = ['city_code,indicator_code,value,evidence_text,note'];
  for (let c = 0; c < cityCount; c++) for (let i = 0; i < indicatorCount; i++) lines.push(`${cityCode(c)},K${String(i + 1).padStart(2, '0')},${(c + i) % 5},"Council minutes ${c}, item ${i}",`);
  return lines.join('\n') + '\n';
}
