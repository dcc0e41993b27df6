-- Insighta Desk schema, version 1 (PostgreSQL).

CREATE TABLE profiles (
    id                  uuid PRIMARY KEY,                  -- UUID v7
    name                text NOT NULL,
    name_key            text NOT NULL,                     -- trimmed, spaces collapsed, case-folded
    gender              text NOT NULL CHECK (gender IN ('male', 'female')),
    gender_probability  double precision NOT NULL DEFAULT 0 CHECK (gender_probability BETWEEN 0 AND 1),
    age                 smallint NOT NULL CHECK (age BETWEEN 0 AND 150),
    age_group           text NOT NULL CHECK (age_group IN ('child', 'teenager', 'adult', 'senior')),
    -- text with a length check, not char(2): a text parameter can then use the indexes.
    country_id          text NOT NULL CHECK (length(country_id) = 2),
    country_name        text NOT NULL,
    country_probability double precision NOT NULL DEFAULT 0 CHECK (country_probability BETWEEN 0 AND 1),
    created_at          timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE UNIQUE INDEX profiles_name_key ON profiles (name_key);
CREATE INDEX profiles_created ON profiles (created_at, id);
CREATE INDEX profiles_gender_age ON profiles (gender, age);
CREATE INDEX profiles_country_age ON profiles (country_id, age);
CREATE INDEX profiles_country_gender_age ON profiles (country_id, gender, age);
CREATE INDEX profiles_age ON profiles (age, id);
CREATE INDEX profiles_gender_probability ON profiles (gender_probability, id);

CREATE TABLE imports (
    id              uuid PRIMARY KEY,
    file_name       text NOT NULL,
    file_path       text,
    file_size       bigint NOT NULL DEFAULT 0,
    sha256          text,
    status          text NOT NULL DEFAULT 'running'
                        CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'failed')),
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    encoding        text,
    delimiter       text,
    rows_read       bigint NOT NULL DEFAULT 0,
    rows_valid      bigint NOT NULL DEFAULT 0,
    rows_loaded     bigint NOT NULL DEFAULT 0,
    rows_skipped    bigint NOT NULL DEFAULT 0,
    bytes_committed bigint NOT NULL DEFAULT 0,
    report_json     text,
    error           text
);
CREATE INDEX imports_started ON imports (started_at);
CREATE INDEX imports_sha256 ON imports (sha256);

CREATE TABLE jobs (
    id              bigserial PRIMARY KEY,
    kind            text NOT NULL,
    payload         text NOT NULL DEFAULT '{}',
    priority        integer NOT NULL DEFAULT 5,
    state           text NOT NULL DEFAULT 'available'
                        CHECK (state IN ('available', 'running', 'retryable', 'completed', 'dead', 'cancelled', 'blocked')),
    run_at          timestamptz NOT NULL,
    attempt         integer NOT NULL DEFAULT 0,
    max_attempts    integer NOT NULL DEFAULT 4,
    errors          text NOT NULL DEFAULT '[]',
    lease_owner     text,
    lease_expires_at timestamptz,
    unique_key      text,
    progress        double precision,
    progress_text   text,
    result          text,
    blocked_reason  text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    finished_at     timestamptz
);
CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key) WHERE unique_key IS NOT NULL
    AND state NOT IN ('completed', 'dead', 'cancelled');
CREATE INDEX jobs_claim ON jobs (state, run_at, priority);
CREATE INDEX jobs_kind ON jobs (kind, state);

CREATE TABLE job_dependencies (
    job_id      bigint NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    depends_on  bigint NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, depends_on)
);
CREATE INDEX job_dependencies_reverse ON job_dependencies (depends_on);

CREATE TABLE interviews (
    id               uuid PRIMARY KEY,
    candidate_name   text NOT NULL,
    candidate_email  text,
    role             text NOT NULL,
    scheduled_at     timestamptz,
    started_at       timestamptz,
    ended_at         timestamptz,
    status           text NOT NULL DEFAULT 'scheduled'
                         CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
    transcript_json  text,
    created_at       timestamptz NOT NULL
);
CREATE INDEX interviews_candidate ON interviews (candidate_name);
CREATE INDEX interviews_started ON interviews (started_at);

CREATE TABLE transcript_turns (
    id            uuid PRIMARY KEY,
    interview_id  uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    sequence      integer NOT NULL,
    speaker       text NOT NULL,
    text          text NOT NULL,
    started_at    timestamptz NOT NULL,
    UNIQUE (interview_id, sequence)
);

CREATE TABLE assessments (
    id              uuid PRIMARY KEY,
    interview_id    uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    status          text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'generating', 'ready', 'failed')),
    summary         text,
    scorecard_json  text,
    strengths_json  text,
    concerns_json   text,
    recommendation  text,
    provider        text,
    model           text,
    job_id          bigint,
    generated_at    timestamptz,
    error           text,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX assessments_interview ON assessments (interview_id);

CREATE TABLE emails (
    id               uuid PRIMARY KEY,
    idempotency_key  text NOT NULL UNIQUE,
    kind             text NOT NULL,
    interview_id     uuid REFERENCES interviews(id) ON DELETE SET NULL,
    recipients       text NOT NULL,
    subject          text NOT NULL,
    payload_json     text NOT NULL,
    status           text NOT NULL DEFAULT 'queued'
                         CHECK (status IN ('queued', 'sending', 'sent', 'held', 'failed')),
    provider_id      text,
    error            text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz
);
