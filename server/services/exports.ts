/**
 * Research exports (issue 7): who may export what, the ε budget, the rate limit, the job and the
 * audit entry. The anonymisation itself is analytics/anonymize (`planExport`), applied to every
 * export; the ZIP is built off the request path (services/exports/build.ts).
 *
 * Rules: researchers and secretariat admins only (anonymous 401, others 403); published rounds for
 * both, and a secretariat's own unpublished rounds (others: 404); 10 exports an hour per user
 * (429 + Retry-After, counted from the audit log); differential privacy spends ε per round against
 * a budget (409 beyond it). A job is visible to its requester and the rounds' secretariats only.
 *
 * @example
 * const job = await requestExport(access, { roundIds: [3], formats: ['csv'] });
 * await jobsOf(access.db).idle(); (await exportStatus(access, job.id)).stage // 'done'
 */
import { randomUUID } from 'node:crypto';
import { checkBudget, DEFAULT_BUDGET, DEFAULT_EPSILON } from '../../analytics/anonymize';
import type { Executor } from '../../db/queries/auth';
import { countUserActions, ledgerSpent, recordLedger } from '../../db/queries/exports';
import { findRound } from '../../db/queries/rounds';
import type { Access } from '../auth/access';
import { adminNetworks, isResearcher } from '../auth/principal';
import { conflict, invalid, notFound, ProblemError, tooMany } from '../errors';
import { loadRoundData } from './analytics/round-data';
import { audit } from './audit';
import { buildExport, type BuiltExport, type ExportSpec, type Progress } from './exports/build';
import type { Format } from './exports/formats';
import { EXPIRY_MS, jobsOf, type ExportJob, type LiveJob } from './exports/jobs';
import { variablesOf } from './exports/plan';

export const EXPORTS_PER_HOUR = 10;
const HOUR = 3_600_000;

export interface ExportRequest {
  roundIds: number[];
  frameworkId?: number;
  variables?: string[];
  formats?: Format[];
  dp?: { epsilon?: number } | null;
}

/** Checks everything, then queues the job. Throws 401/403/404/409/422/429 problems. */
export async function requestExport(access: Access, input: ExportRequest): Promise<ExportJob> {
  const { spec, names } = await authorise(access, input);
  const { userId } = access.requireUser();
  const reserved = spec.epsilon === null ? [] : spec.roundIds.map((roundId) => ({ roundId, epsilon: spec.epsilon! }));
  return jobsOf(access.db).add({ userId, networkIds: spec.networkIds, reserved }, {
    // the live jobs are read in the inserting transaction: two processes cannot both take the last export or the last ε
    admit: (tx, live) => checkLimits(tx, spec, names, userId, live, live.filter((j) => j.userId === userId).length),
    build: (progress) => buildExport(access.db, spec, progress),
    finish: (tx, built, id) => record(tx, access, spec, built, id),
  });
}

/**
 * The same export, built in this call (the command line): same checks, same audit entry. The ε
 * that queued jobs hold counts; the rate limit counts finished exports only.
 * @example const built = await exportNow(access, { roundIds: [1] }, (stage, pct) => log(stage, pct), 'command line');
 */
export async function exportNow(access: Access, input: ExportRequest, progress: Progress, actor?: string): Promise<BuiltExport> {
  const { spec, names } = await authorise(access, input);
  await checkLimits(access.db, spec, names, access.requireUser().userId, await jobsOf(access.db).pending(), 0);
  const built = await buildExport(access.db, spec, progress);
  await access.db.transaction((tx) => record(tx, access, spec, built, randomUUID(), actor));
  return built;
}

/** Access, rounds, framework and variables → what to build (its `spent` is left to `checkLimits`), with the rounds' names. */
async function authorise(access: Access, input: ExportRequest): Promise<{ spec: ExportSpec; names: Map<number, string> }> {
  const p = access.requireUser();
  if (!isResearcher(p) && adminNetworks(p).length === 0) access.deny('Only researchers and secretariat admins can export research data');
  const roundIds = [...new Set(input.roundIds)];
  const rounds = [];
  for (const id of roundIds) {
    const found = await findRound(access.db, id);
    if (!found || !(found.round.status === 'published' || access.isAdmin(found.round.networkId))) throw notFound('round', id);
    rounds.push(found);
  }
  const frameworkId = input.frameworkId ?? rounds[0].round.frameworkId;
  const stray = rounds.findIndex((r) => r.round.frameworkId !== frameworkId);
  if (stray >= 0) throw invalid([{ pointer: input.frameworkId === undefined ? 'body.roundIds' : 'body.frameworkId', detail: `all rounds of one export must use one framework (round ${rounds[stray].round.id} uses framework ${rounds[stray].round.frameworkId}, not ${frameworkId})` }]);
  let variables: string[] | null = null;
  if (input.variables) {
    const known = variablesOf(await loadRoundData(access.db, roundIds[0]));
    const unknown = input.variables.filter((v) => !known.includes(v));
    if (unknown.length) throw invalid(unknown.map((v) => ({ pointer: `body.variables.${input.variables!.indexOf(v)}`, detail: `unknown variable "${v}" (known: ${known.join(', ')})` })));
    variables = [...new Set(input.variables)];
  }
  const epsilon = input.dp ? input.dp.epsilon ?? DEFAULT_EPSILON : null;
  const spec: ExportSpec = { roundIds, networkIds: [...new Set(rounds.map((r) => r.round.networkId))], frameworkName: `${rounds[0].frameworkName} (${rounds[0].frameworkVersion})`, variables, formats: input.formats?.length ? [...new Set(input.formats)] : ['csv', 'json', 'parquet'], epsilon, budget: DEFAULT_BUDGET, spent: new Map() };
  return { spec, names: new Map(rounds.map((r) => [r.round.id, r.round.name])) };
}

/**
 * The ε budget of each round (409 beyond it), counting the ledger and the ε `live` jobs hold, and
 * fills `spec.spent` with both; then the rate limit, counting `pending` unfinished jobs (429).
 */
async function checkLimits(db: Executor, spec: ExportSpec, names: Map<number, string>, userId: number, live: LiveJob[], pending: number) {
  if (spec.epsilon !== null) {
    const held = live.flatMap((j) => j.reserved);
    for (const roundId of spec.roundIds) {
      const ledger = [...(await ledgerSpent(db, roundId)), ...held.filter((h) => h.roundId === roundId).map((h) => h.epsilon)];
      const check = checkBudget(ledger, spec.epsilon, spec.budget);
      if (!check.ok) throw conflict(`Privacy budget of round ${roundId} (${names.get(roundId)}) exhausted: ${check.reason}`, { roundId, budget: spec.budget, spent: ledger.reduce((a, b) => a + b, 0) });
      spec.spent.set(roundId, ledger);
    }
  }
  await checkRate(db, userId, pending);
}

/** Finished exports in the last hour (audit log) plus `pending` ones, against EXPORTS_PER_HOUR. */
async function checkRate(db: Executor, userId: number, pending: number) {
  const recent = await countUserActions(db, 'export.create', userId, new Date(Date.now() - HOUR).toISOString());
  if (recent.count + pending >= EXPORTS_PER_HOUR) {
    const retry = recent.oldest ? Math.max(1, Math.ceil((Date.parse(recent.oldest) + HOUR - Date.now()) / 1000)) : 60;
    throw tooMany(`At most ${EXPORTS_PER_HOUR} exports an hour per user; try again later`, retry);
  }
}

/** ε ledger entries and the audit entry (parameters + risk), in the caller's transaction, re-checking the budget. */
export async function record(tx: Executor, access: Access, spec: ExportSpec, built: BuiltExport, exportId: string, actor?: string) {
  for (const { roundId, epsilon } of built.epsilonByRound) {
    const check = checkBudget(await ledgerSpent(tx, roundId), epsilon, spec.budget);
    if (!check.ok) throw conflict(`Privacy budget of round ${roundId} exhausted: ${check.reason}`);
  }
  const userId = access.principal.kind === 'user' ? access.principal.userId : null;
  await recordLedger(tx, built.epsilonByRound.map((e) => ({ ...e, userId, exportId })));
  await audit(tx, access, {
    action: 'export.create', entityType: 'export', entityId: exportId, actor, networkId: spec.networkIds[0] ?? null,
    newValue: { parameters: { roundIds: spec.roundIds, ...built.parameters }, risk: built.summary, rounds: built.rounds.map((r) => ({ roundId: r.roundId, outcome: r.outcome, k: r.risk.k, l: r.risk.l, suppressedShare: r.risk.suppressedShare, maxProsecutorRisk: r.risk.maxProsecutorRisk, meanProsecutorRisk: r.risk.meanProsecutorRisk, epsilonSpent: r.epsilonSpent })), bytes: built.zip.length },
  });
}

/** The job if the caller requested it or runs the secretariat of one of its rounds; else 404. */
export async function findJob(access: Access, id: string): Promise<ExportJob> {
  const p = access.requireUser();
  const job = await jobsOf(access.db).get(id);
  if (!job || !(job.userId === p.userId || job.networkIds.some((n) => access.isAdmin(n)))) throw notFound('export', id);
  return job;
}

export async function exportStatus(access: Access, id: string) {
  const job = await findJob(access, id);
  const r = job.result;
  return {
    id: job.id, status: job.stage === 'done' || job.stage === 'failed' ? job.stage : job.stage === 'queued' ? 'queued' : 'running',
    stage: job.stage, percent: job.percent, error: job.error,
    risk: r ? r.summary : null,
    rounds: r ? r.rounds.map((x) => ({ roundId: x.roundId, name: x.name, outcome: x.outcome, reason: x.reason, risk: x.risk, epsilonSpent: x.epsilonSpent })) : [],
    files: r ? r.files : null, bytes: r ? r.bytes : null, durationMs: r ? r.durationMs : null,
    expiresAt: job.finishedAt ? new Date(job.finishedAt + EXPIRY_MS).toISOString() : null,
  } as const;
}

export async function exportZip(access: Access, id: string): Promise<{ zip: Uint8Array; filename: string }> {
  const job = await findJob(access, id);
  if (job.stage === 'failed') throw new ProblemError(409, 'conflict', 'Conflict', `Export ${id} failed: ${job.error}`);
  const zip = job.result && (await jobsOf(access.db).zip(id));
  if (!zip) throw conflict(`Export ${id} is not finished yet (${job.stage}, ${job.percent}%)`);
  return { zip, filename: `citypeers-export-${id.slice(0, 8)}.zip` };
}
