/**
 * Writes one audit entry for the request's principal, in the caller's transaction so the entry
 * and the change land together or not at all. Never pass passwords or tokens in values.
 *
 * @example
 * await audit(tx, access, { action: 'scores.update', entityType: 'submission', entityId: 7, cityId: 12, oldValue, newValue });
 */
import type { Executor } from '../../db/queries/auth';
import { appendAudit, type AuditEntry } from '../../db/queries/audit';
import type { Access } from '../auth/access';
import { actorLabel } from '../auth/principal';

export interface AuditFields {
  action: string;
  entityType?: string;
  entityId?: number | string;
  networkId?: number | null;
  cityId?: number | null;
  oldValue?: unknown;
  newValue?: unknown;
  /** Overrides the principal's label (e.g. the email of a failed login). */
  actor?: string;
}

export async function audit(db: Executor, access: Access, f: AuditFields) {
  await appendAudit(db, auditEntry(access, f));
}

/** The row an audit call writes (also used by bulk imports, which write many at once). */
export function auditEntry(access: Access, f: AuditFields): AuditEntry {
  const p = access.principal;
  return {
    at: new Date().toISOString(),
    actorUserId: p.kind === 'user' ? p.userId : null,
    actorLabel: f.actor ?? actorLabel(p),
    action: f.action,
    entityType: f.entityType ?? null,
    entityId: f.entityId === undefined ? null : String(f.entityId),
    networkId: f.networkId ?? null,
    cityId: f.cityId ?? null,
    oldValue: f.oldValue ?? null,
    newValue: f.newValue ?? null,
    clientAddress: access.origin.clientAddress,
    requestId: access.origin.requestId,
  };
}
