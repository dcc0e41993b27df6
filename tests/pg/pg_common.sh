# Shared by the PostgreSQL test scripts (sourced): where the server binaries are, running them
# as the postgres user when we are root, free loopback ports, and the settings of a throwaway
# cluster.

pg_bin=""
for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && pg_bin="$candidate"
done
if [ -z "$pg_bin" ]; then
    echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pick_port LOW SPAN: a free loopback port in [LOW, LOW + SPAN).
pick_port() {
    local low=$1 span=$2 candidate
    for _ in $(seq 1 50); do
        candidate=$(( low + (RANDOM * 7 + $$) % span ))
        if port_free "$candidate"; then echo "$candidate"; return 0; fi
    done
    echo "no free loopback port found in $low..$(( low + span - 1 ))" >&2
    return 1
}

# init_test_cluster DATA SOCKETS LOG: initdb with trust on loopback and the throwaway settings
# (no fsync, loopback only, sockets in SOCKETS).
init_test_cluster() {
    local data=$1 sockets=$2 log=$3
    as_owner "$pg_bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$log" 2>&1 \
        || { cat "$log" >&2; return 1; }
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockets'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
log_min_messages = warning
CONF
}
