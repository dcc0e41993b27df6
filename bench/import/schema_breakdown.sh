#!/usr/bin/env bash
# Where an import's time goes: `psql \copy` of one clean file into the full profiles schema,
# then into the same schema with each index and each summary trigger removed in turn, and into
# the physical limit (a table with only the unique name index). Prints wall time, WAL written
# and the ratio of each load's throughput to the limit's, all from this one run.
#   bench/import/schema_breakdown.sh [ROWS] [MIGRATIONS_DIR]   (default 200000, the repository's)
# QUICK=1 loads only the limit and the full schema; REPS=N repeats every load N times,
# interleaved, and reports medians (a shared machine's noise is the usual reason to).
set -euo pipefail
rows=${1:-200000}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
migrations=${2:-$repo/resources/migrations/postgres}
work=$(mktemp -d /tmp/insighta-schema-bench.XXXXXX)
chmod 755 "$work"
cluster="$work/pg"
"$repo/tests/pg/pg_cluster.sh" start "$cluster" >/dev/null
trap '"$repo/tests/pg/pg_cluster.sh" stop "$cluster" >/dev/null 2>&1; rm -rf "$work"' EXIT
server=$(cat "$cluster/url")
hostport=${server#postgresql://postgres@}
hostport=${hostport%%/*}
psqlc() { psql -X -q -v ON_ERROR_STOP=1 -h "${hostport%:*}" -p "${hostport#*:}" -U postgres "$@"; }
now() { date +%s.%N; }

clean="$work/clean.csv"
python3 "$here/gen_profiles.py" "$rows" "$clean"
# The plain CSV has no name_key or id: the server computes them, with the same unique index.
columns="name, gender, gender_probability, age, age_group, country_id, country_name, country_probability"
# Time-ordered ids (UUID v7, as the importer makes them), so the primary key is appended to.
plain_keys="CREATE FUNCTION bench_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE RETURN encode(
        set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
            substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
            FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid;
    ALTER TABLE profiles ALTER id SET DEFAULT bench_uuid_v7();
    ALTER TABLE profiles DROP COLUMN name_key CASCADE;
    ALTER TABLE profiles ADD COLUMN name_key text GENERATED ALWAYS AS (lower(name)) STORED;
    CREATE UNIQUE INDEX profiles_name_key ON profiles (name_key);"

# load LABEL SQL: a fresh database with every migration, then SQL to remove a piece, then \copy.
load() {
    local label=$1 sql=$2 db
    db="b_$(echo "$label" | tr -c 'a-z0-9' '_')"
    psqlc -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    for f in "$migrations"/*.sql; do psqlc -d "$db" -f "$f" >/dev/null; done
    psqlc -d "$db" -c "$plain_keys" -c "$sql" >/dev/null
    psqlc -d "$db" -c "CHECKPOINT" >/dev/null
    local lsn0 start secs lsn1
    lsn0=$(psqlc -d "$db" -At -c "SELECT pg_current_wal_lsn()")
    start=$(now)
    psqlc -d "$db" -c "\\copy profiles ($columns) FROM '$clean' WITH (FORMAT csv, HEADER true)"
    secs=$(python3 -c "print($(now) - $start)")
    lsn1=$(psqlc -d "$db" -At -c "SELECT pg_current_wal_lsn()")
    local wal
    wal=$(psqlc -d "$db" -At -c "SELECT pg_wal_lsn_diff('$lsn1', '$lsn0')")
    echo "$label|$secs|$wal" >>"$work/results"
    psqlc -d postgres -c "DROP DATABASE $db"
}

indexes=$(psqlc -d postgres -At -c "SELECT 1" >/dev/null; \
    psqlc -d postgres -c "CREATE DATABASE probe" >/dev/null; \
    for f in "$migrations"/*.sql; do psqlc -d probe -f "$f" >/dev/null; done; \
    psqlc -d probe -At -c "SELECT indexname FROM pg_indexes WHERE tablename = 'profiles'
        AND indexname NOT IN ('profiles_pkey', 'profiles_name_key') ORDER BY 1")
triggers=$(psqlc -d probe -At -c "SELECT DISTINCT regexp_replace(tgname, '_(insert|update|delete)$', '')
    FROM pg_trigger WHERE tgrelid = 'profiles'::regclass AND NOT tgisinternal ORDER BY 1")
psqlc -d postgres -c "DROP DATABASE probe" >/dev/null

drop_all="SELECT 1;"
for i in $indexes; do drop_all="$drop_all DROP INDEX $i;"; done
for t in $triggers; do
    for op in insert update delete; do drop_all="$drop_all DROP TRIGGER IF EXISTS ${t}_$op ON profiles;"; done
done

for _ in $(seq "${REPS:-1}"); do
    load "limit: unique name index only (no pkey, no summaries)" "$drop_all ALTER TABLE profiles DROP CONSTRAINT profiles_pkey;"
    load "full schema" "SELECT 1"
    [ -n "${QUICK:-}" ] && continue
    for i in $indexes; do load "full without index $i" "DROP INDEX $i"; done
    for t in $triggers; do
        load "full without trigger $t" "DROP TRIGGER IF EXISTS ${t}_insert ON profiles"
    done
    load "full without any summary trigger" "$(for t in $triggers; do echo "DROP TRIGGER IF EXISTS ${t}_insert ON profiles;"; done)"
    load "full without any secondary index" "$(for i in $indexes; do echo "DROP INDEX $i;"; done)"
done

python3 - "$rows" "$work/results" <<'PY'
import sys
rows = int(sys.argv[1])
import statistics
runs = {}
for line in open(sys.argv[2]):
    label, secs, wal = line.rstrip("\n").split("|")
    runs.setdefault(label, []).append((float(secs), int(wal)))
results = [(label, statistics.median(s for s, _ in r), statistics.median(w for _, w in r), len(r))
           for label, r in runs.items()]
limit = results[0][1]
full = results[1][1]
print(f"# psql \\copy of {rows:,} clean rows, medians of {results[0][3]} run(s) (ratio = throughput / the limit's)")
print("| load | wall s | rows/s | WAL MB | ratio to limit | saved vs full |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for label, s, wal, _ in results:
    print(f"| {label} | {s:.2f} | {rows / s:,.0f} | {wal / 1e6:.0f} | {limit / s:.2f} | {full - s:+.2f} |")
PY
