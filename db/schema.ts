/**
 * The CityPeers data model: the single source of truth for tables, columns and relations.
 * Migrations in db/migrations are generated from this file with `npm run db:generate`.
 *
 * Conventions: integer surrogate ids; timestamps are ISO-8601 UTC text (`2024-05-01T10:00:00.000Z`);
 * calendar dates are `YYYY-MM-DD` text; lists and small structures are JSON text columns;
 * editable records carry a `version` that grows by one on every write (optimistic locking).
 */
import { relations, sql } from 'drizzle-orm';
import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
const updatedAt = () => text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
const version = () => integer('version').notNull().default(1);
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

export const MEMBERSHIP_STATUSES = ['applicant', 'member', 'suspended', 'left', 'declined'] as const;
export const ROUND_STATUSES = ['draft', 'open', 'closed', 'validated', 'published'] as const;
export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'validated', 'published'] as const;
export const INDICATOR_SCALES = ['ordinal', 'yes_no', 'percentage', 'number'] as const;
export const DIRECTIONS = ['higher_better', 'lower_better'] as const;
export const CONTEXT_CATEGORIES = [
  'national_legislation',
  'data_access',
  'migrant_population',
  'labour_market',
  'municipal_resources',
  'political_situation',
  'civil_society',
] as const;
export const CONTEXT_TYPES = ['numeric', 'ordinal', 'categorical', 'boolean'] as const;
export const HIGHER_IS = ['favourable', 'unfavourable', 'neutral'] as const;
export const DOCUMENT_TYPES = [
  'minutes',
  'annual_report',
  'monitoring_data',
  'strategy',
  'budget',
  'press_release',
  'survey',
  'website',
  'other',
] as const;
export const ROLES = ['secretariat_admin', 'city_editor', 'city_viewer', 'researcher'] as const;
export const PEER_REVIEW_STAGES = [
  'planned',
  'self_assessment',
  'desk_review',
  'visit',
  'findings',
  'recommendations',
  'follow_up',
  'completed',
  'cancelled',
] as const;
export const STUDY_VISIT_STATUSES = ['requested', 'accepted', 'declined', 'scheduled', 'completed', 'cancelled'] as const;
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;

export type LevelLabel = { value: number; label: string };

// ---------------------------------------------------------------- networks and cities

export const networks = sqliteTable('networks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  website: text('website'),
  /** True when the network itself is demo data (the seeded demo network). */
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

export const cities = sqliteTable(
  'cities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Official or local-language name when it differs (e.g. "München"). */
    localName: text('local_name'),
    /** ISO 3166-1 alpha-2 (GB, GR — not Eurostat's UK/EL). */
    countryCode: text('country_code').notNull(),
    lat: real('lat'),
    lon: real('lon'),
    population: integer('population'),
    populationYear: integer('population_year'),
    populationSource: text('population_source'),
    /** Eurostat Urban Audit city code, e.g. "DE003C". */
    eurostatCode: text('eurostat_code').unique(),
    wikidataId: text('wikidata_id'),
    geonamesId: integer('geonames_id'),
    /** Working languages as ISO 639-1 codes, used to form peer-review teams. */
    languages: json<string[]>('languages').notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('cities_country_idx').on(t.countryCode), index('cities_name_idx').on(t.name)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    networkId: integer('network_id').notNull().references(() => networks.id),
    cityId: integer('city_id').notNull().references(() => cities.id),
    status: text('status', { enum: MEMBERSHIP_STATUSES }).notNull().default('applicant'),
    appliedOn: text('applied_on'),
    joinedOn: text('joined_on'),
    leftOn: text('left_on'),
    charterSignedOn: text('charter_signed_on'),
    annualFee: real('annual_fee'),
    feeCurrency: text('fee_currency'),
    coordinatorName: text('coordinator_name'),
    coordinatorEmail: text('coordinator_email'),
    deputyName: text('deputy_name'),
    deputyEmail: text('deputy_email'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('memberships_network_city_uq').on(t.networkId, t.cityId), index('memberships_city_idx').on(t.cityId)],
);

/** Every status change of a membership, with its reason (history is never rewritten). */
export const membershipEvents = sqliteTable(
  'membership_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    membershipId: integer('membership_id').notNull().references(() => memberships.id),
    fromStatus: text('from_status', { enum: MEMBERSHIP_STATUSES }),
    toStatus: text('to_status', { enum: MEMBERSHIP_STATUSES }).notNull(),
    effectiveOn: text('effective_on').notNull(),
    reason: text('reason'),
    actorUserId: integer('actor_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('membership_events_membership_idx').on(t.membershipId)],
);

/** Annual fee per membership and year, with payment status. */
export const membershipFees = sqliteTable(
  'membership_fees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    membershipId: integer('membership_id').notNull().references(() => memberships.id),
    year: integer('year').notNull(),
    amount: real('amount').notNull(),
    currency: text('currency').notNull(),
    paidOn: text('paid_on'),
    version: version(),
  },
  (t) => [uniqueIndex('membership_fees_uq').on(t.membershipId, t.year)],
);

// ---------------------------------------------------------------- frameworks

export const frameworks = sqliteTable(
  'frameworks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    version: text('version').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    source: text('source'),
    /** Null: shared by every network; otherwise owned by one network's secretariat. */
    ownerNetworkId: integer('owner_network_id').references(() => networks.id),
    status: text('status', { enum: ['draft', 'active', 'retired'] }).notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('frameworks_slug_version_uq').on(t.slug, t.version)],
);

export const frameworkAreas = sqliteTable(
  'framework_areas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    frameworkId: integer('framework_id').notNull().references(() => frameworks.id),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    weight: real('weight').notNull().default(1),
  },
  (t) => [uniqueIndex('framework_areas_code_uq').on(t.frameworkId, t.code)],
);

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    frameworkId: integer('framework_id').notNull().references(() => frameworks.id),
    areaId: integer('area_id').notNull().references(() => frameworkAreas.id),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    statement: text('statement').notNull(),
    guidingQuestions: json<string[]>('guiding_questions').notNull().default([]),
    scale: text('scale', { enum: INDICATOR_SCALES }).notNull(),
    /** Ordinal scales: the labelled levels, lowest first (value 0..n-1). */
    levels: json<LevelLabel[]>('levels').notNull().default([]),
    minValue: real('min_value'),
    maxValue: real('max_value'),
    unit: text('unit'),
    direction: text('direction', { enum: DIRECTIONS }).notNull().default('higher_better'),
    weight: real('weight').notNull().default(1),
  },
  (t) => [uniqueIndex('indicators_code_uq').on(t.frameworkId, t.code), index('indicators_area_idx').on(t.areaId)],
);

/** Explicit, versioned weights for area and overall scores of a framework. */
export const weightSets = sqliteTable(
  'weight_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    frameworkId: integer('framework_id').notNull().references(() => frameworks.id),
    version: text('version').notNull(),
    description: text('description').notNull().default(''),
    indicatorWeights: json<Record<string, number>>('indicator_weights').notNull(),
    areaWeights: json<Record<string, number>>('area_weights').notNull(),
    /** Share of an area's indicator weight that must be answered for an area score (0-1). */
    minAnsweredShare: real('min_answered_share').notNull().default(0.5),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('weight_sets_uq').on(t.frameworkId, t.version)],
);

// ---------------------------------------------------------------- context factors

export const contextVariables = sqliteTable('context_variables', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  category: text('category', { enum: CONTEXT_CATEGORIES }).notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  type: text('type', { enum: CONTEXT_TYPES }).notNull(),
  unit: text('unit'),
  higherIs: text('higher_is', { enum: HIGHER_IS }).notNull().default('neutral'),
  /** Ordinal/categorical levels, lowest first. */
  levels: json<LevelLabel[]>('levels').notNull().default([]),
  /** Whether the value describes the city or its country (e.g. MIPEX). */
  scope: text('scope', { enum: ['city', 'country'] }).notNull().default('city'),
  /** Transformation suggested before comparison (e.g. `log` for population). */
  transform: text('transform', { enum: ['none', 'log'] }).notNull().default('none'),
  defaultWeight: real('default_weight').notNull().default(1),
  position: integer('position').notNull().default(0),
});

export const contextValues = sqliteTable(
  'context_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cityId: integer('city_id').notNull().references(() => cities.id),
    variableId: integer('variable_id').notNull().references(() => contextVariables.id),
    year: integer('year').notNull(),
    /** Numeric, ordinal (level value) and boolean (0/1) values. */
    valueNum: real('value_num'),
    /** Categorical values. */
    valueText: text('value_text'),
    source: text('source').notNull(),
    sourceUrl: text('source_url'),
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('context_values_uq').on(t.cityId, t.variableId, t.year),
    index('context_values_variable_idx').on(t.variableId),
  ],
);

// ---------------------------------------------------------------- monitoring rounds

export const rounds = sqliteTable(
  'rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    networkId: integer('network_id').notNull().references(() => networks.id),
    frameworkId: integer('framework_id').notNull().references(() => frameworks.id),
    weightSetId: integer('weight_set_id').references(() => weightSets.id),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ROUND_STATUSES }).notNull().default('draft'),
    opensOn: text('opens_on'),
    deadline: text('deadline'),
    closedAt: text('closed_at'),
    publishedAt: text('published_at'),
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('rounds_uq').on(t.networkId, t.frameworkId, t.year)],
);

/** A published round's frozen results (scores, weights, peers, clusters), named by charts and exports. */
export const roundSnapshots = sqliteTable(
  'round_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id').notNull().references(() => rounds.id),
    snapshotVersion: integer('snapshot_version').notNull(),
    payload: json<unknown>('payload').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('round_snapshots_uq').on(t.roundId, t.snapshotVersion)],
);

export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id').notNull().references(() => rounds.id),
    cityId: integer('city_id').notNull().references(() => cities.id),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('draft'),
    submittedAt: text('submitted_at'),
    validatedAt: text('validated_at'),
    returnComment: text('return_comment'),
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    version: version(),
    /** The `answers` data version of this submission's last change (set by triggers), so caches reload only what changed. */
    answersSeq: integer('answers_seq').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('submissions_uq').on(t.roundId, t.cityId), index('submissions_city_idx').on(t.cityId), index('submissions_round_answers_seq_idx').on(t.roundId, t.answersSeq)],
);

/** One answer per indicator; `value` null means "not answered" (never read as 0). */
export const scores = sqliteTable(
  'scores',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id').notNull().references(() => submissions.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    value: real('value'),
    evidenceText: text('evidence_text'),
    note: text('note'),
    /** Secretariat's comment when the submission is returned for this indicator. */
    reviewComment: text('review_comment'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('scores_uq').on(t.submissionId, t.indicatorId), index('scores_indicator_idx').on(t.indicatorId)],
);

/** Documents backing a score: minutes, annual reports, monitoring data, links. */
export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scoreId: integer('score_id').notNull().references(() => scores.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    documentType: text('document_type', { enum: DOCUMENT_TYPES }).notNull(),
    title: text('title').notNull(),
    url: text('url'),
  },
  (t) => [index('evidence_score_idx').on(t.scoreId)],
);

// ---------------------------------------------------------------- peer reviews, study visits, action plans

export const peerReviews = sqliteTable(
  'peer_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    networkId: integer('network_id').notNull().references(() => networks.id),
    roundId: integer('round_id').references(() => rounds.id),
    hostCityId: integer('host_city_id').notNull().references(() => cities.id),
    stage: text('stage', { enum: PEER_REVIEW_STAGES }).notNull().default('planned'),
    origin: text('origin', { enum: ['plan', 'manual'] }).notNull().default('manual'),
    leadExpertName: text('lead_expert_name'),
    leadExpertEmail: text('lead_expert_email'),
    visitStart: text('visit_start'),
    visitEnd: text('visit_end'),
    followUpReport: text('follow_up_report'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('peer_reviews_round_idx').on(t.roundId), index('peer_reviews_host_idx').on(t.hostCityId)],
);

export const peerReviewMembers = sqliteTable(
  'peer_review_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    peerReviewId: integer('peer_review_id').notNull().references(() => peerReviews.id, { onDelete: 'cascade' }),
    /** A reviewer city; null for members from NGOs or national agencies. */
    cityId: integer('city_id').references(() => cities.id),
    organisation: text('organisation'),
    personName: text('person_name'),
    role: text('role', { enum: ['reviewer', 'lead_expert', 'observer'] }).notNull().default('reviewer'),
  },
  (t) => [index('peer_review_members_review_idx').on(t.peerReviewId), index('peer_review_members_city_idx').on(t.cityId)],
);

/** Notes from each stage: desk review, interviews, focus groups, visit observations. */
export const peerReviewNotes = sqliteTable(
  'peer_review_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    peerReviewId: integer('peer_review_id').notNull().references(() => peerReviews.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: PEER_REVIEW_STAGES }).notNull(),
    kind: text('kind', { enum: ['desk_review', 'interview', 'focus_group', 'observation', 'other'] }).notNull(),
    heldOn: text('held_on'),
    text: text('text').notNull(),
    authorUserId: integer('author_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('peer_review_notes_review_idx').on(t.peerReviewId)],
);

/** Findings and recommendations per key factor, with a peer-validated score kept next to the self-score. */
export const peerReviewFindings = sqliteTable(
  'peer_review_findings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    peerReviewId: integer('peer_review_id').notNull().references(() => peerReviews.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    finding: text('finding').notNull().default(''),
    recommendation: text('recommendation').notNull().default(''),
    selfScore: real('self_score'),
    peerScore: real('peer_score'),
    version: version(),
  },
  (t) => [uniqueIndex('peer_review_findings_uq').on(t.peerReviewId, t.indicatorId)],
);

export const studyVisits = sqliteTable(
  'study_visits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    networkId: integer('network_id').notNull().references(() => networks.id),
    visitorCityId: integer('visitor_city_id').notNull().references(() => cities.id),
    hostCityId: integer('host_city_id').notNull().references(() => cities.id),
    /** The theme: the indicator (key factor) the visitor wants to learn about. */
    indicatorId: integer('indicator_id').references(() => indicators.id),
    year: integer('year').notNull(),
    status: text('status', { enum: STUDY_VISIT_STATUSES }).notNull().default('requested'),
    origin: text('origin', { enum: ['planner', 'manual'] }).notNull().default('manual'),
    scheduledFrom: text('scheduled_from'),
    scheduledTo: text('scheduled_to'),
    declineReason: text('decline_reason'),
    reportLessons: text('report_lessons'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('study_visits_host_idx').on(t.hostCityId, t.year), index('study_visits_visitor_idx').on(t.visitorCityId)],
);

/** How many study visits a host city receives per year in a network. */
export const hostCapacities = sqliteTable(
  'host_capacities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    networkId: integer('network_id').notNull().references(() => networks.id),
    cityId: integer('city_id').notNull().references(() => cities.id),
    year: integer('year').notNull(),
    capacity: integer('capacity').notNull(),
  },
  (t) => [uniqueIndex('host_capacities_uq').on(t.networkId, t.cityId, t.year)],
);

export const actionPlans = sqliteTable(
  'action_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    networkId: integer('network_id').notNull().references(() => networks.id),
    cityId: integer('city_id').notNull().references(() => cities.id),
    /** The round whose gaps the plan starts from. */
    baselineRoundId: integer('baseline_round_id').references(() => rounds.id),
    title: text('title').notNull(),
    status: text('status', { enum: ['draft', 'adopted', 'archived'] }).notNull().default('draft'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('action_plans_city_idx').on(t.cityId)],
);

export const actionItems = sqliteTable(
  'action_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionPlanId: integer('action_plan_id').notNull().references(() => actionPlans.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    goal: text('goal').notNull(),
    measures: text('measures').notNull().default(''),
    horizon: text('horizon', { enum: ['quick_win', 'long_term'] }).notNull(),
    owner: text('owner'),
    dueOn: text('due_on'),
    status: text('status', { enum: ACTION_STATUSES }).notNull().default('planned'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('action_items_plan_idx').on(t.actionPlanId)],
);

// ---------------------------------------------------------------- people, access, audit

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull().default(''),
  /** Argon2id hash; null until an invitation is accepted. */
  passwordHash: text('password_hash'),
  locale: text('locale').notNull().default('en'),
  disabledAt: text('disabled_at'),
  lastLoginAt: text('last_login_at'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

/** A role held by a user, scoped to a network (admin) or a city (editor/viewer). */
export const roleGrants = sqliteTable(
  'role_grants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    networkId: integer('network_id').references(() => networks.id),
    cityId: integer('city_id').references(() => cities.id),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('role_grants_user_idx').on(t.userId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the session secret held in the cookie. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    /** First characters of the token, to recognise it in a list. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role', { enum: ROLES }).notNull(),
    networkId: integer('network_id').references(() => networks.id),
    cityId: integer('city_id').references(() => cities.id),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const invitations = sqliteTable('invitations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  networkId: integer('network_id').references(() => networks.id),
  cityId: integer('city_id').references(() => cities.id),
  tokenHash: text('token_hash').notNull().unique(),
  invitedBy: integer('invited_by').references(() => users.id),
  createdAt: createdAt(),
  expiresAt: text('expires_at').notNull(),
  acceptedAt: text('accepted_at'),
  revokedAt: text('revoked_at'),
});

/** Messages waiting for a mail transport (none is reachable; the app lists them). */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    networkId: integer('network_id').references(() => networks.id),
    cityId: integer('city_id').references(() => cities.id),
    createdAt: createdAt(),
    sentAt: text('sent_at'),
  },
  (t) => [index('outbox_created_idx').on(t.createdAt)],
);

/** Append-only record of logins, changes and exports; the database refuses updates and deletes. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorUserId: integer('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    networkId: integer('network_id'),
    cityId: integer('city_id'),
    oldValue: json<unknown>('old_value'),
    newValue: json<unknown>('new_value'),
    clientAddress: text('client_address'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);

/** Replay protection for POST requests carrying an Idempotency-Key (kept 24 h). */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  key: text('key').primaryKey(),
  scope: text('scope').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status'),
  responseBody: text('response_body'),
  createdAt: createdAt(),
});

/** Differential-privacy budget spent per round by research exports. */
export const privacyLedger = sqliteTable(
  'privacy_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id').notNull().references(() => rounds.id),
    epsilon: real('epsilon').notNull(),
    userId: integer('user_id').references(() => users.id),
    exportId: text('export_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('privacy_ledger_round_idx').on(t.roundId)],
);

/** Stages of a research export job: waiting, the three build steps, then done or failed. */
export const EXPORT_JOB_STAGES = ['queued', 'loading', 'anonymising', 'writing', 'done', 'failed'] as const;

/**
 * Research export jobs, so every server process answers for a job that one of them runs
 * (services/exports/jobs.ts): progress, a heartbeat from the running process, and once done the
 * status fields (`result`) and the anonymised ZIP. Rows go an hour after they finish.
 */
export const exportJobs = sqliteTable(
  'export_jobs',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    /** networks of the exported rounds: their secretariats may see the job */
    networkIds: json<number[]>('network_ids').notNull(),
    /** ε held per round while the job is pending: [{ roundId, epsilon }] */
    reserved: json<{ roundId: number; epsilon: number }[]>('reserved').notNull(),
    stage: text('stage', { enum: EXPORT_JOB_STAGES }).notNull().default('queued'),
    percent: integer('percent').notNull().default(0),
    error: text('error'),
    /** what the status shows of a finished job (risk summary, rounds, files, bytes, duration) */
    result: json<unknown>('result'),
    zip: blob('zip', { mode: 'buffer' }),
    createdAt: text('created_at').notNull(),
    /** refreshed by the process running the job; an unfinished job gone quiet has lost its process */
    heartbeatAt: text('heartbeat_at').notNull(),
    finishedAt: text('finished_at'),
  },
  (t) => [index('export_jobs_finished_idx').on(t.finishedAt, t.heartbeatAt), index('export_jobs_user_idx').on(t.userId)],
);

/**
 * Change counters kept by triggers (migration 0003): `context` moves when cities, memberships,
 * context variables or values change; `answers` when submissions or scores change. Reading two
 * integers tells the analytics cache whether its matrices are still current.
 */
export const dataVersions = sqliteTable('data_versions', {
  key: text('key').primaryKey(),
  version: integer('version').notNull().default(0),
});

// ---------------------------------------------------------------- relations (for relational queries)

export const networksRelations = relations(networks, ({ many }) => ({ memberships: many(memberships), rounds: many(rounds) }));
export const citiesRelations = relations(cities, ({ many }) => ({
  memberships: many(memberships),
  contextValues: many(contextValues),
  submissions: many(submissions),
}));
export const membershipsRelations = relations(memberships, ({ one, many }) => ({
  network: one(networks, { fields: [memberships.networkId], references: [networks.id] }),
  city: one(cities, { fields: [memberships.cityId], references: [cities.id] }),
  events: many(membershipEvents),
}));
export const membershipEventsRelations = relations(membershipEvents, ({ one }) => ({
  membership: one(memberships, { fields: [membershipEvents.membershipId], references: [memberships.id] }),
}));
export const frameworksRelations = relations(frameworks, ({ many }) => ({
  areas: many(frameworkAreas),
  indicators: many(indicators),
  weightSets: many(weightSets),
}));
export const frameworkAreasRelations = relations(frameworkAreas, ({ one, many }) => ({
  framework: one(frameworks, { fields: [frameworkAreas.frameworkId], references: [frameworks.id] }),
  indicators: many(indicators),
}));
export const indicatorsRelations = relations(indicators, ({ one }) => ({
  framework: one(frameworks, { fields: [indicators.frameworkId], references: [frameworks.id] }),
  area: one(frameworkAreas, { fields: [indicators.areaId], references: [frameworkAreas.id] }),
}));
export const weightSetsRelations = relations(weightSets, ({ one }) => ({
  framework: one(frameworks, { fields: [weightSets.frameworkId], references: [frameworks.id] }),
}));
export const contextVariablesRelations = relations(contextVariables, ({ many }) => ({ values: many(contextValues) }));
export const contextValuesRelations = relations(contextValues, ({ one }) => ({
  city: one(cities, { fields: [contextValues.cityId], references: [cities.id] }),
  variable: one(contextVariables, { fields: [contextValues.variableId], references: [contextVariables.id] }),
}));
export const roundsRelations = relations(rounds, ({ one, many }) => ({
  network: one(networks, { fields: [rounds.networkId], references: [networks.id] }),
  framework: one(frameworks, { fields: [rounds.frameworkId], references: [frameworks.id] }),
  submissions: many(submissions),
}));
export const submissionsRelations = relations(submissions, ({ one, many }) => ({
  round: one(rounds, { fields: [submissions.roundId], references: [rounds.id] }),
  city: one(cities, { fields: [submissions.cityId], references: [cities.id] }),
  scores: many(scores),
}));
export const scoresRelations = relations(scores, ({ one, many }) => ({
  submission: one(submissions, { fields: [scores.submissionId], references: [submissions.id] }),
  indicator: one(indicators, { fields: [scores.indicatorId], references: [indicators.id] }),
  evidence: many(evidence),
}));
export const evidenceRelations = relations(evidence, ({ one }) => ({
  score: one(scores, { fields: [evidence.scoreId], references: [scores.id] }),
}));

export type City = typeof cities.$inferSelect;
export type Network = typeof networks.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Framework = typeof frameworks.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type ContextVariable = typeof contextVariables.$inferSelect;
export type Round = typeof rounds.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
export type Score = typeof scores.$inferSelect;
