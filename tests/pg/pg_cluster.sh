#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster on a free loopback port for the test run.
#   pg_cluster.sh start DIR   -> initdb + pg_ctl start; writes DIR/url (postgresql://postgres@127.0.0.1:PORT/postgres)
#   pg_cluster.sh stop DIR    -> pg_ctl stop; removes DIR
# As root (CI), the server runs as the postgres user through runuser.
set -euo pipefail

action=${1:?usage: pg_cluster.sh start|stop DIR}
dir=${2:?usage: pg_cluster.sh start|stop DIR}
data="$dir/data"
# The server runs as postgres; if it cannot reach DIR (a clone under /root, say), the data
# directory goes to a private folder under /tmp and DIR/datadir remembers where.
if [ -f "$dir/datadir" ]; then
    data=$(cat "$dir/datadir")
fi

. "$(dirname "$0")/pg_common.sh"

case "$action" in
start)
    if [ -f "$dir/url" ] && as_owner "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        echo "PostgreSQL test cluster already running: $(cat "$dir/url")"
        exit 0
    fi
    if [ -f "$dir/datadir" ]; then rm -rf "$(cat "$dir/datadir")"; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    data="$dir/data"
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            private=$(mktemp -d /tmp/insighta-test-pg.XXXXXX)
            chown postgres:postgres "$private"
            data="$private/data"
            echo "$data" >"$dir/datadir"
        fi
    fi
    sockets=$(dirname "$data")
    init_test_cluster "$data" "$sockets" "$dir/initdb.log"
    port=$(pick_port 20000 40000)
    if ! as_owner "$pg_bin/pg_ctl" -D "$data" -l "$sockets/server.log" -o "-p $port" -w -t 60 start >/dev/null; then
        cat "$sockets/server.log" >&2
        exit 1
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
    echo "PostgreSQL test cluster on 127.0.0.1:$port ($data)"
    ;;
stop)
    if [ -d "$data" ]; then
        as_owner "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/datadir" ]; then rm -rf "$(dirname "$(cat "$dir/datadir")")"; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg_cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
