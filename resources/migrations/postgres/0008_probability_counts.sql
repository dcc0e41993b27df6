-- Search, version 8 (PostgreSQL): exact counts and chart aggregates for filters with a minimum
-- gender or country probability, which profile_counts (0003) cannot answer: at 10M profiles
-- they scanned the table (0.8-4 s). Two more summaries, one per probability, keyed by the
-- probability's hundredth as well: the canonical filter rounds a minimum probability to
-- 2 decimals, so "probability >= k/100" is exactly "bucket >= k" and a sum over the summary is
-- as exact as COUNT(*). Kept by statement-level triggers like profile_counts.

-- The hundredth a probability falls in: the largest k with p >= k/100, where k/100 is the
-- double a client sends for the 2-decimal threshold (k::float8 / 100 rounds the same way).
-- floor(p * 100) alone can be one off (0.29 * 100 = 28.999999999999996), hence the two checks.
CREATE FUNCTION probability_bucket(p double precision) RETURNS smallint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (floor(p * 100) - (p < floor(p * 100) / 100)::int + (p >= (floor(p * 100) + 1) / 100)::int)::smallint;

-- Gender leads the key so that a gender (or both, spelled out) and a bucket range bound one
-- index range; age and country are then checked in the index.
CREATE TABLE profile_gp_counts (
    gender      text NOT NULL,
    bucket      smallint NOT NULL, -- probability_bucket(gender_probability)
    age         smallint NOT NULL,
    country_id  text NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (gender, bucket, age, country_id)
);

CREATE TABLE profile_cp_counts (
    gender      text NOT NULL,
    bucket      smallint NOT NULL, -- probability_bucket(country_probability)
    age         smallint NOT NULL,
    country_id  text NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (gender, bucket, age, country_id)
);

-- A country filter reads its country's range instead of the whole summary (135 ms -> 13 ms for
-- "Nigerian adults, country probability >= 0.5" at 10M profiles).
CREATE INDEX profile_gp_counts_country ON profile_gp_counts (country_id, bucket);
CREATE INDEX profile_cp_counts_country ON profile_cp_counts (country_id, bucket);

INSERT INTO profile_gp_counts (gender, bucket, age, country_id, n)
    SELECT gender, probability_bucket(gender_probability), age, country_id, count(*) FROM profiles
    GROUP BY 1, 2, 3, 4;
INSERT INTO profile_cp_counts (gender, bucket, age, country_id, n)
    SELECT gender, probability_bucket(country_probability), age, country_id, count(*) FROM profiles
    GROUP BY 1, 2, 3, 4;
-- Statistics now, not at autovacuum's next visit: the first searches after the upgrade plan
-- with them.
ANALYZE profile_gp_counts;
ANALYZE profile_cp_counts;

-- ORDER BY: concurrent imports take the summary row locks in the same order (no deadlock).
CREATE FUNCTION profile_probability_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO profile_gp_counts AS c (gender, bucket, age, country_id, n)
        SELECT gender, probability_bucket(gender_probability), age, country_id, count(*) FROM new_rows
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (gender, bucket, age, country_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    INSERT INTO profile_cp_counts AS c (gender, bucket, age, country_id, n)
        SELECT gender, probability_bucket(country_probability), age, country_id, count(*) FROM new_rows
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (gender, bucket, age, country_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

CREATE FUNCTION profile_probability_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profile_gp_counts AS c SET n = c.n - d.n
      FROM (SELECT gender, probability_bucket(gender_probability) AS bucket, age, country_id, count(*) AS n
              FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4) d
     WHERE c.gender = d.gender AND c.bucket = d.bucket AND c.age = d.age AND c.country_id = d.country_id;
    UPDATE profile_cp_counts AS c SET n = c.n - d.n
      FROM (SELECT gender, probability_bucket(country_probability) AS bucket, age, country_id, count(*) AS n
              FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4) d
     WHERE c.gender = d.gender AND c.bucket = d.bucket AND c.age = d.age AND c.country_id = d.country_id;
    RETURN NULL;
END
$$;

-- An UPDATE: remove the old rows, add the new ones (a net-zero change leaves n as it was).
CREATE FUNCTION profile_probability_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profile_gp_counts AS c SET n = c.n - d.n
      FROM (SELECT gender, probability_bucket(gender_probability) AS bucket, age, country_id, count(*) AS n
              FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4) d
     WHERE c.gender = d.gender AND c.bucket = d.bucket AND c.age = d.age AND c.country_id = d.country_id;
    UPDATE profile_cp_counts AS c SET n = c.n - d.n
      FROM (SELECT gender, probability_bucket(country_probability) AS bucket, age, country_id, count(*) AS n
              FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4) d
     WHERE c.gender = d.gender AND c.bucket = d.bucket AND c.age = d.age AND c.country_id = d.country_id;
    INSERT INTO profile_gp_counts AS c (gender, bucket, age, country_id, n)
        SELECT gender, probability_bucket(gender_probability), age, country_id, count(*) FROM new_rows
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (gender, bucket, age, country_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    INSERT INTO profile_cp_counts AS c (gender, bucket, age, country_id, n)
        SELECT gender, probability_bucket(country_probability), age, country_id, count(*) FROM new_rows
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (gender, bucket, age, country_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

CREATE TRIGGER profiles_probability_counts_insert AFTER INSERT ON profiles
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_probability_counts_add();

CREATE TRIGGER profiles_probability_counts_delete AFTER DELETE ON profiles
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_probability_counts_remove();

CREATE TRIGGER profiles_probability_counts_update AFTER UPDATE ON profiles
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_probability_counts_move();
