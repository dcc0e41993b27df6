#!/usr/bin/env bash
# A throwaway primary and a hot standby streaming from it, on loopback, for one test.
#   pg_replica.sh start DIR         -> DIR/primary_port, DIR/standby_port
#   pg_replica.sh stop-primary DIR  -> the primary stops at once (pg_ctl -m immediate), as in a crash
#   pg_replica.sh promote DIR       -> the standby becomes the primary (pg_ctl promote -w)
#   pg_replica.sh stop DIR          -> both servers stop; their data goes
#   pg_replica.sh stop-all ROOT     -> stop DIR for every DIR under ROOT (CTest's cleanup after a
#                                      test that died before it could stop its own servers)
# Ports come from 15000-19999, below the range of the shared test cluster (pg_cluster.sh:
# 20000-59999), so the two never compete for one. The data lives in a private folder under
# /tmp that the postgres user owns; DIR/datadir says where.
set -euo pipefail

action=${1:?usage: pg_replica.sh start|stop-primary|promote|stop|stop-all DIR}
dir=${2:?usage: pg_replica.sh start|stop-primary|promote|stop|stop-all DIR}
script_dir=$(dirname "$0")
. "$script_dir/pg_common.sh"

data_root() { cat "$dir/datadir"; }

# start_server DATA LOG: starts on a free port (another test may take the one we picked
# between the check and the start, so a failed start tries another) and prints the port.
start_server() {
    local data=$1 log=$2 port
    for _ in 1 2 3 4 5; do
        port=$(pick_port 15000 5000)
        if as_owner "$pg_bin/pg_ctl" -D "$data" -l "$log" -o "-p $port" -w -t 60 start >/dev/null; then
            echo "$port"
            return 0
        fi
    done
    cat "$log" >&2
    return 1
}

case "$action" in
start)
    mkdir -p "$dir"
    root=$(mktemp -d /tmp/insighta-test-replica.XXXXXX)
    echo "$root" >"$dir/datadir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$root"; fi
    init_test_cluster "$root/primary" "$root" "$root/initdb.log"
    # Two servers per test: a smaller cache than the shared cluster's.
    echo "shared_buffers = 32MB" >>"$root/primary/postgresql.conf"
    primary_port=$(start_server "$root/primary" "$root/primary.log")
    echo "$primary_port" >"$dir/primary_port"
    as_owner "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$root/standby" \
        -R -X stream -c fast >"$root/basebackup.log" 2>&1 || { cat "$root/basebackup.log" >&2; exit 1; }
    standby_port=$(start_server "$root/standby" "$root/standby.log")
    echo "$standby_port" >"$dir/standby_port"
    ;;
stop-primary)
    as_owner "$pg_bin/pg_ctl" -D "$(data_root)/primary" -m immediate stop >/dev/null
    ;;
promote)
    as_owner "$pg_bin/pg_ctl" -D "$(data_root)/standby" -w -t 60 promote >/dev/null
    ;;
stop)
    if [ -f "$dir/datadir" ]; then
        root=$(data_root)
        for server in primary standby; do
            if [ -f "$root/$server/postmaster.pid" ]; then
                as_owner "$pg_bin/pg_ctl" -D "$root/$server" -m immediate stop >/dev/null 2>&1 || true
            fi
        done
        rm -rf "$root"
    fi
    rm -rf "$dir"
    ;;
stop-all)
    if [ -d "$dir" ]; then
        find "$dir" -maxdepth 3 -name datadir | while read -r marker; do
            "$0" stop "$(dirname "$marker")"
        done
    fi
    ;;
*)
    echo "usage: pg_replica.sh start|stop-primary|promote|stop|stop-all DIR" >&2
    exit 2
    ;;
esac
