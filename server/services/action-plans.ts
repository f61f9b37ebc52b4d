/**
 * Action plans: from a baseline round's gaps, a city sets goals per key factor with measures,
 * quick wins or long-term work, an owner, a due date and a status. Plans are private to the city
 * (its editors write, its viewers read) and its network's secretariat (reads); anyone else gets
 * 404. Each item shows the city's answer on its key factor in the baseline round and every later
 * round of the same network and framework, so progress is visible.
 *
 * @example
 * await createActionPlan(access, 12, { baselineRoundId: 3, title: 'Diversity action plan 2025-2027' });
 */
import { cityActionPlans, cityScoresSince, findActionPlan, insertActionPlan, planItems, updateActionPlan, type ActionPlanRow } from '../../db/queries/action-plans';
import { findCity } from '../../db/queries/cities';
import { networkMemberCityIds } from '../../db/queries/networks';
import { findRound } from '../../db/queries/rounds';
import type { Access } from '../auth/access';
import { adminNetworks, canEditCity, canViewCity } from '../auth/principal';
import { invalid, notFound } from '../errors';
import { expectedVersion, stale } from '../etag';
import { audit } from './audit';
import { requireTransition, type Machine } from './workflow';

type PlanStatus = ActionPlanRow['status'];
/** Adoption can be undone and an archived plan reopened: nothing here is a one-way door. */
export const PLAN_STATES: Machine<PlanStatus> = { draft: ['adopted', 'archived'], adopted: ['draft', 'archived'], archived: ['adopted'] };

const mayRead = (access: Access, plan: ActionPlanRow) => canViewCity(access.principal, plan.cityId) || access.isAdmin(plan.networkId);

/** The plan, 404 unless the caller is the city's or the network secretariat's; `write` also needs the city's editor. */
export async function visiblePlan(access: Access, id: number, write = false) {
  const plan = await findActionPlan(access.db, id);
  if (!plan || !mayRead(access, plan)) throw notFound('action plan', id);
  if (write && !canEditCity(access.principal, plan.cityId)) access.deny(`Only city ${plan.cityId}'s editors change its action plans`);
  return plan;
}

export async function listActionPlans(access: Access, cityId: number) {
  if (!(await findCity(access.db, cityId))) throw notFound('city', cityId);
  const plans = (await cityActionPlans(access.db, cityId)).filter((p) => mayRead(access, p));
  if (plans.length === 0 && !canViewCity(access.principal, cityId) && !(await memberOfAdminNetwork(access, cityId))) throw notFound('action plans of city', cityId);
  return plans.map(toPlanDto);
}

async function memberOfAdminNetwork(access: Access, cityId: number) {
  for (const n of adminNetworks(access.principal)) if ((await networkMemberCityIds(access.db, n)).includes(cityId)) return true;
  return false;
}

export async function createActionPlan(access: Access, cityId: number, input: { baselineRoundId: number; title: string }) {
  if (!(await findCity(access.db, cityId))) throw notFound('city', cityId);
  if (!canEditCity(access.principal, cityId)) access.deny(`Only city ${cityId}'s editors create its action plans`);
  const row = await findRound(access.db, input.baselineRoundId);
  if (!row || (await access.roundView(row.round)) === 'none' || !(await networkMemberCityIds(access.db, row.round.networkId)).includes(cityId)) {
    throw invalid([{ pointer: 'body.baselineRoundId', detail: `round ${input.baselineRoundId} is not a round of a network city ${cityId} belongs to` }]);
  }
  const plan = await access.db.transaction(async (tx) => {
    const created = await insertActionPlan(tx, { networkId: row.round.networkId, cityId, baselineRoundId: row.round.id, title: input.title });
    await audit(tx, access, { action: 'action_plan.create', entityType: 'action_plan', entityId: created.id, networkId: created.networkId, cityId, newValue: { title: created.title, baselineRoundId: created.baselineRoundId, status: created.status } });
    return created;
  });
  return getActionPlan(access, plan.id);
}

export async function editActionPlan(access: Access, id: number, ifMatch: string | undefined, edit: { title?: string; status?: PlanStatus }) {
  const plan = await visiblePlan(access, id, true);
  const expected = expectedVersion(ifMatch, 'action-plan', id);
  if (edit.status !== undefined && edit.status !== plan.status) requireTransition('Action plan', id, PLAN_STATES, plan.status, edit.status);
  if (plan.version !== expected) throw stale('action-plan', id);
  await access.db.transaction(async (tx) => {
    if (!(await updateActionPlan(tx, id, expected, edit))) throw stale('action-plan', id);
    const old = Object.fromEntries(Object.keys(edit).map((k) => [k, plan[k as keyof typeof edit]]));
    await audit(tx, access, { action: 'action_plan.update', entityType: 'action_plan', entityId: id, networkId: plan.networkId, cityId: plan.cityId, oldValue: { ...old, version: expected }, newValue: { ...edit, version: expected + 1 } });
  });
  return getActionPlan(access, id);
}

/** The plan with its items, each with the city's answers from the baseline round on. */
export async function getActionPlan(access: Access, id: number) {
  const plan = await visiblePlan(access, id);
  const items = await planItems(access.db, id);
  const baseline = plan.baselineRoundId === null ? undefined : (await findRound(access.db, plan.baselineRoundId))?.round;
  const answers = baseline
    ? await cityScoresSince(access.db, { cityId: plan.cityId, networkId: plan.networkId, frameworkId: baseline.frameworkId, fromYear: baseline.year, indicatorIds: [...new Set(items.map((i) => i.item.indicatorId))] })
    : [];
  return {
    ...toPlanDto(plan),
    items: items.map(({ item, code, statement }) => {
      const progress = answers.filter((a) => a.indicatorId === item.indicatorId).map(({ indicatorId: _i, ...a }) => ({ ...a, baseline: a.roundId === plan.baselineRoundId }));
      const first = progress.find((p) => p.baseline)?.value ?? null;
      const last = progress.at(-1)?.value ?? null;
      return { ...item, code, statement, progress, change: first !== null && last !== null && progress.length > 1 ? last - first : null };
    }),
  };
}

const toPlanDto = (plan: ActionPlanRow) => ({ ...plan, nextStatuses: [...PLAN_STATES[plan.status]] });
