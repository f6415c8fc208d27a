-- The identities duplicates are settled over (docs/analysis-rules.md, 2.6): one row per included respondent with a
-- respondent id of each ingested export, written once, sorted, in the transaction that marks the export ingested
-- (RespondentStore.settleDuplicates). Rows of an export being read, interrupted or rejected are never here, so the
-- settling needs no look at an export's status. It replaces the index on respondent (study, segment,
-- respondent_id): that one was written at every batch while an export was read, and over scattered ids each
-- commit rewrote its pages all over the store; this one is filled once per export in key order.
create table respondent_identity (
    study         varchar(64)   not null,
    segment       varchar(64),
    respondent_id varchar(200)  not null,
    export_id     bigint        not null,
    row_no        bigint        not null,
    ended_at      timestamp with time zone
);
-- every column the settling reads, so its lookups are answered from the index alone; the respondent id first, so
-- that one query looks up a list of ids through it (H2 takes an IN list through an index's first column only)
create index respondent_identity_by_key on respondent_identity (respondent_id, segment, study, export_id, row_no, ended_at);

-- Respondents of exports ingested before this migration.
insert into respondent_identity (study, segment, respondent_id, export_id, row_no, ended_at)
    select r.study, r.segment, r.respondent_id, r.export_id, r.row_no, r.ended_at
    from respondent r join survey_export e on e.id = r.export_id
    where e.status = 'INGESTED' and r.exclusion is null and r.respondent_id is not null
    order by r.respondent_id, r.segment, r.study, r.export_id, r.row_no;

drop index respondent_by_identity;
