CREATE TABLE `action_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_plan_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`goal` text NOT NULL,
	`measures` text DEFAULT '' NOT NULL,
	`horizon` text NOT NULL,
	`owner` text,
	`due_on` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`action_plan_id`) REFERENCES `action_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_items_plan_idx` ON `action_items` (`action_plan_id`);--> statement-breakpoint
CREATE TABLE `action_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`city_id` integer NOT NULL,
	`baseline_round_id` integer,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`baseline_round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_plans_city_idx` ON `action_plans` (`city_id`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`network_id` integer,
	`city_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`last_used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text,
	`entity_id` text,
	`network_id` integer,
	`city_id` integer,
	`old_value` text,
	`new_value` text,
	`client_address` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `cities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`local_name` text,
	`country_code` text NOT NULL,
	`lat` real,
	`lon` real,
	`population` integer,
	`population_year` integer,
	`population_source` text,
	`eurostat_code` text,
	`wikidata_id` text,
	`geonames_id` integer,
	`languages` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cities_eurostat_code_unique` ON `cities` (`eurostat_code`);--> statement-breakpoint
CREATE INDEX `cities_country_idx` ON `cities` (`country_code`);--> statement-breakpoint
CREATE INDEX `cities_name_idx` ON `cities` (`name`);--> statement-breakpoint
CREATE TABLE `context_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`city_id` integer NOT NULL,
	`variable_id` integer NOT NULL,
	`year` integer NOT NULL,
	`value_num` real,
	`value_text` text,
	`source` text NOT NULL,
	`source_url` text,
	`demo` integer DEFAULT false NOT NULL,
	`note` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`variable_id`) REFERENCES `context_variables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `context_values_uq` ON `context_values` (`city_id`,`variable_id`,`year`);--> statement-breakpoint
CREATE INDEX `context_values_variable_idx` ON `context_values` (`variable_id`);--> statement-breakpoint
CREATE TABLE `context_variables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`type` text NOT NULL,
	`unit` text,
	`higher_is` text DEFAULT 'neutral' NOT NULL,
	`levels` text DEFAULT '[]' NOT NULL,
	`scope` text DEFAULT 'city' NOT NULL,
	`transform` text DEFAULT 'none' NOT NULL,
	`default_weight` real DEFAULT 1 NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `context_variables_code_unique` ON `context_variables` (`code`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`score_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`document_type` text NOT NULL,
	`title` text NOT NULL,
	`url` text,
	FOREIGN KEY (`score_id`) REFERENCES `scores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evidence_score_idx` ON `evidence` (`score_id`);--> statement-breakpoint
CREATE TABLE `framework_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`code` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`weight` real DEFAULT 1 NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `framework_areas_code_uq` ON `framework_areas` (`framework_id`,`code`);--> statement-breakpoint
CREATE TABLE `frameworks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`version` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source` text,
	`owner_network_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`owner_network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `frameworks_slug_version_uq` ON `frameworks` (`slug`,`version`);--> statement-breakpoint
CREATE TABLE `host_capacities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`city_id` integer NOT NULL,
	`year` integer NOT NULL,
	`capacity` integer NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `host_capacities_uq` ON `host_capacities` (`network_id`,`city_id`,`year`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`response_body` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`code` text NOT NULL,
	`position` integer NOT NULL,
	`statement` text NOT NULL,
	`guiding_questions` text DEFAULT '[]' NOT NULL,
	`scale` text NOT NULL,
	`levels` text DEFAULT '[]' NOT NULL,
	`min_value` real,
	`max_value` real,
	`unit` text,
	`direction` text DEFAULT 'higher_better' NOT NULL,
	`weight` real DEFAULT 1 NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `framework_areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_uq` ON `indicators` (`framework_id`,`code`);--> statement-breakpoint
CREATE INDEX `indicators_area_idx` ON `indicators` (`area_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`network_id` integer,
	`city_id` integer,
	`token_hash` text NOT NULL,
	`invited_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`accepted_at` text,
	`revoked_at` text,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE TABLE `membership_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`membership_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`effective_on` text NOT NULL,
	`reason` text,
	`actor_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `membership_events_membership_idx` ON `membership_events` (`membership_id`);--> statement-breakpoint
CREATE TABLE `membership_fees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`membership_id` integer NOT NULL,
	`year` integer NOT NULL,
	`amount` real NOT NULL,
	`currency` text NOT NULL,
	`paid_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `membership_fees_uq` ON `membership_fees` (`membership_id`,`year`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`city_id` integer NOT NULL,
	`status` text DEFAULT 'applicant' NOT NULL,
	`applied_on` text,
	`joined_on` text,
	`left_on` text,
	`charter_signed_on` text,
	`annual_fee` real,
	`fee_currency` text,
	`coordinator_name` text,
	`coordinator_email` text,
	`deputy_name` text,
	`deputy_email` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_network_city_uq` ON `memberships` (`network_id`,`city_id`);--> statement-breakpoint
CREATE INDEX `memberships_city_idx` ON `memberships` (`city_id`);--> statement-breakpoint
CREATE TABLE `networks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`website` text,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `networks_slug_unique` ON `networks` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`network_id` integer,
	`city_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `peer_review_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`peer_review_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`finding` text DEFAULT '' NOT NULL,
	`recommendation` text DEFAULT '' NOT NULL,
	`self_score` real,
	`peer_score` real,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`peer_review_id`) REFERENCES `peer_reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `peer_review_findings_uq` ON `peer_review_findings` (`peer_review_id`,`indicator_id`);--> statement-breakpoint
CREATE TABLE `peer_review_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`peer_review_id` integer NOT NULL,
	`city_id` integer,
	`organisation` text,
	`person_name` text,
	`role` text DEFAULT 'reviewer' NOT NULL,
	FOREIGN KEY (`peer_review_id`) REFERENCES `peer_reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_review_members_review_idx` ON `peer_review_members` (`peer_review_id`);--> statement-breakpoint
CREATE INDEX `peer_review_members_city_idx` ON `peer_review_members` (`city_id`);--> statement-breakpoint
CREATE TABLE `peer_review_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`peer_review_id` integer NOT NULL,
	`stage` text NOT NULL,
	`kind` text NOT NULL,
	`held_on` text,
	`text` text NOT NULL,
	`author_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`peer_review_id`) REFERENCES `peer_reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_review_notes_review_idx` ON `peer_review_notes` (`peer_review_id`);--> statement-breakpoint
CREATE TABLE `peer_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`round_id` integer,
	`host_city_id` integer NOT NULL,
	`stage` text DEFAULT 'planned' NOT NULL,
	`origin` text DEFAULT 'manual' NOT NULL,
	`lead_expert_name` text,
	`lead_expert_email` text,
	`visit_start` text,
	`visit_end` text,
	`follow_up_report` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_reviews_round_idx` ON `peer_reviews` (`round_id`);--> statement-breakpoint
CREATE INDEX `peer_reviews_host_idx` ON `peer_reviews` (`host_city_id`);--> statement-breakpoint
CREATE TABLE `privacy_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`epsilon` real NOT NULL,
	`user_id` integer,
	`export_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_ledger_round_idx` ON `privacy_ledger` (`round_id`);--> statement-breakpoint
CREATE TABLE `role_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`network_id` integer,
	`city_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `role_grants_user_idx` ON `role_grants` (`user_id`);--> statement-breakpoint
CREATE TABLE `round_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`snapshot_version` integer NOT NULL,
	`payload` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_snapshots_uq` ON `round_snapshots` (`round_id`,`snapshot_version`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`framework_id` integer NOT NULL,
	`weight_set_id` integer,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_on` text,
	`deadline` text,
	`closed_at` text,
	`published_at` text,
	`demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`weight_set_id`) REFERENCES `weight_sets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_uq` ON `rounds` (`network_id`,`framework_id`,`year`);--> statement-breakpoint
CREATE TABLE `scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`value` real,
	`evidence_text` text,
	`note` text,
	`review_comment` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scores_uq` ON `scores` (`submission_id`,`indicator_id`);--> statement-breakpoint
CREATE INDEX `scores_indicator_idx` ON `scores` (`indicator_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `study_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`visitor_city_id` integer NOT NULL,
	`host_city_id` integer NOT NULL,
	`indicator_id` integer,
	`year` integer NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`origin` text DEFAULT 'manual' NOT NULL,
	`scheduled_from` text,
	`scheduled_to` text,
	`decline_reason` text,
	`report_lessons` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `study_visits_host_idx` ON `study_visits` (`host_city_id`,`year`);--> statement-breakpoint
CREATE INDEX `study_visits_visitor_idx` ON `study_visits` (`visitor_city_id`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`city_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`submitted_at` text,
	`validated_at` text,
	`return_comment` text,
	`demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_uq` ON `submissions` (`round_id`,`city_id`);--> statement-breakpoint
CREATE INDEX `submissions_city_idx` ON `submissions` (`city_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text,
	`locale` text DEFAULT 'en' NOT NULL,
	`disabled_at` text,
	`last_login_at` text,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `weight_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`version` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`indicator_weights` text NOT NULL,
	`area_weights` text NOT NULL,
	`min_answered_share` real DEFAULT 0.5 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weight_sets_uq` ON `weight_sets` (`framework_id`,`version`);