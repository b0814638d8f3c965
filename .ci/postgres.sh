#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS server on loopback for the PostGIS plan-store tests.
#
#   eval "$(bash .ci/postgres.sh start)"   # installs (apt, when missing), starts, prints the exports
#   bash .ci/postgres.sh stop              # stops it and removes its data directory
#
# `start` prints two shell lines on stdout (everything else goes to stderr):
#   export SBPLANNER_TEST_PG='host=127.0.0.1 port=… dbname=sbplanner_test user=sbplanner password=…'
#   export SBPLANNER_TEST_PGDATA=/tmp/sbplanner-pg.XXXX
# The tests in tests/qgis/test_plan_store_postgis.py use SBPLANNER_TEST_PG and skip without it.
# The cluster is private (own data directory in /tmp, a free port, no unix socket in /var/run), so it
# never touches a system cluster. As root, the server runs as the `postgres` user (PostgreSQL refuses
# to run as root); otherwise as the calling user.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

have_postgis() {
  local bindir share
  bindir=$(pg_bindir) || return 1
  share=$("$bindir/pg_config" --sharedir 2>/dev/null || true)
  [ -n "$share" ] && [ -f "$share/extension/postgis.control" ]
}

install_packages() {
  if pg_bindir >/dev/null && have_postgis; then
    log "PostgreSQL and PostGIS: present"
    return
  fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  log "installing PostgreSQL + PostGIS from apt"
  # postgresql-postgis is Debian's/Ubuntu's metapackage for the PostGIS of the default PostgreSQL
  # (postgresql-15-postgis-3 on Debian 12).
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql postgresql-postgis >&2
  have_postgis || { log "PostGIS still missing after apt-get install"; exit 1; }
}

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  install_packages
  local bindir datadir port password pwfile
  bindir=$(pg_bindir)
  datadir=$(mktemp -d /tmp/sbplanner-pg.XXXXXX)
  chmod 700 "$datadir"
  [ "$(id -u)" = 0 ] && chown postgres: "$datadir"
  port=$(free_port)
  password="sbplanner-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  pwfile="$datadir.pw"
  printf '%s\n' "$password" >"$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres: "$pwfile"
  log "initdb $datadir/data (port $port)"
  as_owner "$bindir/initdb" -D "$datadir/data" -U sbplanner --pwfile="$pwfile" \
    --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  as_owner "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir -c fsync=on" start >&2 \
    || { cat "$datadir/server.log" >&2; exit 1; }
  PGPASSWORD=$password "$bindir/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U sbplanner -d postgres \
    -c "CREATE DATABASE sbplanner_test" >&2
  PGPASSWORD=$password "$bindir/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U sbplanner \
    -d sbplanner_test -c "CREATE EXTENSION postgis" >&2
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') with PostGIS on 127.0.0.1:$port"
  echo "export SBPLANNER_TEST_PG='host=127.0.0.1 port=$port dbname=sbplanner_test user=sbplanner password=$password'"
  echo "export SBPLANNER_TEST_PGDATA='$datadir'"
}

stop() {
  local datadir=${SBPLANNER_TEST_PGDATA:-}
  [ -n "$datadir" ] && [ -d "$datadir/data" ] || { log "nothing to stop"; return 0; }
  as_owner "$(pg_bindir)/pg_ctl" -D "$datadir/data" -m fast -w stop >&2 || true
  rm -rf "$datadir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
