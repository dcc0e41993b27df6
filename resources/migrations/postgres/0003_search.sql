-- Search, version 3 (PostgreSQL): a summary of profile counts per (gender, age, country) so
-- exact counts and chart aggregates of filters on those columns never scan the profiles table.
-- Kept exact by statement-level triggers with transition tables: a bulk COPY of a million rows
-- updates the summary once, with one grouped upsert, instead of once per row.

CREATE TABLE profile_counts (
    gender      text NOT NULL,
    age         smallint NOT NULL,
    country_id  text NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (gender, age, country_id)
);

INSERT INTO profile_counts (gender, age, country_id, n)
    SELECT gender, age, country_id, count(*) FROM profiles GROUP BY gender, age, country_id;

CREATE FUNCTION profile_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- ORDER BY: concurrent imports take the summary row locks in the same order (no deadlock).
    INSERT INTO profile_counts AS c (gender, age, country_id, n)
        SELECT gender, age, country_id, count(*) FROM new_rows
        GROUP BY gender, age, country_id ORDER BY gender, age, country_id
    ON CONFLICT (gender, age, country_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

CREATE FUNCTION profile_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profile_counts AS c SET n = c.n - d.n
      FROM (SELECT gender, age, country_id, count(*) AS n FROM old_rows
            GROUP BY gender, age, country_id ORDER BY gender, age, country_id) d
     WHERE c.gender = d.gender AND c.age = d.age AND c.country_id = d.country_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER profiles_counts_insert AFTER INSERT ON profiles
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_counts_add();

CREATE TRIGGER profiles_counts_delete AFTER DELETE ON profiles
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_counts_remove();

-- An UPDATE that changes a counted column: remove the old rows, add the new ones.
CREATE FUNCTION profile_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profile_counts AS c SET n = c.n - d.n
      FROM (SELECT gender, age, country_id, count(*) AS n FROM old_rows
            GROUP BY gender, age, country_id ORDER BY gender, age, country_id) d
     WHERE c.gender = d.gender AND c.age = d.age AND c.country_id = d.country_id;
    INSERT INTO profile_counts AS c (gender, age, country_id, n)
        SELECT gender, age, country_id, count(*) FROM new_rows
        GROUP BY gender, age, country_id ORDER BY gender, age, country_id
    ON CONFLICT (gender, age, country_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

CREATE TRIGGER profiles_counts_update AFTER UPDATE ON profiles
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_counts_move();

-- Keyset paging for the sort keys 0001 had no index for (name sorts by name_key, which is
-- unique and already indexed).
CREATE INDEX profiles_country_name ON profiles (country_name, id);
-- Sorting by country inside a country filter walks each country by id (see ProfileSearch).
CREATE INDEX profiles_country_id ON profiles (country_id, id);
