# Sourced by .ci/run: starts a throwaway PostgreSQL cluster for the PostgreSQL tests (PostgresStoreTest,
# PostgresPipelineTest) and exports ETL_RECOVERY_TEST_PG_URL and ETL_RECOVERY_TEST_PG_USER for them.
#
#   start_test_postgres   finds the server binaries (PATH, /usr/lib/postgresql/*/bin, else apt-get install
#                         postgresql), runs initdb and the server as an unprivileged user on 127.0.0.1 and a free
#                         port, and stops it and deletes its files when the shell exits (trap EXIT). Returns
#                         non-zero, with the reason in PG_SKIP_REASON, if any of that fails; then nothing is
#                         exported and the PostgreSQL tests skip themselves.
#   stop_test_postgres    stops the cluster and removes its directory (idempotent).
#
# Never fatal under `set -e`: call it as `if start_test_postgres; then ...; else ...; fi`.

PG_TEST_DIR=""
PG_TEST_BIN=""
PG_TEST_OWNER=""
PG_SKIP_REASON=""

# Runs a command as the cluster's owner (postgres refuses to run as root).
_pg_as_owner() {
  if [ -z "$PG_TEST_OWNER" ]; then
    "$@"
  else
    runuser -u "$PG_TEST_OWNER" -- "$@"
  fi
}

_pg_find_bin() {
  local d
  if command -v pg_ctl >/dev/null 2>&1; then
    d="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then
      echo "$d"
      return 0
    fi
  fi
  # Debian/Ubuntu keep the server binaries off PATH; take the newest version
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

stop_test_postgres() {
  if [ -n "$PG_TEST_DIR" ] && [ -d "$PG_TEST_DIR" ]; then
    if [ -f "$PG_TEST_DIR/data/postmaster.pid" ]; then
      _pg_as_owner "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_TEST_DIR"
  fi
  PG_TEST_DIR=""
}

start_test_postgres() {
  local port tries started=0
  PG_TEST_BIN="$(_pg_find_bin)" || PG_TEST_BIN=""
  if [ -z "$PG_TEST_BIN" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "PostgreSQL server binaries not found: installing package postgresql"
      export DEBIAN_FRONTEND=noninteractive
      if ! timeout 120 apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1; then
        timeout 60 apt-get update -qq >/dev/null 2>&1 || true
        timeout 120 apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 || true
      fi
      PG_TEST_BIN="$(_pg_find_bin)" || PG_TEST_BIN=""
    fi
    if [ -z "$PG_TEST_BIN" ]; then
      PG_SKIP_REASON="no PostgreSQL server binaries (pg_ctl, initdb) and apt-get could not install package postgresql"
      return 1
    fi
  fi

  if [ "$(id -u)" = 0 ]; then
    # initdb and postgres refuse root: run the cluster as nobody
    if ! command -v runuser >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
      PG_SKIP_REASON="running as root without runuser or user nobody to own the cluster"
      return 1
    fi
    PG_TEST_OWNER=nobody
  fi

  # under /tmp when the owner is nobody: a private TMPDIR may not be reachable for it
  local parent="${TMPDIR:-/tmp}"
  [ -n "$PG_TEST_OWNER" ] && parent=/tmp
  PG_TEST_DIR="$(mktemp -d "$parent/etl-recovery-pg.XXXXXX")" || {
    PG_SKIP_REASON="cannot create a temporary directory"; PG_TEST_DIR=""; return 1; }
  trap stop_test_postgres EXIT
  if [ -n "$PG_TEST_OWNER" ]; then
    chown "$PG_TEST_OWNER" "$PG_TEST_DIR" || { PG_SKIP_REASON="cannot hand $PG_TEST_DIR to $PG_TEST_OWNER"; return 1; }
  fi
  if ! _pg_as_owner "$PG_TEST_BIN/initdb" -D "$PG_TEST_DIR/data" -A trust -U postgres -E UTF8 --no-locale --no-sync \
      >"$PG_TEST_DIR/initdb.log" 2>&1; then
    PG_SKIP_REASON="initdb failed: $(tail -n 1 "$PG_TEST_DIR/initdb.log")"
    stop_test_postgres
    return 1
  fi

  # a free port: an ephemeral-range guess nobody answers on, retried if the server still cannot bind it
  for tries in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 30000 ))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    # a throwaway cluster: no durability needed, small memory, sockets in its own directory
    if _pg_as_owner "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 30 \
        -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=40" \
        start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [ "$started" != 1 ]; then
    PG_SKIP_REASON="the server did not start: $(tail -n 1 "$PG_TEST_DIR/server.log" 2>/dev/null)"
    stop_test_postgres
    return 1
  fi
  export ETL_RECOVERY_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/postgres"
  export ETL_RECOVERY_TEST_PG_USER=postgres
  echo "PostgreSQL tests: throwaway $("$PG_TEST_BIN/postgres" --version) at $ETL_RECOVERY_TEST_PG_URL"
  return 0
}
