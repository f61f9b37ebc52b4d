/**
 * Monitoring rounds and their submissions.
 *
 * @example
 * const list = await listRounds(db, { networkId: 1 });
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { cities, frameworks, rounds, submissions } from '../schema';

const submissionCount = sql<number>`(SELECT count(*) FROM submissions s WHERE s.round_id = "rounds"."id")`;

export async function listRounds(db: Db, filter: { networkId?: number; status?: (typeof rounds.$inferSelect)['status'] }) {
  return db
    .select({ round: rounds, frameworkName: frameworks.name, frameworkVersion: frameworks.version, submissionCount })
    .from(rounds)
    .innerJoin(frameworks, eq(frameworks.id, rounds.frameworkId))
    .where(
      and(
        filter.networkId !== undefined ? eq(rounds.networkId, filter.networkId) : undefined,
        filter.status ? eq(rounds.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(rounds.year), asc(rounds.id));
}

export async function findRound(db: Db, id: number) {
  const [row] = await db
    .select({ round: rounds, frameworkName: frameworks.name, frameworkVersion: frameworks.version, submissionCount })
    .from(rounds)
    .innerJoin(frameworks, eq(frameworks.id, rounds.frameworkId))
    .where(eq(rounds.id, id));
  return row;
}

const answeredCount = sql<number>`(SELECT count(*) FROM scores sc WHERE sc.submission_id = "submissions"."id" AND sc.value IS NOT NULL)`;

export async function roundSubmissions(db: Db, roundId: number) {
  return db
    .select({ submission: submissions, cityName: cities.name, countryCode: cities.countryCode, answeredCount })
    .from(submissions)
    .innerJoin(cities, eq(cities.id, submissions.cityId))
    .where(eq(submissions.roundId, roundId))
    .orderBy(asc(cities.name));
}

export async function citySubmissions(db: Db, cityId: number) {
  return db
    .select({ submission: submissions, round: rounds, frameworkName: frameworks.name, answeredCount })
    .from(submissions)
    .innerJoin(rounds, eq(rounds.id, submissions.roundId))
    .innerJoin(frameworks, eq(frameworks.id, rounds.frameworkId))
    .where(eq(submissions.cityId, cityId))
    .orderBy(desc(rounds.year), asc(rounds.id));
}
