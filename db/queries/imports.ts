/**
 * Bulk reads and writes for spreadsheet imports: whole-round lookups loaded once, and batched
 * writes of ~200 rows per statement, all inside the caller's transaction.
 *
 * @example
 * const cities = await networkCities(tx, 1); // every city with a membership in network 1
 * await upsertScoreRows(tx, rows); // 10,000 answers in 50 statements
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from './auth';
import { auditLog, cities, contextValues, indicators, memberships, scores, submissions } from '../schema';

const CHUNK = 200;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Cities with a membership (any status) in a network, with that status. */
export async function networkCities(db: Executor, networkId: number) {
  return db
    .select({ id: cities.id, name: cities.name, eurostatCode: cities.eurostatCode, countryCode: cities.countryCode, status: memberships.status })
    .from(memberships)
    .innerJoin(cities, eq(cities.id, memberships.cityId))
    .where(eq(memberships.networkId, networkId))
    .orderBy(asc(cities.name), asc(cities.id));
}

/** Cities by id or Eurostat code (for rows naming cities outside the caller's networks). */
export async function citiesByKeys(db: Executor, ids: number[], codes: string[]) {
  const out = [];
  for (const part of chunks(ids)) out.push(...(await db.select({ id: cities.id, name: cities.name, eurostatCode: cities.eurostatCode }).from(cities).where(inArray(cities.id, part))));
  for (const part of chunks(codes)) out.push(...(await db.select({ id: cities.id, name: cities.name, eurostatCode: cities.eurostatCode }).from(cities).where(inArray(cities.eurostatCode, part))));
  return out;
}

export async function roundSubmissionStates(db: Executor, roundId: number) {
  return db.select({ id: submissions.id, cityId: submissions.cityId, status: submissions.status, version: submissions.version, demo: submissions.demo }).from(submissions).where(eq(submissions.roundId, roundId));
}

/** Every answer of a round, with the submission's city. */
export async function roundScoreRows(db: Executor, roundId: number) {
  return db
    .select({ submissionId: scores.submissionId, cityId: submissions.cityId, indicatorId: scores.indicatorId, value: scores.value, evidenceText: scores.evidenceText, note: scores.note })
    .from(scores)
    .innerJoin(submissions, eq(submissions.id, scores.submissionId))
    .where(eq(submissions.roundId, roundId));
}

export async function frameworkIndicatorList(db: Executor, frameworkId: number) {
  return db.select().from(indicators).where(eq(indicators.frameworkId, frameworkId)).orderBy(asc(indicators.position));
}

/** Creates draft submissions; returns their ids by city. */
export async function insertDraftSubmissions(tx: Executor, roundId: number, cityIds: number[]) {
  const created = new Map<number, number>();
  for (const part of chunks(cityIds)) {
    const rows = await tx.insert(submissions).values(part.map((cityId) => ({ roundId, cityId }))).returning({ id: submissions.id, cityId: submissions.cityId });
    for (const r of rows) created.set(r.cityId, r.id);
  }
  return created;
}

export interface ScoreRow {
  submissionId: number;
  indicatorId: number;
  value: number | null;
  evidenceText: string | null;
  note: string | null;
}

/** Inserts or replaces answers (value, evidence text, note), 200 per statement. */
export async function upsertScoreRows(tx: Executor, rows: ScoreRow[], onChunk: (done: number) => void = () => {}) {
  const now = new Date().toISOString();
  let done = 0;
  for (const part of chunks(rows)) {
    await tx
      .insert(scores)
      .values(part.map((r) => ({ ...r, updatedAt: now })))
      .onConflictDoUpdate({
        target: [scores.submissionId, scores.indicatorId],
        set: { value: sql`excluded.value`, evidenceText: sql`excluded.evidence_text`, note: sql`excluded.note`, updatedAt: now },
      });
    onChunk((done += part.length));
  }
}

/** Raises each submission's version by one (the caller holds the transaction that read them). */
export async function bumpSubmissionVersions(tx: Executor, ids: number[]) {
  const now = new Date().toISOString();
  for (const part of chunks(ids)) await tx.update(submissions).set({ version: sql`${submissions.version} + 1`, updatedAt: now }).where(inArray(submissions.id, part));
}

/** Every context value of the given cities. */
export async function contextValuesOfCities(db: Executor, cityIds: number[]) {
  const out = [];
  for (const part of chunks(cityIds)) out.push(...(await db.select().from(contextValues).where(inArray(contextValues.cityId, part))));
  return out;
}

export type ContextValueRow = Omit<typeof contextValues.$inferInsert, 'id'>;

/** Inserts or replaces context values by (city, variable, year), 200 per statement. */
export async function upsertContextValueRows(tx: Executor, rows: ContextValueRow[]) {
  for (const part of chunks(rows)) {
    await tx
      .insert(contextValues)
      .values(part)
      .onConflictDoUpdate({
        target: [contextValues.cityId, contextValues.variableId, contextValues.year],
        set: { valueNum: sql`excluded.value_num`, valueText: sql`excluded.value_text`, source: sql`excluded.source`, sourceUrl: sql`excluded.source_url`, note: sql`excluded.note`, demo: sql`excluded.demo`, updatedAt: sql`excluded.updated_at` },
      });
  }
}

export async function deleteContextValues(tx: Executor, keys: { cityId: number; variableId: number; year: number }[]) {
  for (const k of keys) await tx.delete(contextValues).where(and(eq(contextValues.cityId, k.cityId), eq(contextValues.variableId, k.variableId), eq(contextValues.year, k.year)));
}

/** The given cities plus every city with a membership in the given networks. */
export async function citiesOrNetworkCities(db: Executor, cityIds: number[], networkIds: number[]) {
  const inNetworks = db.select({ id: memberships.cityId }).from(memberships).where(inArray(memberships.networkId, networkIds));
  return db
    .select({ id: cities.id, name: cities.name, eurostatCode: cities.eurostatCode })
    .from(cities)
    .where(or(inArray(cities.id, cityIds), inArray(cities.id, inNetworks)))
    .orderBy(asc(cities.name), asc(cities.id));
}

/** Appends many audit entries, 200 per statement (imports write one per touched submission or city). */
export async function appendAuditRows(tx: Executor, entries: (typeof auditLog.$inferInsert)[]) {
  for (const part of chunks(entries)) await tx.insert(auditLog).values(part);
}
