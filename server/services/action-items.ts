/**
 * The items of an action plan: one goal per key factor of the baseline round's framework, with
 * measures, horizon (quick win or long term), owner, due date and status. Only the city's editors
 * write them, never in an archived plan (409); every write is audited old → new.
 *
 * @example
 * await addActionItem(access, 4, { indicatorId: 7, goal: 'Publish a diversity barometer', horizon: 'long_term' });
 */
import { findActionItem, insertActionItem, updateActionItem, type ActionItemRow } from '../../db/queries/action-plans';
import { frameworkIndicators } from '../../db/queries/frameworks';
import { findRound } from '../../db/queries/rounds';
import type { Access } from '../auth/access';
import { conflict, invalid, notFound } from '../errors';
import { expectedVersion, stale } from '../etag';
import { getActionPlan, visiblePlan } from './action-plans';
import { audit } from './audit';

export type ItemInput = Pick<ActionItemRow, 'indicatorId' | 'goal' | 'horizon'> & Partial<Pick<ActionItemRow, 'measures' | 'owner' | 'dueOn' | 'status'>>;

type Plan = Awaited<ReturnType<typeof visiblePlan>>;

function requireOpen(plan: Plan) {
  if (plan.status === 'archived') throw conflict(`Action plan ${plan.id} is archived; reopen it first`, { current: plan.status });
}

async function requireIndicator(access: Access, plan: Plan, indicatorId: number) {
  const round = plan.baselineRoundId === null ? undefined : (await findRound(access.db, plan.baselineRoundId))?.round;
  const ok = round && (await frameworkIndicators(access.db, round.frameworkId)).some((i) => i.id === indicatorId);
  if (!ok) throw invalid([{ pointer: 'body.indicatorId', detail: `indicator ${indicatorId} is not a key factor of the plan's baseline framework` }]);
}

export async function addActionItem(access: Access, planId: number, input: ItemInput) {
  const plan = await visiblePlan(access, planId, true);
  requireOpen(plan);
  await requireIndicator(access, plan, input.indicatorId);
  await access.db.transaction(async (tx) => {
    const item = await insertActionItem(tx, { ...input, actionPlanId: planId });
    await audit(tx, access, { action: 'action_item.create', entityType: 'action_item', entityId: item.id, networkId: plan.networkId, cityId: plan.cityId, newValue: { actionPlanId: planId, ...input } });
  });
  return getActionPlan(access, planId);
}

/** Returns the item after the write (its new version is the ETag). */
export async function editActionItem(access: Access, id: number, ifMatch: string | undefined, edit: Partial<ItemInput>) {
  const item = await findActionItem(access.db, id);
  if (!item) throw notFound('action item', id);
  const plan = await visiblePlan(access, item.actionPlanId, true).catch((e: { status?: number }) => {
    throw e.status === 404 ? notFound('action item', id) : e;
  });
  const expected = expectedVersion(ifMatch, 'action-item', id);
  requireOpen(plan);
  if (edit.indicatorId !== undefined) await requireIndicator(access, plan, edit.indicatorId);
  if (item.version !== expected) throw stale('action-item', id);
  await access.db.transaction(async (tx) => {
    if (!(await updateActionItem(tx, id, expected, edit))) throw stale('action-item', id);
    const old = Object.fromEntries(Object.keys(edit).map((k) => [k, item[k as keyof ItemInput]]));
    await audit(tx, access, { action: 'action_item.update', entityType: 'action_item', entityId: id, networkId: plan.networkId, cityId: plan.cityId, oldValue: { ...old, version: expected }, newValue: { ...edit, version: expected + 1 } });
  });
  return (await findActionItem(access.db, id))!;
}
