/**
 * The raw material of a round's analytics: its cities, answers and context values, read in a few
 * flat queries, plus a cheap fingerprint that changes whenever any of them changes.
 *
 * @example
 * const version = await roundDataVersion(db, 3); // { context: 17, roster: 325, answers: 4135, round: 2 }
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { cities, contextValues, contextVariables, evidence, memberships, scores, submissions } from '../schema';

/** Cities of a round: the network's members plus every city with a submission in the round. */
export async function roundCities(db: Db, roundId: number, networkId: number) {
  return db
    .select({ id: cities.id, name: cities.name, countryCode: cities.countryCode, lat: cities.lat, lon: cities.lon, population: cities.population, languages: cities.languages })
    .from(cities)
    .where(
      or(
        inArray(cities.id, db.select({ id: memberships.cityId }).from(memberships).where(and(eq(memberships.networkId, networkId), eq(memberships.status, 'member')))),
        inArray(cities.id, db.select({ id: submissions.cityId }).from(submissions).where(eq(submissions.roundId, roundId))),
      ),
    )
    .orderBy(asc(cities.id));
}

/** Answers of a round; once a round is validated or published only validated/published submissions count. */
export async function roundAnswers(db: Db, roundId: number, roundStatus: string) {
  const final = roundStatus === 'validated' || roundStatus === 'published';
  return db
    .select({ cityId: submissions.cityId, submissionStatus: submissions.status, demo: submissions.demo, indicatorId: scores.indicatorId, value: scores.value, hasEvidence: sql<number>`${scores.evidenceText} IS NOT NULL` })
    .from(scores)
    .innerJoin(submissions, eq(submissions.id, scores.submissionId))
    .where(and(eq(submissions.roundId, roundId), final ? inArray(submissions.status, ['validated', 'published']) : undefined));
}

export async function allContextValues(db: Db) {
  return db
    .select({ cityId: contextValues.cityId, variableId: contextValues.variableId, year: contextValues.year, valueNum: contextValues.valueNum, valueText: contextValues.valueText, demo: contextValues.demo })
    .from(contextValues);
}

export async function contextCatalogue(db: Db) {
  return db.select().from(contextVariables).orderBy(asc(contextVariables.position), asc(contextVariables.id));
}

/** The evidence a city gave for some indicators of a round (text and documents). */
export async function answerEvidence(db: Db, roundId: number, cityIds: number[], indicatorIds: number[]) {
  if (cityIds.length === 0 || indicatorIds.length === 0) return [];
  return db
    .select({ cityId: submissions.cityId, indicatorId: scores.indicatorId, evidenceText: scores.evidenceText, documentType: evidence.documentType, title: evidence.title, url: evidence.url })
    .from(scores)
    .innerJoin(submissions, eq(submissions.id, scores.submissionId))
    .leftJoin(evidence, eq(evidence.scoreId, scores.id))
    .where(and(eq(submissions.roundId, roundId), inArray(submissions.cityId, cityIds), inArray(scores.indicatorId, indicatorIds)))
    .orderBy(asc(submissions.cityId), asc(scores.indicatorId), asc(evidence.position));
}

/**
 * The counters that change whenever context data (cities, memberships, context values), the set of
 * submissions (roster) or answers (submissions, scores) change, kept by triggers, plus the round's
 * own version: four integer reads.
 */
export async function roundDataVersion(db: Db, roundId: number): Promise<{ context: number; roster: number; answers: number; round: number }> {
  const [row] = await db.all<{ context: number; roster: number; answers: number; round: number }>(sql`
    SELECT (SELECT version FROM data_versions WHERE key = 'context') AS context,
           (SELECT version FROM data_versions WHERE key = 'roster') AS roster,
           (SELECT version FROM data_versions WHERE key = 'answers') AS answers,
           (SELECT version FROM rounds WHERE id = ${roundId}) AS round`);
  return { context: Number(row.context), roster: Number(row.roster), answers: Number(row.answers), round: row.round === null ? NaN : Number(row.round) };
}
