/**
 * Submissions: read one with its answers, create one, write scores, submit.
 * Every write checks the round is open, the submission is editable, and the If-Match version.
 *
 * @example
 * await writeScores(db, 7, 3, [{ indicatorId: 1, value: 3, evidenceText: 'Council minutes 2024-03-12' }]);
 */
import type { Db } from '../../db/client';
import { findCity } from '../../db/queries/cities';
import { frameworkIndicators } from '../../db/queries/frameworks';
import { cityMemberships } from '../../db/queries/cities';
import { findRound } from '../../db/queries/rounds';
import { bumpSubmissionVersion, findSubmission, findSubmissionFor, upsertScores, type ScoreWrite } from '../../db/queries/submissions';
import { submissions } from '../../db/schema';
import { conflict, invalid, notFound, type FieldError } from '../errors';
import { stale } from '../etag';
import { checkScoreValue } from './score-rules';

const EDITABLE = ['draft', 'returned'] as const;

export async function getSubmission(db: Db, id: number) {
  const sub = await findSubmission(db, id);
  if (!sub) throw notFound('submission', id);
  const { scores, ...rest } = sub;
  return {
    ...rest,
    scores: scores.map(({ submissionId: _s, evidence, ...score }) => ({
      ...score,
      evidence: evidence.map(({ scoreId: _sc, position: _p, ...e }) => e),
    })),
  };
}

async function openRound(db: Db, roundId: number) {
  const row = await findRound(db, roundId);
  if (!row) throw notFound('round', roundId);
  if (row.round.status !== 'open') throw conflict(`Round ${roundId} is ${row.round.status}; answers can only change while it is open`, { roundStatus: row.round.status });
  return row.round;
}

export async function createSubmission(db: Db, roundId: number, cityId: number) {
  const round = await openRound(db, roundId);
  if (!(await findCity(db, cityId))) throw invalid([{ pointer: 'body.cityId', detail: `no city with id ${cityId}` }]);
  const member = (await cityMemberships(db, cityId)).some((m) => m.membership.networkId === round.networkId && m.membership.status === 'member');
  if (!member) throw conflict(`City ${cityId} is not a member of the round's network`);
  if (await findSubmissionFor(db, roundId, cityId)) throw conflict(`City ${cityId} already has a submission in round ${roundId}`);
  const [row] = await db.insert(submissions).values({ roundId, cityId }).returning({ id: submissions.id });
  return getSubmission(db, row.id);
}

export async function writeScores(db: Db, id: number, expected: number, writes: ScoreWrite[]) {
  const sub = await findSubmission(db, id);
  if (!sub) throw notFound('submission', id);
  const round = await openRound(db, sub.roundId);
  if (!EDITABLE.includes(sub.status as (typeof EDITABLE)[number])) throw conflict(`Submission ${id} is ${sub.status}; only draft or returned submissions can be edited`);
  const indicators = new Map((await frameworkIndicators(db, round.frameworkId)).map((i) => [i.id, i]));
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  writes.forEach((w, i) => {
    const indicator = indicators.get(w.indicatorId);
    if (!indicator) return errors.push({ pointer: `body.scores.${i}.indicatorId`, detail: `indicator ${w.indicatorId} is not part of this round's framework` });
    if (seen.has(w.indicatorId)) errors.push({ pointer: `body.scores.${i}.indicatorId`, detail: `indicator ${w.indicatorId} is given twice` });
    seen.add(w.indicatorId);
    const problem = checkScoreValue(indicator, w.value);
    if (problem) errors.push({ pointer: `body.scores.${i}.value`, detail: problem });
  });
  if (errors.length > 0) throw invalid(errors);
  if (sub.version !== expected) throw stale('submission', id);
  await db.transaction(async (tx) => {
    if (!(await bumpSubmissionVersion(tx, id, expected))) throw stale('submission', id);
    await upsertScores(tx, id, writes);
  });
  return getSubmission(db, id);
}

export async function submitSubmission(db: Db, id: number, expected: number) {
  const sub = await findSubmission(db, id);
  if (!sub) throw notFound('submission', id);
  await openRound(db, sub.roundId);
  if (!EDITABLE.includes(sub.status as (typeof EDITABLE)[number])) {
    throw conflict(`Submission ${id} is ${sub.status}; it can be submitted from draft or returned`, { allowed: [] });
  }
  if (!(await bumpSubmissionVersion(db, id, expected, { status: 'submitted', submittedAt: new Date().toISOString() }))) throw stale('submission', id);
  return getSubmission(db, id);
}
