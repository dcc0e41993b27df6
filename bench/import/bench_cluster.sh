# Sourced by the import benchmarks: a throwaway PostgreSQL cluster on loopback in a fresh work
# folder (removed on exit), and psqlc, psql as its superuser. Sets: here, repo, work, host,
# port, psqlc, now. Usage: . bench_cluster.sh PREFIX   (names the work folder under /tmp)
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d "/tmp/$1.XXXXXX")
chmod 755 "$work"
cluster="$work/pg"
"$repo/tests/pg/pg_cluster.sh" start "$cluster" >/dev/null
trap '"$repo/tests/pg/pg_cluster.sh" stop "$cluster" >/dev/null 2>&1; rm -rf "$work"' EXIT
server=$(cat "$cluster/url")
hostport=${server#postgresql://postgres@}
hostport=${hostport%%/*}
host=${hostport%:*}
port=${hostport#*:}
psqlc() { psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U postgres "$@"; }
now() { date +%s.%N; }
