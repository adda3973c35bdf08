#!/usr/bin/env bash
# Starts a private PostgreSQL server for the persistence tests and exports MODELENGINE_TEST_POSTGRES.
#
#   source .ci/postgres.sh
#   dotnet test tests/ModelEngine.Persistence.Tests
#
# The server listens on 127.0.0.1 only, on a free port, with trust authentication, and keeps its data in a new
# temporary directory. It is stopped and the directory removed when the sourcing shell exits. An EXIT trap that the
# shell had before is kept and runs after the stop. When no PostgreSQL is installed, the Debian package is installed
# first, which needs root. The function returns non-zero, and exports nothing, when the server cannot be started.

MODELENGINE_POSTGRES_START_TIMEOUT=${MODELENGINE_POSTGRES_START_TIMEOUT:-30}

# Runs a PostgreSQL program as the postgres user when this shell is root, because initdb and postgres do not run as root.
modelengine_postgres_run() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Prints the newest installed PostgreSQL bin directory, or nothing.
modelengine_postgres_bin() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  if [[ -n $initdb ]]; then
    dirname "$initdb"
  fi
}

# Succeeds when something on 127.0.0.1 accepts connections on port $1.
modelengine_postgres_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

modelengine_postgres_stop() {
  if [[ -n ${MODELENGINE_POSTGRES_DIR:-} && -d $MODELENGINE_POSTGRES_DIR ]]; then
    modelengine_postgres_run "$MODELENGINE_POSTGRES_BIN/pg_ctl" -D "$MODELENGINE_POSTGRES_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$MODELENGINE_POSTGRES_DIR"
  fi
  unset MODELENGINE_POSTGRES_DIR MODELENGINE_TEST_POSTGRES
}

modelengine_postgres_start() {
  local bin dir port attempt waited
  local -a previous_trap

  # Sourcing the script again keeps the server that is already running.
  if [[ -n ${MODELENGINE_POSTGRES_DIR:-} && -d $MODELENGINE_POSTGRES_DIR && -n ${MODELENGINE_TEST_POSTGRES:-} ]]; then
    return 0
  fi

  bin=$(modelengine_postgres_bin)
  if [[ -z $bin ]]; then
    echo "postgres.sh: PostgreSQL is not installed, so the Debian package is installed first." >&2
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2 || {
      echo "postgres.sh: installing PostgreSQL failed." >&2
      return 1
    }
    bin=$(modelengine_postgres_bin)
    [[ -n $bin ]] || { echo "postgres.sh: initdb is still missing under /usr/lib/postgresql after the installation." >&2; return 1; }
  fi

  dir=$(mktemp -d "${TMPDIR:-/tmp}/modelengine-postgres.XXXXXX") || return 1
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$dir" || { rm -rf "$dir"; return 1; }
  fi

  # The cleanup must know the directory from here on, so that a failed start leaves nothing behind.
  MODELENGINE_POSTGRES_DIR=$dir
  MODELENGINE_POSTGRES_BIN=$bin
  # trap -p prints "trap -- 'command' EXIT" with the command quoted for the shell, so eval recovers it exactly.
  eval "previous_trap=($(trap -p EXIT))"
  # shellcheck disable=SC2064 # The previous trap is expanded now, on purpose.
  trap "modelengine_postgres_stop; ${previous_trap[2]:-}" EXIT

  if ! modelengine_postgres_run "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1; then
    echo "postgres.sh: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    modelengine_postgres_stop
    return 1
  fi

  # Another process can take the chosen port before the server binds it, so a failed start tries another port.
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    modelengine_postgres_port_in_use "$port" && continue

    modelengine_postgres_run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -W \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || continue

    for ((waited = 0; waited < MODELENGINE_POSTGRES_START_TIMEOUT * 4; waited++)); do
      if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
        export MODELENGINE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
        echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') is listening on 127.0.0.1:$port (data in $dir)." >&2
        return 0
      fi
      # The server writes its pid file shortly after pg_ctl returns, so a missing server counts only after 2 s.
      if ((waited >= 8)) && ! modelengine_postgres_run "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        break
      fi
      sleep 0.25
    done

    echo "postgres.sh: the server on port $port did not accept connections (attempt $attempt). Its log:" >&2
    tail -n 20 "$dir/server.log" >&2
    modelengine_postgres_run "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  done

  echo "postgres.sh: no PostgreSQL server started after 5 attempts." >&2
  modelengine_postgres_stop
  return 1
}

modelengine_postgres_start
