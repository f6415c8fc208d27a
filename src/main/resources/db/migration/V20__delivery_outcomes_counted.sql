-- How many times each outbox row was made (DONE) and failed for good (FAILED), for the deliveries counter:
-- an operator's redelivery sets the row back to PENDING but leaves these, so the counter never goes down.
-- Rows made before these columns count once, as their state says.
alter table delivery add column times_done integer default 0 not null;
alter table delivery add column times_failed integer default 0 not null;
update delivery set times_done = 1 where status = 'DONE';
update delivery set times_failed = 1 where status = 'FAILED';
