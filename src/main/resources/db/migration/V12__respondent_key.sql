-- Respondent rows keyed by one number, respondent_key = export_id * 2^32 + row_no (see RespondentKey).
-- H2 keeps a table whose primary key is one bigint column in a single B-tree, its rows ordered by that key; with
-- the key (export_id, row_no) it kept the rows under a hidden row id and the key as an index beside them, so each
-- stored respondent went into two trees, and each commit went over both. The key keeps an export's rows together
-- and in row order, so "the rows of export E" are the key range [E * 2^32, (E + 1) * 2^32).
-- Not references: on H2 a foreign key on export_id would need an index on export_id, the second tree again. The
-- service writes a respondent only for an export it has claimed and removes them before the export is given up.
create table respondent_keyed (
    respondent_key bigint        not null primary key,
    export_id     bigint        not null,
    row_no        bigint        not null,
    study         varchar(64)   not null,
    segment       varchar(64),
    respondent_id varchar(200),
    ended_at      timestamp with time zone,
    weight        double precision not null,
    exclusion     varchar(16),
    answers       varchar(1000000) not null
);

insert into respondent_keyed (respondent_key, export_id, row_no, study, segment, respondent_id, ended_at, weight,
                              exclusion, answers)
    select export_id * 4294967296 + row_no, export_id, row_no, study, segment, respondent_id, ended_at, weight,
           exclusion, answers
    from respondent order by export_id, row_no;

-- a duplicate names its respondent by (export_id, row_no): the key of respondent_duplicate stays as it is
alter table respondent_duplicate drop constraint respondent_duplicate_of;
drop table respondent;
alter table respondent_keyed rename to respondent;
