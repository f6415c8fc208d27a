-- The export whose landing made a response a duplicate (RespondentStore.settleDuplicates). A run's files leave a
-- duplicate out only when the run covers that export (its run_export), as its figures did when it was computed: an
-- export landing after the run makes none of the run's respondents disappear from its responses.csv.
-- A row stored before this version has none (null). Its export landed before any run computed since, so every such
-- run covers it: it is left out of every run's files, as before this version (a run computed before and written
-- after may leave out a response its figures count, as it did). No foreign key: a removed export's decisions go to
-- the export whose response counts then (RespondentStore.deleteExport).
alter table respondent_duplicate add column decided_by bigint;
