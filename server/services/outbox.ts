/**
 * The outbox as the secretariat sees it.
 *
 * @example
 * await getOutbox(access, 1); // newest first
 */
import { networkOutbox } from '../../db/queries/outbox';
import type { Access } from '../auth/access';
import { getNetwork } from './networks';

export async function getOutbox(access: Access, networkId: number) {
  await getNetwork(access.db, networkId);
  access.requireAdmin(networkId);
  return networkOutbox(access.db, networkId);
}
