/**
 * A fresh embedded database for the reliability harnesses: migrated, demo network seeded, with a
 * bearer token for the secretariat admin, and the open round's editable submissions.
 *
 * @example
 * const p = await prepareDatabase('/tmp/x/crash.db'); // { url, adminToken, submissions: [{ id, indicators }] }
 */
import { and, eq, inArray } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { activeGrants } from '../../db/queries/auth';
import { frameworkIndicators } from '../../db/queries/frameworks';
import { migrateDb } from '../../db/migrate';
import { rounds, submissions, users } from '../../db/schema';
import { seed } from '../../seeds';
import { issueToken } from '../../server/auth/tokens';
import type { Indicator } from '../../db/schema';

export interface Prepared {
  url: string;
  adminToken: string;
  submissions: { id: number; frameworkId: number; indicators: Indicator[] }[];
}

export async function prepareDatabase(path: string, howMany = 4): Promise<Prepared> {
  const url = `file:${path}`;
  const handle = await createDb({ url });
  try {
    await migrateDb(handle.db);
    await seed(handle.db);
    const admin = (await handle.db.select().from(users).where(eq(users.email, 'admin@demo.citypeers.example')))[0];
    const [grant] = await activeGrants(handle.db, admin.id);
    const { token } = await issueToken(handle.db, admin.id, { ...grant, name: 'reliability harness', expiresInDays: 7 });
    const open = await handle.db.select().from(rounds).where(eq(rounds.status, 'open'));
    const subs = await handle.db
      .select()
      .from(submissions)
      .where(and(inArray(submissions.roundId, open.map((r) => r.id)), inArray(submissions.status, ['draft', 'returned'])))
      .orderBy(submissions.id)
      .limit(howMany);
    if (subs.length === 0) throw new Error('the demo seed has no editable submission in an open round');
    const out = [];
    for (const s of subs) {
      const frameworkId = open.find((r) => r.id === s.roundId)!.frameworkId;
      out.push({ id: s.id, frameworkId, indicators: await frameworkIndicators(handle.db, frameworkId) });
    }
    return { url, adminToken: token, submissions: out };
  } finally {
    handle.close();
  }
}

/** A value the indicator accepts, drawn from `u` in [0, 1). */
export function validValue(indicator: Pick<Indicator, 'scale' | 'levels' | 'minValue' | 'maxValue'>, u: number): number {
  switch (indicator.scale) {
    case 'ordinal':
      return Math.floor(u * indicator.levels.length);
    case 'yes_no':
      return u < 0.5 ? 0 : 1;
    case 'percentage':
      return Math.round(u * 1000) / 10;
    case 'number': {
      const lo = indicator.minValue ?? 0;
      const hi = indicator.maxValue ?? lo + 1000;
      return Math.round(lo + u * (hi - lo));
    }
  }
}
