#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on 127.0.0.1, so that the database tests cover
# PostgreSQL as well as SQLite:  scripts/with-postgres.sh npm test
# It uses the machine's PostgreSQL server binaries (installing Debian's postgresql package if there
# are none), exports BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING and
# LOCKSTEP_TEST_REQUIRE_POSTGRES=1, and removes the cluster afterwards.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "[with-postgres] installing PostgreSQL server binaries (Debian package postgresql)..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
major=$(basename "$(dirname "$pg_bin")")
port=${LOCKSTEP_TEST_POSTGRES_PORT:-55432}

cluster=$(mktemp -d /tmp/lockstep-postgres.XXXXXX)
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root.
  chown postgres "$cluster"
  as_owner=(runuser -u postgres --)
fi
stop() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$cluster/data" -U postgres --auth=trust >/dev/null
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "[with-postgres] PostgreSQL $major is up on 127.0.0.1:$port (throwaway cluster in $cluster)"

export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$port"
export LOCKSTEP_TEST_REQUIRE_POSTGRES=1
"$@"
