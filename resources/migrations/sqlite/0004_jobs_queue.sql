-- Durable job queue, version 4 (SQLite): what the 0001 jobs table lacks.
-- checkpoint: a handler's saved progress, so a re-claimed job resumes instead of restarting.
-- cancel_requested: a running job cannot be cancelled by a state change (its worker owns it);
--   the worker's heartbeat sees this flag and tells the handler to stop.
-- attempted_by / attempted_at: which worker claimed the job last, and when.
ALTER TABLE jobs ADD COLUMN checkpoint TEXT;
ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN attempted_by TEXT;
ALTER TABLE jobs ADD COLUMN attempted_at TEXT;

-- The rescuer looks for running jobs whose lease expired.
CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE state = 'running';

-- Claiming looks at the oldest runnable jobs of each priority level (see JobQueue::claim).
CREATE INDEX jobs_ready ON jobs (priority, run_at, id) WHERE state IN ('available', 'retryable');
