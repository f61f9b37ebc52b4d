/**
 * Audit entries for bulk imports, written in batches inside the import's transaction: the rows
 * `audit()` would write (server/services/audit.ts `auditEntry`), thousands at once.
 *
 * @example
 * const log = new AuditBatch(access);
 * log.add({ action: 'scores.import', entityType: 'submission', entityId: 7, oldValue, newValue });
 * await log.write(tx);
 */
import type { Executor } from '../../../db/queries/auth';
import { appendAuditRows } from '../../../db/queries/imports';
import type { Access } from '../../auth/access';
import { auditEntry, type AuditFields } from '../audit';

export class AuditBatch {
  readonly #entries: Parameters<typeof appendAuditRows>[1] = [];

  constructor(readonly access: Access) {}

  add(f: Omit<AuditFields, 'actor'>) {
    this.#entries.push(auditEntry(this.access, f));
  }

  write(tx: Executor) {
    return appendAuditRows(tx, this.#entries);
  }
}
