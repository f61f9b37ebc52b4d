/**
 * The raw material of a round's analytics: its cities, answers and context values, read in a few
 * flat queries, and the submissions changed since a data version (for incremental refreshes).
 *
 * @example
 * const cities = await roundCities(db, 3, 1);
 */
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { cities, contextValues, contextVariables, evidence, memberships, scores, submissions } from '../schema';

/** Cities of a round: the network's members plus every city with a submission in the round (`submitted`). */
export async function roundCities(db: Db, roundId: number, networkId: number) {
  const submitted = sql<number>`EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = ${roundId} AND s.city_id = "cities"."id")`.mapWith(Boolean);
  return db
    .select({ id: cities.id, name: cities.name, countryCode: cities.countryCode, lat: cities.lat, lon: cities.lon, population: cities.population, languages: cities.languages, submitted })
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

/** Submissions of a round changed after a given `answers` data version (stamped by triggers). */
export async function changedSubmissions(db: Db, roundId: number, sinceAnswers: number) {
  return db
    .select({ id: submissions.id, cityId: submissions.cityId, status: submissions.status })
    .from(submissions)
    .where(and(eq(submissions.roundId, roundId), gt(submissions.answersSeq, sinceAnswers)));
}

/** The answers of some submissions. */
export async function submissionAnswers(db: Db, submissionIds: number[]) {
  if (submissionIds.length === 0) return [];
  return db.select({ submissionId: scores.submissionId, indicatorId: scores.indicatorId, value: scores.value }).from(scores).where(inArray(scores.submissionId, submissionIds));
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
