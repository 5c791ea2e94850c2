#!/usr/bin/env bash
# Start a throw-away PostgreSQL for the store tests and print the URL to use:
#     RASAD_TEST_PG="$(bash .ci/services.sh)"
# Installs PostgreSQL with apt-get when it is missing; reuses a server already answering on
# 127.0.0.1:5432; otherwise initialises a cluster in a temporary folder (as the postgres
# user, trust authentication, loopback only) and starts it. Creates the database rasad_test
# (RASAD_PG_DB to change it). Exports nothing; messages go to stderr, the URL to stdout.
set -euo pipefail
PORT="${RASAD_PG_PORT:-5432}"
DB="${RASAD_PG_DB:-rasad_test}"
log() { echo "services.sh: $*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
    log "installing PostgreSQL (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2 && apt-get install -y postgresql >&2
fi
BIN="$(pg_bin)"
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi; }

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    log "reusing the server on 127.0.0.1:$PORT"
else
    DATA="$(mktemp -d /tmp/rasad-pg.XXXXXX)"
    chown postgres "$DATA"
    log "initdb in $DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off" \
        start >&2
fi
PSQL=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB ENCODING 'UTF8' TEMPLATE template0" >&2
fi
echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
