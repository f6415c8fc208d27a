-- An export counts (INGESTED) as soon as its duplicates are settled against the identities stored before it; its
-- own identities go into respondent_identity after that commit, while its run is computed. Until they are all
-- there the export's identities are pending: its instance owns that work under the export's lease (owner,
-- lease_until) and clears the mark in the transaction of the last of them; should the instance stop, any instance
-- writes them again from the export's rows once the lease ran out. A later export of the study settles only once
-- none of its study's exports has identities pending, so it never misses a response stored before it.
alter table survey_export add column identities_pending boolean default false not null;
