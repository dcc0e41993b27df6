-- Import cost, version 10 (SQLite): as on PostgreSQL, two indexes that every imported row paid
-- for and no search needs. (country_id, age) is served by profiles_demographics (0007), whose
-- key starts (country_id, gender, age); a country sort walks (country_id, id) per country.
DROP INDEX IF EXISTS profiles_country_age;
DROP INDEX IF EXISTS profiles_country_name;
