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
. "$(dirname "$0")/bench_cluster.sh" insighta-schema-bench
migrations=${2:-$repo/resources/migrations/postgres}

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
    # One session: the server process's own CPU time (user + system, from /proc: the server
    # runs on this machine) is steadier than wall time when other work shares the cores.
    psqlc -d "$db" >/dev/null <<SQL
SELECT pg_backend_pid() AS pid, pg_current_wal_lsn() AS lsn0 \\gset
\\setenv BPID :pid
\\! awk '{print \$14 + \$15}' /proc/\$BPID/stat >$work/cpu0; date +%s.%N >$work/t0
\\copy profiles ($columns) FROM '$clean' WITH (FORMAT csv, HEADER true)
\\! awk '{print \$14 + \$15}' /proc/\$BPID/stat >$work/cpu1; date +%s.%N >$work/t1
SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), :'lsn0') AS wal \\gset
\\setenv WALB :wal
\\! echo \$WALB >$work/wal
SQL
    local secs cpu
    secs=$(python3 -c "print($(cat "$work/t1") - $(cat "$work/t0"))")
    cpu=$(python3 -c "print(($(cat "$work/cpu1") - $(cat "$work/cpu0")) / $(getconf CLK_TCK))")
    echo "$label|$secs|$(cat "$work/wal")|$cpu" >>"$work/results"
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
    label, secs, wal, cpu = line.rstrip("\n").split("|")
    runs.setdefault(label, []).append((float(secs), int(float(wal)), float(cpu)))
results = [(label, statistics.median(s for s, _, _ in r), statistics.median(w for _, w, _ in r),
            statistics.median(c for _, _, c in r), len(r)) for label, r in runs.items()]
limit = results[0][1]
limit_cpu = results[0][3]
full_cpu = results[1][3]
print(f"# psql \\copy of {rows:,} clean rows, medians of {results[0][4]} run(s)")
print("# ratio = the limit's / this load's (wall and server CPU); saved = server CPU s vs the full schema")
print("| load | wall s | server CPU s | WAL MB | ratio (wall) | ratio (CPU) | CPU saved vs full |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for label, s, wal, cpu, _ in results:
    print(f"| {label} | {s:.2f} | {cpu:.2f} | {wal / 1e6:.0f} | {limit / s:.2f} | {limit_cpu / cpu:.2f} | {full_cpu - cpu:+.2f} |")
PY
