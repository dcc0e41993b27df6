#!/usr/bin/env bash
# Import benchmark, against the physical limit in the same run: `insighta import` into the full
# searchable schema (all migrations) against `psql \copy` of the same clean file into a table
# with only the unique name index, on a throwaway local cluster; the same on SQLite against
# `sqlite3 .import`; `insighta validate` of the dirty file; peak RSS of the import.
#   bench/import/run_bench.sh BUILD_DIR [ROWS...]      (default rows: 500000)
set -euo pipefail
build=${1:?usage: run_bench.sh BUILD_DIR [ROWS...]}
shift
sizes=("${@:-500000}")
. "$(dirname "$0")/bench_cluster.sh" insighta-import-bench
insighta="$build/app/cli/insighta"

for rows in "${sizes[@]}"; do
    clean="$work/clean_$rows.csv"
    dirty="$work/dirty_$rows.csv"
    python3 "$here/gen_profiles.py" "$rows" "$clean"
    python3 "$here/gen_profiles.py" "$rows" "$dirty" --dirty
    mb=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/1e6:.1f}')" "$clean")

    # The limit: \copy into the profiles columns with only the unique index on the name key
    # (computed by the server, so that the plain CSV columns load).
    psqlc -d postgres -c "CREATE DATABASE copy_$rows" -c "CREATE DATABASE imp_$rows"
    psqlc -d "copy_$rows" -c "CREATE TABLE profiles (id uuid DEFAULT gen_random_uuid(), name text NOT NULL, \
        name_key text GENERATED ALWAYS AS (lower(name)) STORED, gender text NOT NULL, \
        gender_probability double precision NOT NULL, age smallint NOT NULL, age_group text NOT NULL, \
        country_id text NOT NULL, country_name text NOT NULL, country_probability double precision NOT NULL, \
        created_at timestamptz NOT NULL DEFAULT now()); \
        CREATE UNIQUE INDEX profiles_name_key ON profiles (name_key);"
    start=$(now)
    psqlc -d "copy_$rows" -c "\\copy profiles (name, gender, gender_probability, age, age_group, country_id, country_name, country_probability) FROM '$clean' WITH (FORMAT csv, HEADER true)"
    copy_s=$(python3 -c "print($(now) - $start)")

    # insighta import (migrates the empty database first, outside the timing).
    head -1 "$clean" >"$work/header.csv"
    "$insighta" import "$work/header.csv" --database "postgresql://postgres@$host:$port/imp_$rows" >/dev/null
    start=$(now)
    /usr/bin/time -v -o "$work/time_import_$rows" "$insighta" import "$clean" \
        --database "postgresql://postgres@$host:$port/imp_$rows" >"$work/import_$rows.txt"
    import_s=$(python3 -c "print($(now) - $start)")
    rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time_import_$rows")
    loaded=$(psqlc -d "imp_$rows" -At -c "SELECT count(*) FROM profiles")

    # SQLite: sqlite3 .import into a table with only the unique name index, then insighta
    # import into a fresh workspace (migrated first, outside the timing).
    sq_limit="$work/limit_$rows.db"
    sq_work="$work/workspace_$rows.db"
    sqlite3 "$sq_limit" "CREATE TABLE profiles (name TEXT NOT NULL, gender TEXT NOT NULL, \
        gender_probability REAL NOT NULL, age INTEGER NOT NULL, age_group TEXT NOT NULL, \
        country_id TEXT NOT NULL, country_name TEXT NOT NULL, country_probability REAL NOT NULL); \
        CREATE UNIQUE INDEX profiles_name_key ON profiles (lower(name));"
    start=$(now)
    sqlite3 "$sq_limit" ".import --csv --skip 1 $clean profiles"
    sq_copy_s=$(python3 -c "print($(now) - $start)")
    "$insighta" db migrate --database "sqlite://$sq_work" >/dev/null
    start=$(now)
    "$insighta" import "$clean" --database "sqlite://$sq_work" >"$work/sqlite_import_$rows.txt"
    sq_import_s=$(python3 -c "print($(now) - $start)")
    sq_loaded=$(sqlite3 "$sq_work" "SELECT count(*) FROM profiles")

    start=$(now)
    /usr/bin/time -v -o "$work/time_validate_$rows" "$insighta" validate "$dirty" >"$work/validate_$rows.txt" || true
    validate_s=$(python3 -c "print($(now) - $start)")
    dirty_mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$dirty")
    vrss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time_validate_$rows")

    python3 - "$rows" "$mb" "$copy_s" "$import_s" "$rss_kb" "$loaded" "$validate_s" "$dirty_mb" "$vrss_kb" \
        "$sq_copy_s" "$sq_import_s" "$sq_loaded" <<'PY'
import sys
rows, mb, copy_s, import_s, rss_kb, loaded, validate_s, dirty_mb, vrss_kb, sq_copy_s, sq_import_s, sq_loaded = sys.argv[1:]
rows = int(rows); copy_s = float(copy_s); import_s = float(import_s); validate_s = float(validate_s)
sq_copy_s = float(sq_copy_s); sq_import_s = float(sq_import_s)
print(f"rows={rows} file={mb} MB")
print(f"  psql \\copy, unique index only  {copy_s:7.2f} s  {rows / copy_s:12,.0f} rows/s")
print(f"  insighta import, full schema  {import_s:7.2f} s  {rows / import_s:12,.0f} rows/s  loaded={loaded}  peak RSS {int(rss_kb) / 1024:.1f} MB")
print(f"  PostgreSQL import / limit throughput ratio: {copy_s / import_s:.2f}x")
print(f"  sqlite3 .import, unique index only  {sq_copy_s:7.2f} s  {rows / sq_copy_s:12,.0f} rows/s")
print(f"  insighta import (SQLite), full schema  {sq_import_s:7.2f} s  {rows / sq_import_s:12,.0f} rows/s  loaded={sq_loaded}")
print(f"  SQLite import / limit throughput ratio: {sq_copy_s / sq_import_s:.2f}x")
print(f"  insighta validate (2% dirty) {validate_s:7.2f} s  {rows / validate_s:12,.0f} rows/s  {float(dirty_mb) / validate_s:.1f} MB/s  peak RSS {int(vrss_kb) / 1024:.1f} MB")
PY
    psqlc -d postgres -c "DROP DATABASE copy_$rows" -c "DROP DATABASE imp_$rows"
    rm -f "$clean" "$dirty" "$sq_limit" "$sq_work"
done
