/**
 * Audit entries for bulk imports, written in batches inside the import's transaction: the same
 * fields as `audit()` (server/services/audit.ts), for thousands of entries at once.
 *
 * @example
 * const log = new AuditBatch(access);
 * log.add({ action: 'scores.import', entityType: 'submission', entityId: 7, oldValue, newValue });
 * await log.write(tx);
 */
import type { Executor } from '../../../db/queries/auth';
import { appendAuditRows } from '../../../db/queries/imports';
import type { Access } from '../../auth/access';
import { actorLabel } from '../../auth/principal';
import type { AuditFields } from '../audit';

export class AuditBatch {
  readonly #entries: Parameters<typeof appendAuditRows>[1] = [];

  constructor(readonly access: Access) {}

  add(f: Omit<AuditFields, 'actor'>) {
    const p = this.access.principal;
    this.#entries.push({
      at: new Date().toISOString(),
      actorUserId: p.kind === 'user' ? p.userId : null,
      actorLabel: actorLabel(p),
      action: f.action,
      entityType: f.entityType ?? null,
      entityId: f.entityId === undefined ? null : String(f.entityId),
      networkId: f.networkId ?? null,
      cityId: f.cityId ?? null,
      oldValue: f.oldValue ?? null,
      newValue: f.newValue ?? null,
      clientAddress: this.access.origin.clientAddress,
      requestId: this.access.origin.requestId,
    });
  }

  write(tx: Executor) {
    return appendAuditRows(tx, this.#entries);
  }
}
