-- Host affinity, version 9 (PostgreSQL). A job that reads a local file (an import) names the
-- machine that filed it, and only workers on that machine claim it: a file path means nothing
-- elsewhere. NULL = any machine may run the job (emails, assessments).
ALTER TABLE jobs ADD COLUMN host text;
