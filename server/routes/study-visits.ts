import { createRoute, z } from '@hono/zod-openapi';
import { STUDY_VISIT_STATUSES } from '../../db/schema';
import { errorResponses, writeErrorResponses } from '../errors';
import { etag } from '../etag';
import { createRouter } from '../router';
import { setHostCapacity } from '../services/host-capacities';
import { moveVisit, revertVisit, writeVisitReport } from '../services/study-visit-status';
import { cityVisitsFromPlan, getStudyVisit, listStudyVisits, requestStudyVisit, roundVisitsFromPlan } from '../services/study-visits';
import { IdParam, IfMatch, IsoDate, json, jsonBody, withEtag } from './common';
import { studyVisitQuery } from './plan-queries';

const Status = z.enum(STUDY_VISIT_STATUSES);
const Year = z.number().int().min(2000).max(2100);
const StudyVisit = z
  .object({
    id: z.number().int(),
    networkId: z.number().int(),
    visitorCityId: z.number().int(),
    hostCityId: z.number().int(),
    indicatorId: z.number().int().nullable().openapi({ description: 'The theme (key factor)' }),
    year: z.number().int(),
    status: Status,
    origin: z.enum(['planner', 'manual']),
    scheduledFrom: z.string().nullable(),
    scheduledTo: z.string().nullable(),
    declineReason: z.string().nullable(),
    reportLessons: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    nextStatuses: z.array(Status),
  })
  .openapi('StudyVisit');
const Skipped = z.object({ visitorCityId: z.number().int(), hostCityId: z.number().int(), indicatorId: z.number().int().nullable(), year: z.number().int(), reason: z.string() });
const FromPlanResult = z.object({ created: z.array(StudyVisit), skipped: z.array(Skipped) }).openapi('StudyVisitsFromPlan');
const tags = ['study visits'];
const visitEtag = (v: { id: number; version: number }) => etag('study-visit', v.id, v.version);
const PlanYear = { year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'Year of the visits; default the year after the round' }) };

export const studyVisitRoutes = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/networks/{id}/study-visits', tags, summary: "The network's study visits the caller's cities make or host (all for the secretariat)", request: { params: IdParam }, responses: { 200: json(z.array(StudyVisit), 'Visits'), ...errorResponses } }),
    async (c) => c.json(await listStudyVisits(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{id}/study-visits',
      tags,
      summary: 'Request a study visit to a host city on a theme (visiting city’s editor or secretariat); the host is notified',
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ visitorCityId: z.number().int().positive().optional().openapi({ description: "Default: the editor's city" }), hostCityId: z.number().int().positive(), indicatorId: z.number().int().positive().nullable(), year: Year })),
      },
      responses: { 201: { ...json(StudyVisit, 'Requested'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const visit = await requestStudyVisit(c.get('access'), c.get('mail'), c.req.valid('param').id, c.req.valid('json'));
      c.header('ETag', visitEtag(visit));
      return c.json(visit, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cities/{id}/study-visits/from-plan',
      tags,
      summary: "Turn the city's suggested visits (same parameters as GET /cities/{id}/study-visits) into requests",
      request: { params: IdParam, query: z.object({ round: z.coerce.number().int().positive().optional(), ...PlanYear, ...studyVisitQuery() }) },
      responses: { 201: json(FromPlanResult, 'Requests created; duplicates and full hosts skipped'), ...writeErrorResponses },
    }),
    async (c) => c.json(await cityVisitsFromPlan(c.get('access'), c.get('mail'), c.req.valid('param').id, c.req.valid('query')), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/rounds/{id}/study-visits/requests',
      tags,
      summary: "Secretariat: turn the round's whole study-visit plan into requests",
      request: { params: IdParam, query: z.object({ ...PlanYear, ...studyVisitQuery() }) },
      responses: { 201: json(FromPlanResult, 'Requests created; duplicates and full hosts skipped'), ...writeErrorResponses },
    }),
    async (c) => c.json(await roundVisitsFromPlan(c.get('access'), c.get('mail'), c.req.valid('param').id, c.req.valid('query')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/study-visits/{id}', tags, summary: 'One study visit', request: { params: IdParam }, responses: { 200: { ...json(StudyVisit, 'The visit'), ...withEtag }, ...errorResponses } }),
    async (c) => {
      const visit = await getStudyVisit(c.get('access'), c.req.valid('param').id);
      c.header('ETag', visitEtag(visit));
      return c.json(visit, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/study-visits/{id}/status',
      tags,
      summary: 'Accept, decline, schedule (host), cancel (visitor), complete; 409 lists the allowed next statuses; If-Match',
      request: {
        params: IdParam,
        headers: IfMatch,
        body: jsonBody(z.strictObject({ status: Status, scheduledFrom: IsoDate.optional(), scheduledTo: IsoDate.optional(), reason: z.string().trim().min(1).max(2000).optional() })),
      },
      responses: { 200: { ...json(StudyVisit, 'After the move'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const visit = await moveVisit(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json'));
      c.header('ETag', visitEtag(visit));
      return c.json(visit, 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/study-visits/{id}/revert', tags, summary: 'Secretariat: one status back (a cancelled visit back to where it was); If-Match', request: { params: IdParam, headers: IfMatch }, responses: { 200: { ...json(StudyVisit, 'After the move'), ...withEtag }, ...writeErrorResponses } }),
    async (c) => {
      const visit = await revertVisit(c.get('access'), c.req.valid('param').id, c.req.header('if-match'));
      c.header('ETag', visitEtag(visit));
      return c.json(visit, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/study-visits/{id}/report',
      tags,
      summary: 'Write the report with lessons (either city, once scheduled); If-Match',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(z.strictObject({ reportLessons: z.string().trim().min(1).max(50_000) })) },
      responses: { 200: { ...json(StudyVisit, 'After the write'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const visit = await writeVisitReport(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json').reportLessons);
      c.header('ETag', visitEtag(visit));
      return c.json(visit, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/cities/{id}/host-capacity',
      tags,
      summary: 'How many study visits the city hosts in a year (default 3); its editors or the secretariat',
      request: { params: IdParam, body: jsonBody(z.strictObject({ networkId: z.number().int().positive(), year: Year, capacity: z.number().int().min(0).max(100) })) },
      responses: { 200: json(z.object({ networkId: z.number().int(), cityId: z.number().int(), year: z.number().int(), capacity: z.number().int(), taken: z.number().int() }), 'The capacity'), ...writeErrorResponses },
    }),
    async (c) => c.json(await setHostCapacity(c.get('access'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
