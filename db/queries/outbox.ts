/**
 * The outbox: every message the service would e-mail, kept for the app to list (no mail server
 * is reachable; a real transport can send from here later).
 *
 * @example
 * await appendOutbox(tx, { kind: 'invitation', recipient: 'a@b.example', subject: '…', body: '…', networkId: 1 });
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';
import type { Executor } from './auth';

export type OutboxMessage = typeof outbox.$inferInsert;

export async function appendOutbox(db: Executor, message: OutboxMessage) {
  const [row] = await db.insert(outbox).values(message).returning();
  return row;
}

export async function networkOutbox(db: Db, networkId: number, limit = 200) {
  return db.select().from(outbox).where(eq(outbox.networkId, networkId)).orderBy(desc(outbox.id)).limit(limit);
}
