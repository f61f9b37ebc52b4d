import { createRoute, z } from '@hono/zod-openapi';
import { ACTION_STATUSES, ROUND_STATUSES } from '../../db/schema';
import { errorResponses, writeErrorResponses } from '../errors';
import { etag } from '../etag';
import { createRouter } from '../router';
import { addActionItem, editActionItem } from '../services/action-items';
import { createActionPlan, editActionPlan, getActionPlan, listActionPlans } from '../services/action-plans';
import { IdParam, IfMatch, IsoDate, json, jsonBody, withEtag } from './common';

const PlanStatus = z.enum(['draft', 'adopted', 'archived']);
const Horizon = z.enum(['quick_win', 'long_term']);
const ItemFields = {
  id: z.number().int(),
  actionPlanId: z.number().int(),
  indicatorId: z.number().int(),
  goal: z.string(),
  measures: z.string(),
  horizon: Horizon,
  owner: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
const ActionItem = z.object(ItemFields).openapi('ActionItem');
const PlanFields = {
  id: z.number().int(),
  networkId: z.number().int(),
  cityId: z.number().int(),
  baselineRoundId: z.number().int().nullable(),
  title: z.string(),
  status: PlanStatus,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextStatuses: z.array(PlanStatus),
};
const Progress = z.object({ roundId: z.number().int(), roundName: z.string(), year: z.number().int(), roundStatus: z.enum(ROUND_STATUSES), value: z.number().nullable(), baseline: z.boolean() });
const ActionPlan = z
  .object({
    ...PlanFields,
    items: z.array(
      z.object({
        ...ItemFields,
        code: z.string(),
        statement: z.string(),
        progress: z.array(Progress).openapi({ description: "The city's answer on this key factor in the baseline round and every later round" }),
        change: z.number().nullable().openapi({ description: 'Latest answer minus the baseline answer' }),
      }),
    ),
  })
  .openapi('ActionPlan');
const text = (max: number) => z.string().trim().min(1).max(max);
const ItemWrite = {
  indicatorId: z.number().int().positive(),
  goal: text(2000),
  measures: z.string().max(20_000).optional(),
  horizon: Horizon,
  owner: text(200).nullish(),
  dueOn: IsoDate.nullish(),
  status: z.enum(ACTION_STATUSES).optional(),
};
const tags = ['action plans'];
const planEtag = (p: { id: number; version: number }) => etag('action-plan', p.id, p.version);

export const actionPlanRoutes = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/cities/{id}/action-plans', tags, summary: "The city's action plans (the city's people and its network's secretariat)", request: { params: IdParam }, responses: { 200: json(z.array(z.object(PlanFields)), 'Plans'), ...errorResponses } }),
    async (c) => c.json(await listActionPlans(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cities/{id}/action-plans',
      tags,
      summary: 'Start an action plan from a baseline round (the city’s editors)',
      request: { params: IdParam, body: jsonBody(z.strictObject({ baselineRoundId: z.number().int().positive(), title: text(300) })) },
      responses: { 201: { ...json(ActionPlan, 'Created'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const plan = await createActionPlan(c.get('access'), c.req.valid('param').id, c.req.valid('json'));
      c.header('ETag', planEtag(plan));
      return c.json(plan, 201);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/action-plans/{id}', tags, summary: 'One action plan with its items and progress against later rounds', request: { params: IdParam }, responses: { 200: { ...json(ActionPlan, 'The plan'), ...withEtag }, ...errorResponses } }),
    async (c) => {
      const plan = await getActionPlan(c.get('access'), c.req.valid('param').id);
      c.header('ETag', planEtag(plan));
      return c.json(plan, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/action-plans/{id}',
      tags,
      summary: 'Rename, adopt, archive or reopen a plan; 409 lists the allowed next statuses; If-Match',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(z.strictObject({ title: text(300).optional(), status: PlanStatus.optional() })) },
      responses: { 200: { ...json(ActionPlan, 'After the edit'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const plan = await editActionPlan(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json'));
      c.header('ETag', planEtag(plan));
      return c.json(plan, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/action-plans/{id}/items',
      tags,
      summary: 'Add a goal for a key factor: measures, quick win or long term, owner, due date, status',
      request: { params: IdParam, body: jsonBody(z.strictObject(ItemWrite)) },
      responses: { 201: { ...json(ActionPlan, 'The plan with the new item'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const plan = await addActionItem(c.get('access'), c.req.valid('param').id, c.req.valid('json'));
      c.header('ETag', planEtag(plan));
      return c.json(plan, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/action-items/{id}',
      tags,
      summary: 'Change an item (If-Match with its ETag)',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(z.strictObject({ ...ItemWrite, indicatorId: ItemWrite.indicatorId.optional(), goal: ItemWrite.goal.optional(), horizon: Horizon.optional() })) },
      responses: { 200: { ...json(ActionItem, 'After the write'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const item = await editActionItem(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json'));
      c.header('ETag', etag('action-item', item.id, item.version));
      return c.json(item, 200);
    },
  );
