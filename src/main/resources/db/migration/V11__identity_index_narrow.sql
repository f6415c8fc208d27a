-- The identity index holds the respondent id alone (with the row it points to), no longer every column the settling
-- reads. Each export's identities are scattered over the whole key range, so writing them rewrites nearly every
-- page of the index, however few they are: an export's cost grew with the size of the index, not with the export.
-- A narrow index is about a third the bytes to rewrite. The settling's lookups find the ids through it, and read
-- segment, study, export, row and end time from the table only for the ids found, the few a new export shares.
create index respondent_identity_by_id on respondent_identity (respondent_id);
drop index respondent_identity_by_key;
