-- A third change counter: which cities take part in a round changes only when a submission is created or removed (not when answers change).
INSERT INTO `data_versions` (`key`, `version`) VALUES ('roster', 0);
--> statement-breakpoint
CREATE TRIGGER `submissions_insert_bumps_roster` AFTER INSERT ON `submissions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'roster';
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_delete_bumps_roster` AFTER DELETE ON `submissions`
BEGIN
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `key` = 'roster';
END;
