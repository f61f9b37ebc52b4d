/**
 * Reading the audit log: a secretariat sees the entries of the networks it administers.
 *
 * @example
 * await getAudit(access, { action: 'auth.login_failed', page: 1, pageSize: 50 });
 */
import { listAudit } from '../../db/queries/audit';
import type { Access } from '../auth/access';
import { adminNetworks } from '../auth/principal';

export interface AuditQuery {
  network?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  city?: number;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function getAudit(access: Access, q: AuditQuery) {
  const mine = adminNetworks(access.principal);
  if (mine.length === 0) access.deny('Only a network secretariat can read the audit log');
  if (q.network !== undefined && !mine.includes(q.network)) access.deny(`You are not the secretariat of network ${q.network}`);
  const { items, total } = await listAudit(access.db, { networkIds: q.network !== undefined ? [q.network] : mine, action: q.action, entityType: q.entityType, entityId: q.entityId, cityId: q.city, actor: q.actor, from: q.from, to: q.to, page: q.page, pageSize: q.pageSize });
  return { items, total, page: q.page, pageSize: q.pageSize };
}
