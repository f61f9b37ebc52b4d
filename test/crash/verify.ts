/**
 * Checks a database after a crash, through a fresh connection (which runs WAL recovery):
 * - `PRAGMA integrity_check` is ok;
 * - every acknowledged write is present: its audit entry (same transaction as the write) exists
 *   with its version and marker, and the score rows hold the last committed write per indicator;
 * - versions only grow: a submission's `scores.update` audit chain goes v → v+1 without a gap or a
 *   repeat (a repeat would be a lost update), ends at the row's version, which is ≥ every version seen;
 * - a submission's scores all belong to its framework's indicators.
 *
 * @example
 * const problems = await verifyDatabase('file:/tmp/x.db', stats, prepared); // [] when all is well
 */
import { and, eq, inArray } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { auditLog, scores, submissions } from '../../db/schema';
import type { Prepared } from './prepare';
import type { Ack } from './writers';

interface ScoreAudit {
  version: number;
  scores: { indicatorId: number; value: number | null; evidenceText?: string }[];
}

export async function verifyDatabase(url: string, acks: Ack[], seenVersions: Map<number, number>, prepared: Prepared): Promise<string[]> {
  const problems: string[] = [];
  const handle = await createDb({ url });
  try {
    const integrity = await handle.client.execute('PRAGMA integrity_check');
    if (integrity.rows[0]?.[0] !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity.rows)}`);
    const ids = prepared.submissions.map((s) => s.id);
    const entries = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'submission'), inArray(auditLog.entityId, ids.map(String)), eq(auditLog.action, 'scores.update')))
      .orderBy(auditLog.id);
    const rows = await handle.db.select().from(submissions).where(inArray(submissions.id, ids));
    const scoreRows = await handle.db.select().from(scores).where(inArray(scores.submissionId, ids));
    const markers = new Set<string>();
    for (const s of prepared.submissions) {
      const row = rows.find((r) => r.id === s.id)!;
      const chain = entries.filter((e) => e.entityId === String(s.id)).map((e) => ({ old: e.oldValue as ScoreAudit, now: e.newValue as ScoreAudit }));
      chain.forEach((c, i) => {
        if (c.now.version !== c.old.version + 1) problems.push(`submission ${s.id}: audit step ${c.old.version} → ${c.now.version}`);
        if (i > 0 && c.old.version !== chain[i - 1].now.version) problems.push(`submission ${s.id}: version ${c.old.version} written twice or skipped (after ${chain[i - 1].now.version})`);
        for (const w of c.now.scores) if (w.evidenceText) markers.add(`${s.id}|${c.now.version}|${w.evidenceText}`);
      });
      const last = chain.at(-1)?.now.version;
      if (last !== undefined && row.version !== last) problems.push(`submission ${s.id}: row version ${row.version} but audit ends at ${last}`);
      if (row.version < (seenVersions.get(s.id) ?? 0)) problems.push(`submission ${s.id}: version went back from ${seenVersions.get(s.id)} to ${row.version}`);
      const allowed = new Set(s.indicators.map((i) => i.id));
      const mine = scoreRows.filter((r) => r.submissionId === s.id);
      for (const r of mine) if (!allowed.has(r.indicatorId)) problems.push(`submission ${s.id}: score for indicator ${r.indicatorId} outside framework ${s.frameworkId}`);
      // each indicator holds the last committed write that touched it
      const lastWrite = new Map<number, { value: number | null; evidenceText?: string }>();
      for (const c of chain) for (const w of c.now.scores) lastWrite.set(w.indicatorId, w);
      for (const [indicatorId, w] of lastWrite) {
        const r = mine.find((x) => x.indicatorId === indicatorId);
        if (!r || r.value !== w.value || r.evidenceText !== (w.evidenceText ?? r.evidenceText)) problems.push(`submission ${s.id} indicator ${indicatorId}: row ${JSON.stringify(r && { value: r.value, evidenceText: r.evidenceText })} but last committed write ${JSON.stringify(w)}`);
      }
    }
    for (const a of acks) if (!markers.has(`${a.submissionId}|${a.version}|${a.marker}`)) problems.push(`LOST acknowledged write ${a.marker} (submission ${a.submissionId} v${a.version})`);
  } finally {
    handle.close();
  }
  return problems;
}
