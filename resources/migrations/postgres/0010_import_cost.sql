-- Import cost, version 10 (PostgreSQL): two indexes every imported row paid for and no search
-- needs (docs/benchmarks.md, "Where an import's time goes").
-- (country_id, age): (country_id, gender, age) serves the same filters; with no gender in the
-- filter the planner reads both genders' ranges of it (gender has two values).
DROP INDEX IF EXISTS profiles_country_age;
-- (country_name, id): a country sort now walks each country's (country_id, id) range in name
-- order, with or without a country filter (ProfileSearch::countrySortedPage).
DROP INDEX IF EXISTS profiles_country_name;
