-- Durable job queue, version 4 (PostgreSQL): what the 0001 jobs table lacks.
-- checkpoint: a handler's saved progress, so a re-claimed job resumes instead of restarting.
-- cancel_requested: a running job cannot be cancelled by a state change (its worker owns it);
--   the worker's heartbeat sees this flag and tells the handler to stop.
-- attempted_by / attempted_at: which worker claimed the job last, and when.
ALTER TABLE jobs ADD COLUMN checkpoint text;
ALTER TABLE jobs ADD COLUMN cancel_requested integer NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN attempted_by text;
ALTER TABLE jobs ADD COLUMN attempted_at timestamptz;

-- The rescuer looks for running jobs whose lease expired.
CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE state = 'running';

-- Live dashboards LISTEN on insighta_jobs. The payload is "id:state". Lease renewals (heartbeats)
-- leave updated_at alone on purpose, so they do not wake every listener every few seconds.
CREATE FUNCTION insighta_jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('insighta_jobs', OLD.id::text || ':deleted');
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('insighta_jobs', NEW.id::text || ':' || NEW.state);
    RETURN NULL;
END;
$$;

CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE OR DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION insighta_jobs_notify();

-- Claiming looks at the oldest runnable jobs of each priority level (see JobQueue::claim).
CREATE INDEX jobs_ready ON jobs (priority, run_at, id) WHERE state IN ('available', 'retryable');
