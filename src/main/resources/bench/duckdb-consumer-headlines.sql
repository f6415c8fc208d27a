-- The anchor of the benchmark: the same analysis caregap makes of a consumer Qualtrics export, written the way an
-- analyst would write it in DuckDB, so caregap's time can be read against it (docs/analysis-rules.md).
-- Like for like, what matters for the consumer headline shares:
--   * the same CSV file, read whole (every column, quoted fields with line breaks), as text;
--   * Qualtrics' second and third header rows (question texts, ImportIds) dropped;
--   * completion (2.5): Finished false/0 or Progress below 100 is incomplete;
--   * eligibility (2.3): an age under 18 ("17", "17 years", "17 yrs", "17 y") is ineligible;
--   * duplicates (2.6): per respondent id, the latest end timestamp counts, a missing one counts as oldest, a tie
--     goes to the later row (one file here);
--   * country (2.2): the spellings the rules list, ignoring case, mapped to the study's three countries;
--   * answers (2.1): matched to option texts after trimming, collapsing white space and ignoring case, or by
--     option number;
--   * the headline shares of consumers: C_CARE top-2 (feel cared for), C_MOBILE_SAT top-2 (satisfied with
--     mobile), C_OPEN_MOBILE "Yes" (open to mobile), each over its base (a valid answer), in total and by country.
-- Left out (caregap does them, they cost little beside reading): the multi-select and matrix figures, intervals,
-- z-tests, age bands, issues recorded per value, personal data dropped. So the anchor is, if anything, lighter.
-- {file} is replaced by the export's path (a quoted SQL text).
with raw as (
    select row_number() over () as row_no, *
    from read_csv({file}, header = true, all_varchar = true, quote = '"', escape = '"', strict_mode = false)
),
rows as (
    select * from raw
    where "ResponseId" is distinct from 'Response ID' and coalesce("ResponseId", '') not like '{%ImportId%'
),
cleaned as (
    select row_no, "ResponseId" as respondent_id,
           try_strptime("EndDate", '%Y-%m-%d %H:%M:%S') as ended_at,
           lower(trim(coalesce("Finished", ''))) in ('false', '0')
               or coalesce(try_cast("Progress" as double), 100) < 100 as incomplete,
           coalesce(try_cast(regexp_extract(lower(trim("C_AGE")), '^(\d+)\s*(years|yrs|y)?$', 1) as integer), 99) < 18
               as ineligible,
           case
               when lower(trim("C_COUNTRY")) in ('united states', 'united states of america', 'usa', 'us', 'u.s.',
                                                 'u.s.a.', 'america', '1') then 'United States'
               when lower(trim("C_COUNTRY")) in ('united kingdom', 'uk', 'u.k.', 'gb', 'great britain', 'britain',
                                                 'england', 'scotland', 'wales', 'northern ireland', '2') then 'United Kingdom'
               when lower(trim("C_COUNTRY")) in ('australia', 'au', 'aus', '3') then 'Australia'
           end as country,
           lower(regexp_replace(trim("C_CARE"), '\s+', ' ', 'g')) as care,
           lower(regexp_replace(trim("C_MOBILE_SAT"), '\s+', ' ', 'g')) as mobile_sat,
           lower(regexp_replace(trim("C_OPEN_MOBILE"), '\s+', ' ', 'g')) as open_mobile
    from rows
),
included as (
    select * from cleaned
    where not incomplete and not ineligible
    qualify respondent_id is null
         or row_number() over (partition by respondent_id order by ended_at desc nulls last, row_no desc) = 1
),
answers as (
    select country,
           case when care in ('agree', 'strongly agree', '4', '5', '4.0', '5.0') then 1
                when care in ('strongly disagree', 'disagree', 'neither agree nor disagree', '1', '2', '3', '1.0', '2.0',
                              '3.0') then 0 end as cared_for,
           case when mobile_sat in ('satisfied', 'very satisfied', '4', '5', '4.0', '5.0') then 1
                when mobile_sat in ('very dissatisfied', 'dissatisfied', 'neither satisfied nor dissatisfied', '1', '2',
                                    '3', '1.0', '2.0', '3.0') then 0 end as satisfied_mobile,
           case when open_mobile in ('yes', '1', '1.0') then 1
                when open_mobile in ('no', 'not sure', '2', '3', '2.0', '3.0') then 0 end as open_to_mobile
    from included
)
select case when grouping(country) = 1 then 'total' else coalesce(country, '(no country)') end as breakdown_group,
       count(cared_for) as cared_for_base, sum(cared_for) as cared_for_count, avg(cared_for) as cared_for_share,
       count(satisfied_mobile) as satisfied_base, sum(satisfied_mobile) as satisfied_count,
       avg(satisfied_mobile) as satisfied_share,
       count(open_to_mobile) as open_base, sum(open_to_mobile) as open_count, avg(open_to_mobile) as open_share
from answers
group by grouping sets ((country), ())
order by breakdown_group
