/**
 * One submission with its scores and evidence, and the writes that change them.
 *
 * @example
 * const sub = await findSubmission(db, 7); // { ...submission, scores: [{ ..., evidence: [...] }] }
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { evidence, scores, submissions } from '../schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Executor = Db | Tx;

export async function findSubmission(db: Executor, id: number) {
  return db.query.submissions.findFirst({
    where: eq(submissions.id, id),
    with: { scores: { orderBy: asc(scores.indicatorId), with: { evidence: { orderBy: asc(evidence.position) } } } },
  });
}

export async function findSubmissionFor(db: Executor, roundId: number, cityId: number) {
  return db.query.submissions.findFirst({ where: and(eq(submissions.roundId, roundId), eq(submissions.cityId, cityId)) });
}

/**
 * Raises the version only if it still equals `expected`; returns false when someone else wrote first.
 */
export async function bumpSubmissionVersion(tx: Executor, id: number, expected: number, set: Partial<typeof submissions.$inferInsert> = {}) {
  const result = await tx
    .update(submissions)
    .set({ ...set, version: sql`${submissions.version} + 1`, updatedAt: new Date().toISOString() })
    .where(and(eq(submissions.id, id), eq(submissions.version, expected)));
  return result.rowsAffected === 1;
}

export interface ScoreWrite {
  indicatorId: number;
  value: number | null;
  evidenceText?: string | null;
  note?: string | null;
  evidence?: { documentType: (typeof evidence.$inferInsert)['documentType']; title: string; url?: string | null }[];
}

/** Inserts or replaces the given indicators' answers; evidence lists, when given, replace the old ones. */
export async function upsertScores(tx: Executor, submissionId: number, writes: ScoreWrite[]) {
  const now = new Date().toISOString();
  for (const w of writes) {
    const [row] = await tx
      .insert(scores)
      .values({ submissionId, indicatorId: w.indicatorId, value: w.value, evidenceText: w.evidenceText ?? null, note: w.note ?? null, updatedAt: now })
      .onConflictDoUpdate({
        target: [scores.submissionId, scores.indicatorId],
        set: {
          value: w.value,
          ...(w.evidenceText !== undefined ? { evidenceText: w.evidenceText } : {}),
          ...(w.note !== undefined ? { note: w.note } : {}),
          updatedAt: now,
        },
      })
      .returning({ id: scores.id });
    if (w.evidence) {
      await tx.delete(evidence).where(eq(evidence.scoreId, row.id));
      if (w.evidence.length > 0) {
        await tx.insert(evidence).values(w.evidence.map((e, position) => ({ scoreId: row.id, position, documentType: e.documentType, title: e.title, url: e.url ?? null })));
      }
    }
  }
}

/** The secretariat's comments per indicator when returning a submission (an unanswered indicator gets an empty answer row). */
export async function setReviewComments(tx: Executor, submissionId: number, comments: { indicatorId: number; comment: string }[]) {
  for (const c of comments) {
    await tx
      .insert(scores)
      .values({ submissionId, indicatorId: c.indicatorId, value: null, reviewComment: c.comment })
      .onConflictDoUpdate({ target: [scores.submissionId, scores.indicatorId], set: { reviewComment: c.comment } });
  }
}

export async function clearReviewComments(tx: Executor, submissionId: number) {
  await tx.update(scores).set({ reviewComment: null }).where(eq(scores.submissionId, submissionId));
}
