-- Since this version an export's identities are written before its duplicates are settled, in transactions of their
-- own (RespondentStore.writeIdentities), no longer in the transaction that marks it ingested: on H2 that commit went
-- over every identity again. So, unlike V8 says, respondent_identity may hold identities of an export that is not
-- ingested (being settled, or left by a stopped instance until its export is taken over and removed). The settling
-- leaves them out; nothing else reads them. The table says so to whoever looks at it.
comment on table respondent_identity is 'Identities duplicates are settled over; those of exports not INGESTED do not count (RespondentStore).';
