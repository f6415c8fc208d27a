-- What an export held when it was read, counted as it streamed by and kept with it when it was marked ingested:
-- respondents included before duplicates are settled, and those excluded for each reason. A run's data-quality
-- account takes these and subtracts the respondents that are duplicates now (read through the duplicate index),
-- so it costs the number of exports and duplicates, not the number of stored respondents. Exports ingested
-- before these were kept hold nulls and are counted from their rows.
alter table survey_export add column counted_included bigint;
alter table survey_export add column counted_incomplete bigint;
alter table survey_export add column counted_ineligible bigint;
alter table survey_export add column counted_no_segment bigint;
