-- Insighta Desk schema, version 1 (SQLite). Timestamps are ISO-8601 UTC text with
-- milliseconds ('2026-01-02T03:04:05.678Z'), which sorts correctly as text.

CREATE TABLE profiles (
    id                  TEXT PRIMARY KEY,                  -- UUID v7
    name                TEXT NOT NULL,
    name_key            TEXT NOT NULL,                     -- trimmed, spaces collapsed, case-folded
    gender              TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    gender_probability  REAL NOT NULL DEFAULT 0 CHECK (gender_probability BETWEEN 0 AND 1),
    age                 INTEGER NOT NULL CHECK (age BETWEEN 0 AND 150),
    age_group           TEXT NOT NULL CHECK (age_group IN ('child', 'teenager', 'adult', 'senior')),
    country_id          TEXT NOT NULL CHECK (length(country_id) = 2),
    country_name        TEXT NOT NULL,
    country_probability REAL NOT NULL DEFAULT 0 CHECK (country_probability BETWEEN 0 AND 1),
    created_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX profiles_name_key ON profiles (name_key);
-- Keyset paging by (created_at, id) and the common filters with their sort keys.
CREATE INDEX profiles_created ON profiles (created_at, id);
CREATE INDEX profiles_gender_age ON profiles (gender, age);
CREATE INDEX profiles_country_age ON profiles (country_id, age);
CREATE INDEX profiles_country_gender_age ON profiles (country_id, gender, age);
CREATE INDEX profiles_age ON profiles (age, id);
CREATE INDEX profiles_gender_probability ON profiles (gender_probability, id);

CREATE TABLE imports (
    id              TEXT PRIMARY KEY,
    file_name       TEXT NOT NULL,
    file_path       TEXT,
    file_size       INTEGER NOT NULL DEFAULT 0,
    sha256          TEXT,
    status          TEXT NOT NULL DEFAULT 'running'
                        CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'failed')),
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    encoding        TEXT,
    delimiter       TEXT,
    rows_read       INTEGER NOT NULL DEFAULT 0,
    rows_valid      INTEGER NOT NULL DEFAULT 0,
    rows_loaded     INTEGER NOT NULL DEFAULT 0,
    rows_skipped    INTEGER NOT NULL DEFAULT 0,
    bytes_committed INTEGER NOT NULL DEFAULT 0,       -- resume checkpoint
    report_json     TEXT,
    error           TEXT
);
CREATE INDEX imports_started ON imports (started_at);
CREATE INDEX imports_sha256 ON imports (sha256);

CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL DEFAULT '{}',
    priority        INTEGER NOT NULL DEFAULT 5,       -- 0 = most urgent
    state           TEXT NOT NULL DEFAULT 'available'
                        CHECK (state IN ('available', 'running', 'retryable', 'completed', 'dead', 'cancelled', 'blocked')),
    run_at          TEXT NOT NULL,
    attempt         INTEGER NOT NULL DEFAULT 0,
    max_attempts    INTEGER NOT NULL DEFAULT 4,
    errors          TEXT NOT NULL DEFAULT '[]',       -- one entry per failed attempt
    lease_owner     TEXT,
    lease_expires_at TEXT,
    unique_key      TEXT,
    progress        REAL,
    progress_text   TEXT,
    result          TEXT,
    blocked_reason  TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    finished_at     TEXT
);
CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key) WHERE unique_key IS NOT NULL
    AND state NOT IN ('completed', 'dead', 'cancelled');
CREATE INDEX jobs_claim ON jobs (state, run_at, priority);
CREATE INDEX jobs_kind ON jobs (kind, state);

CREATE TABLE job_dependencies (
    job_id      INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    depends_on  INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, depends_on)
);
CREATE INDEX job_dependencies_reverse ON job_dependencies (depends_on);

CREATE TABLE interviews (
    id               TEXT PRIMARY KEY,
    candidate_name   TEXT NOT NULL,
    candidate_email  TEXT,
    role             TEXT NOT NULL,
    scheduled_at     TEXT,
    started_at       TEXT,
    ended_at         TEXT,
    status           TEXT NOT NULL DEFAULT 'scheduled'
                         CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
    transcript_json  TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX interviews_candidate ON interviews (candidate_name);
CREATE INDEX interviews_started ON interviews (started_at);

CREATE TABLE transcript_turns (
    id            TEXT PRIMARY KEY,
    interview_id  TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    sequence      INTEGER NOT NULL,
    speaker       TEXT NOT NULL,
    text          TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    UNIQUE (interview_id, sequence)
);

CREATE TABLE assessments (
    id              TEXT PRIMARY KEY,
    interview_id    TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'generating', 'ready', 'failed')),
    summary         TEXT,
    scorecard_json  TEXT,                             -- [{competency, score 1-5, evidence[]}]
    strengths_json  TEXT,
    concerns_json   TEXT,
    recommendation  TEXT,
    provider        TEXT,
    model           TEXT,
    job_id          INTEGER,
    generated_at    TEXT,
    error           TEXT,
    updated_at      TEXT NOT NULL
);
CREATE INDEX assessments_interview ON assessments (interview_id);

CREATE TABLE emails (
    id               TEXT PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,                   -- invitation, report
    interview_id     TEXT REFERENCES interviews(id) ON DELETE SET NULL,
    recipients       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    payload_json     TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'queued'
                         CHECK (status IN ('queued', 'sending', 'sent', 'held', 'failed')),
    provider_id      TEXT,
    error            TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT
);
