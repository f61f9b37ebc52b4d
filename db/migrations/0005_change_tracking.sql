ALTER TABLE `submissions` ADD `answers_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `submissions_round_answers_seq_idx` ON `submissions` (`round_id`,`answers_seq`);--> statement-breakpoint
-- Change tracking for the caches: which submissions changed since a given `answers` version,
-- counters for access rules (who may do what) and rounds, and networks (their names show on city
-- pages) under `context`.
INSERT INTO `data_versions` (`key`, `version`) VALUES ('access', 0), ('rounds', 0);
--> statement-breakpoint
DROP TRIGGER `scores_insert_bumps_answers`;
--> statement-breakpoint
CREATE TRIGGER `scores_insert_bumps_answers` AFTER INSERT ON `scores`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
  UPDATE `submissions` SET `answers_seq` = (SELECT `version` FROM `data_versions` WHERE `key` = 'answers') WHERE `id` = NEW.`submission_id`;
END;
--> statement-breakpoint
DROP TRIGGER `scores_update_bumps_answers`;
--> statement-breakpoint
CREATE TRIGGER `scores_update_bumps_answers` AFTER UPDATE ON `scores`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
  UPDATE `submissions` SET `answers_seq` = (SELECT `version` FROM `data_versions` WHERE `key` = 'answers') WHERE `id` = NEW.`submission_id`;
END;
--> statement-breakpoint
DROP TRIGGER `scores_delete_bumps_answers`;
--> statement-breakpoint
CREATE TRIGGER `scores_delete_bumps_answers` AFTER DELETE ON `scores`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
  UPDATE `submissions` SET `answers_seq` = (SELECT `version` FROM `data_versions` WHERE `key` = 'answers') WHERE `id` = OLD.`submission_id`;
END;
--> statement-breakpoint
DROP TRIGGER `submissions_insert_bumps_answers`;
--> statement-breakpoint
CREATE TRIGGER `submissions_insert_bumps_answers` AFTER INSERT ON `submissions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
  UPDATE `submissions` SET `answers_seq` = (SELECT `version` FROM `data_versions` WHERE `key` = 'answers') WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
DROP TRIGGER `submissions_update_bumps_answers`;
--> statement-breakpoint
CREATE TRIGGER `submissions_update_bumps_answers` AFTER UPDATE OF `round_id`, `city_id`, `status`, `submitted_at`, `validated_at`, `return_comment`, `demo`, `version`, `created_at`, `updated_at` ON `submissions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
  UPDATE `submissions` SET `answers_seq` = (SELECT `version` FROM `data_versions` WHERE `key` = 'answers') WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `users_update_bumps_access` AFTER UPDATE OF `email`, `name`, `disabled_at` ON `users`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_bumps_access` AFTER DELETE ON `users`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `role_grants_insert_bumps_access` AFTER INSERT ON `role_grants`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `role_grants_update_bumps_access` AFTER UPDATE ON `role_grants`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `role_grants_delete_bumps_access` AFTER DELETE ON `role_grants`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_update_bumps_access` AFTER UPDATE OF `user_id`, `role`, `network_id`, `city_id`, `expires_at`, `revoked_at` ON `api_tokens`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_delete_bumps_access` AFTER DELETE ON `api_tokens`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `sessions_update_bumps_access` AFTER UPDATE OF `user_id`, `csrf_token`, `expires_at`, `revoked_at` ON `sessions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `sessions_delete_bumps_access` AFTER DELETE ON `sessions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_insert_bumps_rounds` AFTER INSERT ON `rounds`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'rounds';
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_update_bumps_rounds` AFTER UPDATE ON `rounds`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'rounds';
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_delete_bumps_rounds` AFTER DELETE ON `rounds`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'rounds';
END;
--> statement-breakpoint
CREATE TRIGGER `networks_insert_bumps_context` AFTER INSERT ON `networks`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `networks_update_bumps_context` AFTER UPDATE ON `networks`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `networks_delete_bumps_context` AFTER DELETE ON `networks`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
