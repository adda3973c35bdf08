#!/usr/bin/env bash
# Starts a private RabbitMQ node for the messaging tests and exports MODELENGINE_TEST_RABBITMQ.
#
#   source .ci/rabbitmq.sh
#   dotnet test tests/ModelEngine.Server.Tests --filter "FullyQualifiedName~Messaging"
#
# The node listens on 127.0.0.1 only, on a free AMQP port, with the guest account (which RabbitMQ admits from loopback
# only), and keeps its data and logs in a new temporary directory. It is stopped and the directory removed when the
# sourcing shell exits. An EXIT trap that the shell had before is kept and runs after the stop. When RabbitMQ is not
# installed, the Debian package is installed first, which needs root. The function returns non-zero, and exports
# nothing, when the node cannot be started.

MODELENGINE_RABBITMQ_START_TIMEOUT=${MODELENGINE_RABBITMQ_START_TIMEOUT:-60}

# Succeeds when something on 127.0.0.1 accepts connections on port $1.
modelengine_rabbitmq_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

modelengine_rabbitmq_stop() {
  if [[ -n ${MODELENGINE_RABBITMQ_NODE:-} ]]; then
    # The broker runs as the rabbitmq user in its own process tree, so only rabbitmqctl reaches it.
    rabbitmqctl -n "$MODELENGINE_RABBITMQ_NODE" stop >/dev/null 2>&1 || true
  fi
  if [[ -n ${MODELENGINE_RABBITMQ_DIR:-} && -d $MODELENGINE_RABBITMQ_DIR ]]; then
    rm -rf "$MODELENGINE_RABBITMQ_DIR"
  fi
  unset MODELENGINE_RABBITMQ_DIR MODELENGINE_RABBITMQ_NODE MODELENGINE_TEST_RABBITMQ
}

modelengine_rabbitmq_start() {
  local dir port dist_port node attempt waited
  local -a previous_trap

  # Sourcing the script again keeps the node that is already running.
  if [[ -n ${MODELENGINE_RABBITMQ_DIR:-} && -d $MODELENGINE_RABBITMQ_DIR && -n ${MODELENGINE_TEST_RABBITMQ:-} ]]; then
    return 0
  fi

  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    echo "rabbitmq.sh: RabbitMQ is not installed, so the Debian package is installed first." >&2
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rabbitmq-server >&2 || {
      echo "rabbitmq.sh: installing RabbitMQ failed." >&2
      return 1
    }
    command -v rabbitmq-server >/dev/null 2>&1 || { echo "rabbitmq.sh: rabbitmq-server is still missing after the installation." >&2; return 1; }
  fi

  dir=$(mktemp -d "${TMPDIR:-/tmp}/modelengine-rabbitmq.XXXXXX") || return 1

  # The cleanup must know the directory from here on, so that a failed start leaves nothing behind.
  MODELENGINE_RABBITMQ_DIR=$dir
  # trap -p prints "trap -- 'command' EXIT" with the command quoted for the shell, so eval recovers it exactly.
  eval "previous_trap=($(trap -p EXIT))"
  # shellcheck disable=SC2064 # The previous trap is expanded now, on purpose.
  trap "modelengine_rabbitmq_stop; ${previous_trap[2]:-}" EXIT

  # Another process can take the chosen ports before the node binds them, so a failed start tries other ports.
  for attempt in 1 2 3; do
    port=$((20000 + RANDOM % 40000))
    dist_port=$((port + 1))
    modelengine_rabbitmq_port_in_use "$port" && continue
    modelengine_rabbitmq_port_in_use "$dist_port" && continue

    node="modelengine$port@localhost"
    MODELENGINE_RABBITMQ_NODE=$node
    rm -rf "${dir:?}/$attempt"
    mkdir -p "$dir/$attempt/mnesia" "$dir/$attempt/log"
    echo '[].' >"$dir/$attempt/enabled_plugins"
    # rabbitmq-server drops root privileges to the rabbitmq user, which must own its folders.
    if [[ $(id -u) -eq 0 ]]; then
      chown -R rabbitmq:rabbitmq "$dir" || { modelengine_rabbitmq_stop; return 1; }
    fi

    RABBITMQ_NODENAME=$node RABBITMQ_NODE_PORT=$port RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
      RABBITMQ_DIST_PORT=$dist_port RABBITMQ_MNESIA_BASE="$dir/$attempt/mnesia" RABBITMQ_LOG_BASE="$dir/$attempt/log" \
      RABBITMQ_FEATURE_FLAGS_FILE="$dir/$attempt/feature_flags" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/$attempt/enabled_plugins" \
      RABBITMQ_PID_FILE="$dir/$attempt/pid" setsid rabbitmq-server >"$dir/$attempt/server.out" 2>&1 </dev/null &

    # The port opens before the broker accepts AMQP logins, so readiness is asked of the node itself.
    for ((waited = 0; waited < MODELENGINE_RABBITMQ_START_TIMEOUT * 2; waited++)); do
      if modelengine_rabbitmq_port_in_use "$port" \
        && rabbitmqctl -n "$node" await_startup --timeout 5 >/dev/null 2>&1; then
        export MODELENGINE_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$port/"
        echo "rabbitmq.sh: RabbitMQ $(rabbitmqctl -n "$node" version 2>/dev/null) is listening on 127.0.0.1:$port (node $node, data in $dir)." >&2
        return 0
      fi
      sleep 0.5
    done

    echo "rabbitmq.sh: the node on port $port did not accept connections (attempt $attempt). Its output:" >&2
    tail -n 20 "$dir/$attempt/server.out" >&2
    rabbitmqctl -n "$node" stop >/dev/null 2>&1 || true
  done

  echo "rabbitmq.sh: no RabbitMQ node started after 3 attempts." >&2
  modelengine_rabbitmq_stop
  return 1
}

modelengine_rabbitmq_start
