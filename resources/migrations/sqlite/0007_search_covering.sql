-- Search, version 7 (SQLite): one covering index for the filters the summary table cannot
-- answer (a minimum gender or country probability). Counting or grouping such a filter reads
-- only this index, in (country_id, gender, age) order, instead of every table row: the key
-- columns are the old profiles_country_gender_age's, so it replaces that index and every plan
-- that used it keeps its prefix.

CREATE INDEX profiles_demographics
    ON profiles (country_id, gender, age, gender_probability, country_probability);
DROP INDEX profiles_country_gender_age;
