-- Search, version 3 (SQLite): a summary of profile counts per (gender, age, country) so exact
-- counts and chart aggregates of filters on those columns never scan the profiles table.
-- SQLite has no statement-level triggers; row triggers keep it exact.

CREATE TABLE profile_counts (
    gender      TEXT NOT NULL,
    age         INTEGER NOT NULL,
    country_id  TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (gender, age, country_id)
) WITHOUT ROWID;

INSERT INTO profile_counts (gender, age, country_id, n)
    SELECT gender, age, country_id, count(*) FROM profiles WHERE true GROUP BY gender, age, country_id;

CREATE TRIGGER profiles_counts_insert AFTER INSERT ON profiles
BEGIN
    INSERT INTO profile_counts (gender, age, country_id, n) VALUES (NEW.gender, NEW.age, NEW.country_id, 1)
        ON CONFLICT (gender, age, country_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER profiles_counts_delete AFTER DELETE ON profiles
BEGIN
    UPDATE profile_counts SET n = n - 1
     WHERE gender = OLD.gender AND age = OLD.age AND country_id = OLD.country_id;
END;

CREATE TRIGGER profiles_counts_update AFTER UPDATE OF gender, age, country_id ON profiles
BEGIN
    UPDATE profile_counts SET n = n - 1
     WHERE gender = OLD.gender AND age = OLD.age AND country_id = OLD.country_id;
    INSERT INTO profile_counts (gender, age, country_id, n) VALUES (NEW.gender, NEW.age, NEW.country_id, 1)
        ON CONFLICT (gender, age, country_id) DO UPDATE SET n = n + 1;
END;

CREATE INDEX profiles_country_name ON profiles (country_name, id);
-- Sorting by country inside a country filter walks each country by id (see ProfileSearch).
CREATE INDEX profiles_country_id ON profiles (country_id, id);
