/**
 * Who hears about requests to a host city: its coordinator in the network, else the network's
 * secretariat admins.
 *
 * @example
 * await hostRecipients(tx, 1, 12); // ['coordinator@oslo.example']
 */
import { and, eq, isNull } from 'drizzle-orm';
import { memberships, roleGrants, users } from '../schema';
import type { Executor } from './auth';

export async function hostRecipients(db: Executor, networkId: number, cityId: number): Promise<string[]> {
  const [m] = await db
    .select({ email: memberships.coordinatorEmail })
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.cityId, cityId)));
  if (m?.email) return [m.email];
  const admins = await db
    .selectDistinct({ email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.networkId, networkId), eq(roleGrants.role, 'secretariat_admin'), isNull(roleGrants.revokedAt), isNull(users.disabledAt)));
  return admins.map((a) => a.email).sort();
}
