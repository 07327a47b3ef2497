#!/usr/bin/env bash
# A local Reroute cluster on 127.0.0.1, from the built binaries (no Docker engine needed):
# RabbitMQ (Debian's rabbitmq-server), dynalite (tools/dynalite) and three silos in RabbitMQ mode on DynamoDB.
#   deploy/local-cluster.sh up       build the silo if needed, start everything, wait until every silo is ready
#   deploy/local-cluster.sh status   what runs, and each silo's /ready
#   deploy/local-cluster.sh token --role operator [--tenant T]   a JWT every silo of this cluster accepts
#   deploy/local-cluster.sh down     stop everything started by `up` (by recorded pid) and remove its data
# Ports: RABBITMQ_PORT (default 5679), DYNALITE_PORT (8009), silos SILO_PORT_BASE+1..3 (8081..8083).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
state="${LOCAL_CLUSTER_DIR:-$root/deploy/.local-cluster}"
rabbit_port="${RABBITMQ_PORT:-5679}"
dynalite_port="${DYNALITE_PORT:-8009}"
silo_base="${SILO_PORT_BASE:-8080}"
silo_dll="$root/Silo/bin/Release/net10.0/Reroute.Silo.dll"
silos=(silo-1 silo-2 silo-3)

storage_settings=(
  --Reroute:Storage:Provider=DynamoDb
  "--Reroute:Storage:DynamoDb:ServiceUrl=http://127.0.0.1:$dynalite_port"
  --Reroute:Storage:DynamoDb:AccessKey=local
  --Reroute:Storage:DynamoDb:SecretKey=local
)

# The keys every silo must share (tokens and offer links are checked by whichever silo gets the request); generated
# once per cluster into its folder, and gone with `down`.
shared_keys() {
  if [ ! -s "$state/shared-keys" ]; then
    (
      umask 077
      {
        echo "--Reroute:Auth:SigningKeys:0=$(head -c 32 /dev/urandom | base64 -w0)"
        echo "--Reroute:Auth:DevelopmentKey=false"
        echo "--Reroute:Workflow:LinkSigningKey=$(head -c 32 /dev/urandom | base64 -w0)"
        echo "--Reroute:Notifications:InboundWebhookSecret=$(head -c 24 /dev/urandom | base64 -w0)"
      } > "$state/shared-keys"
    )
  fi
  mapfile -t keys < "$state/shared-keys"
}

alive() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

wait_for_port() { # name port seconds
  for _ in $(seq 1 $(($3 * 10))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$1 did not open port $2; see $state/$1.log" >&2
  return 1
}

up() {
  mkdir -p "$state"
  command -v rabbitmq-server >/dev/null || [ -x /usr/sbin/rabbitmq-server ] || {
    echo "rabbitmq-server is missing: apt-get install -y rabbitmq-server" >&2; exit 1; }
  command -v node >/dev/null || { echo "node is missing: apt-get install -y nodejs npm" >&2; exit 1; }
  # Incremental: quick when nothing changed, and never the binaries of an older checkout.
  dotnet build -c Release Silo/Silo.csproj -v q --nologo
  [ -f tools/dynalite/node_modules/dynalite/cli.js ] || (cd tools/dynalite && npm ci --no-audit --no-fund)

  if ! alive rabbitmq; then
    mkdir -p "$state/rabbitmq/mnesia" "$state/rabbitmq/log"
    echo "[]." > "$state/rabbitmq/enabled_plugins"
    # The three silos share this machine's cores with the broker: Erlang schedulers must not spin while idle.
    # Debian's wrapper drops to the rabbitmq user even when started by root: it must own its folders.
    if [ "$(id -u)" = 0 ]; then chown -R rabbitmq:rabbitmq "$state/rabbitmq"; fi
    RABBITMQ_MNESIA_BASE="$state/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$state/rabbitmq/log" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$rabbit_port" RABBITMQ_DIST_PORT=$((rabbit_port + 20000)) \
    RABBITMQ_NODENAME="reroute-local-$rabbit_port@localhost" RABBITMQ_ENABLED_PLUGINS_FILE="$state/rabbitmq/enabled_plugins" \
    RABBITMQ_PID_FILE="$state/rabbitmq/pid" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="+sbwt none +sbwtdcpu none +sbwtdio none" \
      setsid /usr/sbin/rabbitmq-server > "$state/rabbitmq.log" 2>&1 &
    echo $! > "$state/rabbitmq.pid"
  fi

  if ! alive dynalite; then
    setsid node tools/dynalite/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$dynalite_port" \
      --createTableMs 0 --deleteTableMs 0 > "$state/dynalite.log" 2>&1 &
    echo $! > "$state/dynalite.pid"
  fi

  wait_for_port dynalite "$dynalite_port" 30
  wait_for_port rabbitmq "$rabbit_port" 90
  dotnet "$silo_dll" init-dynamodb "--Reroute:Silo:DataDirectory=$state/init" "${storage_settings[@]}"
  shared_keys

  for i in 1 2 3; do
    name="silo-$i"
    alive "$name" && continue
    mkdir -p "$state/$name"
    setsid dotnet "$silo_dll" \
      "--urls=http://127.0.0.1:$((silo_base + i))" \
      "--Reroute:Silo:DataDirectory=$state/$name" \
      --Reroute:Demo:SeedOnFirstStart=false \
      --Reroute:Cluster:Mode=RabbitMQ \
      "--Reroute:Cluster:BrokerUri=amqp://guest:guest@127.0.0.1:$rabbit_port/" \
      "--Reroute:Cluster:SiloId=$name" \
      "--Reroute:Workflow:PublicBaseUrl=http://127.0.0.1:$((silo_base + 1))" \
      "${keys[@]}" \
      "${storage_settings[@]}" > "$state/$name.log" 2>&1 &
    echo $! > "$state/$name.pid"
  done

  not_ready=0
  for i in 1 2 3; do
    ready=no
    for _ in $(seq 1 600); do
      if curl -fs -o /dev/null "http://127.0.0.1:$((silo_base + i))/ready"; then ready=yes; break; fi
      sleep 0.1
    done
    if [ "$ready" = no ]; then
      echo "silo-$i is not ready after 60 s; see $state/silo-$i.log" >&2
      not_ready=1
    fi
  done
  status
  return "$not_ready"
}

token() {
  [ -s "$state/shared-keys" ] || { echo "no local cluster: run $0 up first" >&2; exit 1; }
  shared_keys
  dotnet "$silo_dll" token "$@" "--Reroute:Silo:DataDirectory=$state/init" "${keys[@]}"
}

status() {
  for name in rabbitmq dynalite "${silos[@]}"; do
    if alive "$name"; then running="running (pid $(cat "$state/$name.pid"))"; else running="stopped"; fi
    case "$name" in
      silo-*)
        port=$((silo_base + ${name#silo-}))
        ready="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready" || true)"
        printf '%-9s %-24s http://127.0.0.1:%s  /ready %s\n' "$name" "$running" "$port" "${ready:-000}" ;;
      rabbitmq) printf '%-9s %-24s amqp://127.0.0.1:%s\n' "$name" "$running" "$rabbit_port" ;;
      dynalite) printf '%-9s %-24s http://127.0.0.1:%s\n' "$name" "$running" "$dynalite_port" ;;
    esac
  done
}

down() {
  # Silos first (they leave the cluster gracefully on SIGTERM), then the servers; each by the pid `up` recorded.
  for name in "${silos[@]}" dynalite rabbitmq; do
    # Debian's rabbitmq-server wrapper runs the broker in a session of its own (as the rabbitmq user): stop the Erlang
    # node by the pid it wrote, as well as the wrapper.
    if [ "$name" = rabbitmq ] && [ -s "$state/rabbitmq/pid" ]; then
      node_pid="$(cat "$state/rabbitmq/pid")"
      kill -TERM "$node_pid" 2>/dev/null || true
      for _ in $(seq 1 300); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$node_pid" 2>/dev/null || true
    fi
    if alive "$name"; then
      pid="$(cat "$state/$name.pid")"
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
      for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$state/$name.pid"
  done
  rm -rf "$state"
  echo "local cluster stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  token) shift; token "$@" ;;
  *) echo "usage: $0 up|down|status|token --role ROLE [--tenant T]" >&2; exit 2 ;;
esac
