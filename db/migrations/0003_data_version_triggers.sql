-- Change counters for the analytics cache: each write to these tables moves its counter by one.
INSERT INTO `data_versions` (`key`, `version`) VALUES ('context', 0), ('answers', 0);
--> statement-breakpoint
CREATE TRIGGER `cities_insert_bumps_context` AFTER INSERT ON `cities`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `cities_update_bumps_context` AFTER UPDATE ON `cities`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `cities_delete_bumps_context` AFTER DELETE ON `cities`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_insert_bumps_context` AFTER INSERT ON `memberships`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_update_bumps_context` AFTER UPDATE ON `memberships`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_delete_bumps_context` AFTER DELETE ON `memberships`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `context_variables_insert_bumps_context` AFTER INSERT ON `context_variables`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `context_variables_update_bumps_context` AFTER UPDATE ON `context_variables`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `context_variables_delete_bumps_context` AFTER DELETE ON `context_variables`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `context_values_insert_bumps_context` AFTER INSERT ON `context_values`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `context_values_update_bumps_context` AFTER UPDATE ON `context_values`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `context_values_delete_bumps_context` AFTER DELETE ON `context_values`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'context';
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_insert_bumps_answers` AFTER INSERT ON `submissions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_update_bumps_answers` AFTER UPDATE ON `submissions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_delete_bumps_answers` AFTER DELETE ON `submissions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
END;
--> statement-breakpoint
CREATE TRIGGER `scores_insert_bumps_answers` AFTER INSERT ON `scores`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
END;
--> statement-breakpoint
CREATE TRIGGER `scores_update_bumps_answers` AFTER UPDATE ON `scores`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
END;
--> statement-breakpoint
CREATE TRIGGER `scores_delete_bumps_answers` AFTER DELETE ON `scores`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'answers';
END;
