import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router';
import { getContextVariables } from '../services/context-values';
import { json } from './common';

export const ContextVariable = z
  .object({
    id: z.number().int(),
    code: z.string(),
    category: z.string(),
    name: z.string(),
    description: z.string(),
    type: z.enum(['numeric', 'ordinal', 'categorical', 'boolean']),
    unit: z.string().nullable(),
    higherIs: z.enum(['favourable', 'unfavourable', 'neutral']),
    levels: z.array(z.object({ value: z.number(), label: z.string() })),
    scope: z.enum(['city', 'country']),
    transform: z.enum(['none', 'log']),
    defaultWeight: z.number(),
    position: z.number().int(),
  })
  .openapi('ContextVariable');

export const ContextValue = z
  .object({
    variable: z.string(),
    variableName: z.string(),
    category: z.string(),
    type: z.string(),
    unit: z.string().nullable(),
    year: z.number().int(),
    value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
    source: z.string(),
    sourceUrl: z.string().nullable(),
    demo: z.boolean(),
    note: z.string().nullable(),
  })
  .openapi('ContextValue');

export const contextRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/context-variables',
    tags: ['context'],
    summary: 'The context-variable catalogue, in the 7 context-factor categories',
    responses: { 200: json(z.object({ items: z.array(ContextVariable) }), 'Variables') },
  }),
  async (c) => c.json({ items: await getContextVariables(c.get('db')) }, 200),
);
