CREATE TABLE `export_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`network_ids` text NOT NULL,
	`reserved` text NOT NULL,
	`stage` text DEFAULT 'queued' NOT NULL,
	`percent` integer DEFAULT 0 NOT NULL,
	`error` text,
	`result` text,
	`zip` blob,
	`created_at` text NOT NULL,
	`heartbeat_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `export_jobs_finished_idx` ON `export_jobs` (`finished_at`,`heartbeat_at`);--> statement-breakpoint
CREATE INDEX `export_jobs_user_idx` ON `export_jobs` (`user_id`);