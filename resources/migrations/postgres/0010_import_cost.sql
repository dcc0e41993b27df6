-- Import cost, version 10 (PostgreSQL): fewer indexes for every imported row to maintain, with
-- the searches they served kept (docs/benchmarks.md, "Where an import's time goes").
-- (country_id, age) and (country_id, gender, age) become one (country_id, age, gender): a
-- country filter with an age range reads one range of it and checks the gender in the index,
-- and a country filter sorted by age reads it in age order (an incremental sort by id on top).
CREATE INDEX IF NOT EXISTS profiles_country_age_gender ON profiles (country_id, age, gender);
DROP INDEX IF EXISTS profiles_country_age;
DROP INDEX IF EXISTS profiles_country_gender_age;
-- (country_name, id): a country sort now walks each country's (country_id, id) range in name
-- order, with or without a country filter (ProfileSearch::countrySortedPage).
DROP INDEX IF EXISTS profiles_country_name;
