/**
 * Grows the demo network to `total` member cities, deterministically (seeded): each synthetic
 * city copies a real member's country and context values with ±15 % noise on numbers, so the
 * peers, round matrix and profile endpoints work on a network of the size a big deployment has.
 * For the HTTP bench only; the demo seed is untouched.
 *
 * @example
 * await growNetwork('file:/tmp/bench.db', 10_000, 42); // → 10000
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { createRandom } from '../../../analytics/random';
import { createDb } from '../../../db/client';
import { cities, contextValues, memberships, networks } from '../../../db/schema';
import { DEMO_NETWORK_SLUG } from '../../../seeds';

export async function growNetwork(url: string, total: number, seed = 42): Promise<number> {
  const handle = await createDb({ url });
  const { db } = handle;
  try {
    const [net] = await db.select().from(networks).where(eq(networks.slug, DEMO_NETWORK_SLUG));
    const members = await db.select({ cityId: memberships.cityId }).from(memberships).where(eq(memberships.networkId, net.id));
    const templates = await db.select().from(cities).where(inArray(cities.id, members.map((m) => m.cityId)));
    const values = await db.select().from(contextValues).where(inArray(contextValues.cityId, templates.map((t) => t.id)));
    const valuesOf = new Map<number, typeof values>();
    for (const v of values) valuesOf.set(v.cityId, [...(valuesOf.get(v.cityId) ?? []), v]);
    const rnd = createRandom(seed);
    const noise = () => 1 + (rnd.next() - 0.5) * 0.3;
    const missing = total - members.length;
    await db.transaction(async (tx) => {
      for (let start = 0; start < missing; start += 500) {
        const batch = Array.from({ length: Math.min(500, missing - start) }, (_, i) => {
          const t = templates[rnd.int(templates.length)];
          return { template: t, row: { name: `Synthetic ${t.name} ${start + i + 1}`, countryCode: t.countryCode, lat: t.lat === null ? null : t.lat + (rnd.next() - 0.5), lon: t.lon === null ? null : t.lon + (rnd.next() - 0.5), population: t.population === null ? null : Math.round(t.population * noise()), languages: t.languages } };
        });
        const created = await tx.insert(cities).values(batch.map((b) => b.row)).returning({ id: cities.id });
        await tx.insert(memberships).values(created.map((c) => ({ networkId: net.id, cityId: c.id, status: 'member' as const, joinedOn: '2020-01-01' })));
        const copies = created.flatMap((c, i) =>
          (valuesOf.get(batch[i].template.id) ?? []).map((v) => ({ cityId: c.id, variableId: v.variableId, year: v.year, valueNum: v.valueNum === null ? null : roundLike(v.valueNum, noise()), valueText: v.valueText, source: 'synthetic (bench)', demo: true })),
        );
        for (let k = 0; k < copies.length; k += 1000) await tx.insert(contextValues).values(copies.slice(k, k + 1000));
      }
    });
    const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(memberships).where(eq(memberships.networkId, net.id));
    return n;
  } finally {
    handle.close();
  }
}

/** Scales a value but keeps 0/1 flags and small ordinal levels whole. */
function roundLike(value: number, factor: number) {
  if (Number.isInteger(value) && Math.abs(value) <= 10) return value;
  return Math.round(value * factor * 100) / 100;
}
