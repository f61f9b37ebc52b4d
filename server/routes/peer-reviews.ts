import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, writeErrorResponses } from '../errors';
import { etag } from '../etag';
import { createRouter } from '../router';
import { addNote, editPeerReview, writeFinding } from '../services/peer-review-edits';
import { moveStage, revertStage } from '../services/peer-review-stages';
import { createPeerReview, createPeerReviewsFromPlan, getPeerReview, listPeerReviews } from '../services/peer-reviews';
import { IdParam, IfMatch, json, jsonBody, withEtag } from './common';
import { Finding, FindingEdit, FromPlanBody, NoteCreate, PeerReview, PeerReviewCreate, PeerReviewEdit, PeerReviewSummary, StageMove } from './peer-review-schemas';
import { peerReviewPlanQuery } from './plan-queries';

const tags = ['peer reviews'];
const reviewEtag = (r: { id: number; version: number }) => etag('peer-review', r.id, r.version);

export const peerReviewRoutes = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/networks/{id}/peer-reviews', tags, summary: "The network's peer reviews the caller takes part in (all for the secretariat)", request: { params: IdParam }, responses: { 200: json(z.array(PeerReviewSummary), 'Reviews'), ...errorResponses } }),
    async (c) => c.json(await listPeerReviews(c.get('access'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{id}/peer-reviews',
      tags,
      summary: 'Create a peer review by hand: host, reviewer cities, other members, lead expert (secretariat)',
      request: { params: IdParam, body: jsonBody(PeerReviewCreate) },
      responses: { 201: { ...json(PeerReview, 'Created (stage planned); the host is notified'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const review = await createPeerReview(c.get('access'), c.get('mail'), c.req.valid('param').id, c.req.valid('json'));
      c.header('ETag', reviewEtag(review));
      return c.json(review, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/rounds/{id}/peer-reviews/from-plan',
      tags,
      summary: "Create the round's peer reviews from the suggested plan (same parameters as GET peer-review-plan) or from the teams in the body",
      request: { params: IdParam, query: z.object(peerReviewPlanQuery()), body: { required: false, content: { 'application/json': { schema: FromPlanBody } } } },
      responses: { 201: json(z.object({ created: z.array(PeerReview), unassigned: z.array(z.object({ host: z.object({ cityId: z.number().int(), name: z.string() }), reason: z.string() })) }), 'The reviews created (all or nothing)'), ...writeErrorResponses },
    }),
    async (c) => {
      const body = c.req.header('content-type')?.startsWith('application/json') ? c.req.valid('json') : {};
      return c.json(await createPeerReviewsFromPlan(c.get('access'), c.get('mail'), c.req.valid('param').id, c.req.valid('query'), body.teams), 201);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/peer-reviews/{id}', tags, summary: 'One peer review with team, notes and findings per key factor', request: { params: IdParam }, responses: { 200: { ...json(PeerReview, 'The review'), ...withEtag }, ...errorResponses } }),
    async (c) => {
      const review = await getPeerReview(c.get('access'), c.req.valid('param').id);
      c.header('ETag', reviewEtag(review));
      return c.json(review, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/peer-reviews/{id}',
      tags,
      summary: 'Edit details: team and lead expert (secretariat), visit dates and follow-up report (also host and reviewers); If-Match',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(PeerReviewEdit) },
      responses: { 200: { ...json(PeerReview, 'After the edit'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const review = await editPeerReview(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json'));
      c.header('ETag', reviewEtag(review));
      return c.json(review, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/peer-reviews/{id}/stage',
      tags,
      summary: 'Move to the next stage (or cancel); 409 lists the allowed next stages; If-Match',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(StageMove) },
      responses: { 200: { ...json(PeerReview, 'After the move'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const review = await moveStage(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json').stage);
      c.header('ETag', reviewEtag(review));
      return c.json(review, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/peer-reviews/{id}/revert',
      tags,
      summary: 'Secretariat: move back one stage (a cancelled review back to where it was); If-Match',
      request: { params: IdParam, headers: IfMatch },
      responses: { 200: { ...json(PeerReview, 'After the move'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const review = await revertStage(c.get('access'), c.req.valid('param').id, c.req.header('if-match'));
      c.header('ETag', reviewEtag(review));
      return c.json(review, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/peer-reviews/{id}/notes',
      tags,
      summary: 'Add a note in the current stage: self-assessment evidence, desk review, interview, focus group, observation',
      request: { params: IdParam, body: jsonBody(NoteCreate) },
      responses: { 201: { ...json(PeerReview, 'The review with the note'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const review = await addNote(c.get('access'), c.req.valid('param').id, c.req.valid('json'));
      c.header('ETag', reviewEtag(review));
      return c.json(review, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/peer-review-findings/{id}',
      tags,
      summary: "Write a key factor's finding: self-score (host), peer score and finding, recommendation (reviewers); If-Match",
      request: { params: IdParam, headers: IfMatch, body: jsonBody(FindingEdit) },
      responses: { 200: { ...json(Finding, 'After the write'), ...withEtag }, ...writeErrorResponses },
    }),
    async (c) => {
      const finding = await writeFinding(c.get('access'), c.req.valid('param').id, c.req.header('if-match'), c.req.valid('json'));
      c.header('ETag', etag('peer-review-finding', finding.id, finding.version));
      return c.json(finding, 200);
    },
  );
