-- How far an export's pending identities are written: the id hash (respondent_identity.id_hash, in the order they are
-- written) through which every identity of the export is in respondent_identity; null while none is. Each chunk's
-- transaction sets it with the chunk. A later export of the study settles behind it: each of its chunks of ids,
-- sorted the same way, is looked up once every pending export of the study is written past that chunk's last hash,
-- so it no longer waits for the whole of the export before it. A takeover, which writes them again from the rows,
-- starts it again from null.
alter table survey_export add column identities_through bigint;
