/**
 * Opens DATABASE_URL (migrated) and acts as an account, with the same access rules as the API.
 *
 * @example
 * await withAccountAccess('admin@city.example', async (access) => importScores(access, 7, bytes));
 */
import { createDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { activeGrants, findUserByEmail } from '../../db/queries/auth';
import { Access } from '../auth/access';
import { readEnv } from '../env';
import { UsageError } from './io';

export async function withAccountAccess<T>(email: string, run: (access: Access) => Promise<T>): Promise<T> {
  const env = readEnv(process.env);
  const handle = await createDb({ url: env.databaseUrl, authToken: env.databaseAuthToken, syncUrl: env.databaseSyncUrl });
  try {
    await migrateDb(handle.db);
    const user = await findUserByEmail(handle.db, email.trim().toLowerCase());
    if (!user || user.disabledAt) throw new UsageError(`no active account ${email}`);
    const grants = (await activeGrants(handle.db, user.id)).map(({ role, networkId, cityId }) => ({ role, networkId, cityId }));
    return await run(new Access(handle.db, { kind: 'user', userId: user.id, email: user.email, name: user.name, grants, via: 'session' }, { clientAddress: 'command line', requestId: '' }));
  } finally {
    handle.close();
  }
}
