-- The respondents that are duplicates now (docs/analysis-rules.md, 2.6), kept apart from the respondent table: as a
-- flag on every respondent, finding them took an index over the flag, which each stored respondent had to enter
-- (about a sixth of the time storing rows). Here only the duplicates have a row: the settling adds and removes them
-- by primary key, and a run reads a study's duplicates through the second index.
create table respondent_duplicate (
    export_id     bigint        not null,
    row_no        bigint        not null,
    study         varchar(64)   not null,
    primary key (export_id, row_no),
    constraint respondent_duplicate_of foreign key (export_id, row_no) references respondent (export_id, row_no)
);
create index respondent_duplicate_by_study on respondent_duplicate (study, export_id);

insert into respondent_duplicate (export_id, row_no, study)
    select export_id, row_no, study from respondent where duplicate = true order by export_id, row_no;

drop index respondent_duplicates;
alter table respondent drop column duplicate;
