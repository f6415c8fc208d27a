-- Each ingested export's figure tallies (FigureTallies as text: counts and weight sums per question and group),
-- counted as the export was read and stored when it was marked ingested. A run adds up those of the exports it
-- covers and takes off the respondents that are duplicates now, so its cost follows the study, not the store.
-- layout names the study definition the tallies were counted under; another definition counts them again.
create table export_tallies (
    export_id     bigint        not null primary key references survey_export (id),
    layout        varchar(64)   not null,
    tallies       text          not null
);

-- A run reads the duplicates of a study's exports, and only them.
create index respondent_duplicates on respondent (study, duplicate, export_id);
