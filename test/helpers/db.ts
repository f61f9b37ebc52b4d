/** A fresh in-memory libSQL database with the real migrations applied. */
import { createDb, type DbHandle } from '../../db/client';
import { migrateDb } from '../../db/migrate';

export async function freshDb(url = ':memory:'): Promise<DbHandle> {
  const handle = await createDb({ url });
  await migrateDb(handle.db);
  return handle;
}
