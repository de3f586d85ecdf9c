#!/usr/bin/env bash
# A multi-host Actors cluster on one machine: each host is a network namespace (actors-h1, actors-h2, ...) whose
# QEMU microVMs (qemu://?netns=actors-hN) boot the application's baked images, joined by veth pairs to a bridge
# actors-br0 (10.77.0.1, the supervisor's address; host N is 10.77.0.1N). Run as root.
#
#   sudo bash deploy/local-cluster.sh up [--project examples/Hello] [--hosts 2] [--service NAME]... [--timeout 300]
#   sudo bash deploy/local-cluster.sh down
#
# up: checks prerequisites, makes the namespaces and bridge, bakes the images (actors build, reusing its layer store),
# writes the cluster file, starts `actors deploy` in the background and waits until nodes are up on two hosts.
# down: SIGTERM to the supervisor (every node stops gracefully), kills whatever is left, removes the namespaces,
# links and state directory. Idempotent. Settings from the environment: ACTORS (how to run the actors tool),
# ACTORS_LOCAL_STATE (/run/actors-local), ACTORS_LOCAL_IMAGES (~/.cache/actors/local-cluster),
# ACTORS_LOCAL_CONTROL_PORT (4040), ACTORS_LOCAL_NET (10.77.0).
set -Eeuo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${ACTORS_LOCAL_STATE:-/run/actors-local}
images_root=${ACTORS_LOCAL_IMAGES:-$HOME/.cache/actors/local-cluster}
control_port=${ACTORS_LOCAL_CONTROL_PORT:-4040}
net=${ACTORS_LOCAL_NET:-10.77.0}
bridge=actors-br0
endpoint="http://127.0.0.1:${control_port}/"

fail() { echo "error: $*" >&2; exit 2; }
say() { echo "== $*"; }

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

# The actors tool: $ACTORS if set (e.g. "dotnet /path/Actors.Cli.dll"), else `actors` on PATH, else this
# repository's Release build (built once).
actors_cmd() {
  if [ -n "${ACTORS:-}" ]; then
    read -r -a actors <<<"$ACTORS"
  elif command -v actors >/dev/null 2>&1; then
    actors=(actors)
  else
    local dll
    dll="$repo/src/Actors.Cli/bin/Release/net10.0/Actors.Cli.dll"
    if [ ! -f "$dll" ]; then
      say "building the actors tool (src/Actors.Cli, Release)"
      dotnet build "$repo/src/Actors.Cli" -c Release -nologo -v quiet >&2
    fi
    actors=(dotnet "$dll")
  fi
}

# Namespaces and links this script makes: actors-hN (namespace and the root end of its veth) and the bridge.
our_namespaces() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^actors-h[0-9]+$' || true; }
our_links() { ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E "^(actors-h[0-9]+|${bridge})$" || true; }

supervisor_pid() {
  local pid
  [ -f "$state/deploy.pid" ] || return 1
  pid=$(cat "$state/deploy.pid")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

prerequisites() {
  [ "$(id -u)" -eq 0 ] || fail "run as root: network namespaces, veths and a bridge need it (sudo bash $0 up)"
  command -v ip >/dev/null 2>&1 || fail "'ip' is missing: install iproute2 (apt-get install iproute2)"
  command -v qemu-system-x86_64 >/dev/null 2>&1 || fail "'qemu-system-x86_64' is missing: install qemu-system-x86 (apt-get install qemu-system-x86)"
  command -v nsenter >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1 || fail "'nsenter' or 'setpriv' is missing: install util-linux"
  if [ -z "${ACTORS:-}" ] && ! command -v actors >/dev/null 2>&1; then
    command -v dotnet >/dev/null 2>&1 || fail "'dotnet' is missing: install the .NET 10 SDK (or set ACTORS to the actors tool)"
  fi
  case "$hosts" in ''|*[!0-9]*) fail "--hosts '$hosts' is not a number" ;; esac
  [ "$hosts" -ge 2 ] && [ "$hosts" -le 9 ] || fail "--hosts $hosts: give 2 to 9 hosts"
  case "$timeout" in ''|*[!0-9]*) fail "--timeout '$timeout' is not a number of seconds" ;; esac
  [ -e "$project" ] || fail "--project '$project' does not exist"
  if pid=$(supervisor_pid); then
    fail "a local cluster is already up (supervisor pid $pid, state in $state); run: bash $0 down"
  fi
  if [ -n "$(our_namespaces)$(our_links)" ]; then
    fail "namespaces or links of an earlier local cluster are still here ($(echo $(our_namespaces) $(our_links))); run: bash $0 down"
  fi
}

network_up() {
  say "network: bridge $bridge at ${net}.1, hosts actors-h1..actors-h${hosts} at ${net}.11..${net}.1${hosts}"
  ip link add "$bridge" type bridge || fail "cannot make the bridge $bridge (is the bridge module available?)"
  ip addr add "${net}.1/24" dev "$bridge"
  ip link set "$bridge" up
  for i in $(seq 1 "$hosts"); do
    local ns="actors-h$i"
    ip netns add "$ns"
    # The root end keeps the namespace's name; the namespace's end is its eth0.
    ip link add "$ns" type veth peer name eth0 netns "$ns"
    ip link set "$ns" master "$bridge" up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "${net}.1${i}/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route add default via "${net}.1"
  done
}

# Bakes the project's images every time: actors build reuses unchanged layers from its store (~15 s when only
# the service changed), and a stale image (an old runtime after a change to the node host) is never booted.
bake() {
  local name
  name=$(basename "$(cd "$(dirname "$project")" && pwd)/$(basename "$project")" .csproj)
  images="$images_root/$name"
  say "images: baking $project into $images (actors build)"
  rm -rf "$images"
  mkdir -p "$images"
  "${actors[@]}" build "$project" --out "$images"
}

write_cluster() {
  local i memory=1024 vcpus=2
  {
    echo '// Written by deploy/local-cluster.sh: one qemu:// host per network namespace.'
    echo '{'
    echo '  "placement": "spread",'
    echo "  \"control\": { \"listen\": \"${endpoint}\" },"
    echo '  "hosts": ['
    for i in $(seq 1 "$hosts"); do
      local sep=","
      [ "$i" -eq "$hosts" ] && sep=""
      echo "    { \"name\": \"h$i\", \"driver\": \"qemu://?netns=actors-h$i\", \"address\": \"${net}.1$i\", \"capacity\": { \"memoryMiB\": $memory, \"vcpus\": $vcpus } }$sep"
    done
    echo '  ]'
    echo '}'
  } > "$state/cluster.json"
}

start_supervisor() {
  local args=(deploy --cluster "$state/cluster.json" --project "$project" --images "$images" --state "$state/vms" "--node:host=${net}.1")
  for s in "${services[@]}"; do args+=(--service "$s"); done
  say "supervisor: actors ${args[*]} (log: $state/deploy.log)"
  # Its own session, so a terminal's hang-up or Ctrl+C does not reach it; down sends SIGTERM.
  setsid "${actors[@]}" "${args[@]}" </dev/null >"$state/deploy.log" 2>&1 &
  echo $! > "$state/deploy.pid"
}

# Up nodes per host from `actors ps --json`, as "host node" lines.
up_nodes() {
  "${actors[@]}" ps --json --endpoint "$endpoint" 2>/dev/null \
    | tr '{' '\n' | grep '"state":"up"' | sed -E 's/.*"node":"([^"]*)".*"host":"([^"]*)".*/\2 \1/; s/.*"host":"([^"]*)".*"node":"([^"]*)".*/\1 \2/' || true
}

wait_for_nodes() {
  local start=$SECONDS nodes count hostcount
  say "waiting (at most ${timeout} s) for nodes up on at least two hosts"
  while :; do
    pid=$(supervisor_pid) || { tail -n 30 "$state/deploy.log" >&2; fail "the supervisor exited (log above: $state/deploy.log); run: bash $0 down"; }
    nodes=$(up_nodes)
    count=$(printf '%s' "$nodes" | grep -c . || true)
    hostcount=$(printf '%s\n' "$nodes" | awk 'NF {print $1}' | sort -u | grep -c . || true)
    echo "   $((SECONDS - start)) s: $count node(s) up on $hostcount host(s); supervisor: $(tail -n 1 "$state/deploy.log" | cut -c1-100)"
    [ "$hostcount" -ge 2 ] && break
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      tail -n 30 "$state/deploy.log" >&2
      fail "nodes did not come up on two hosts within ${timeout} s (log above: $state/deploy.log); run: bash $0 down"
    fi
    sleep 3
  done
  "${actors[@]}" ps --endpoint "$endpoint"
  echo "up: actors ps --endpoint $endpoint; console logs in $state/vms; stop with: bash $0 down"
}

up() {
  prerequisites
  trap 'echo "error: up failed; bash $0 down removes what it made" >&2' ERR
  actors_cmd
  mkdir -p "$state"
  network_up
  bake
  write_cluster
  start_supervisor
  wait_for_nodes
}

down() {
  [ "$(id -u)" -eq 0 ] || fail "run as root: removing namespaces and links needs it (sudo bash $0 down)"
  local pid ns i
  if pid=$(supervisor_pid); then
    say "supervisor: SIGTERM to $pid (every node stops gracefully)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "supervisor: still running after 60 s; SIGKILL (its QEMUs die with it)"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  for ns in $(our_namespaces); do
    # Anything still running in a host's namespace is a QEMU of this cluster.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
      say "killing $pid left in $ns ($(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-60))"
      kill -KILL "$pid" 2>/dev/null || true
    done
    ip netns delete "$ns"
  done
  for link in $(our_links); do
    ip link delete "$link" 2>/dev/null || true
  done
  rm -rf "$state"
  say "down: no namespace, link or state left"
}

command=${1:-}
[ $# -gt 0 ] && shift
project="$repo/examples/Hello" hosts=2 timeout=300 services=()
while [ $# -gt 0 ]; do
  case "$1" in
    --project) project=$2; shift 2 ;;
    --hosts) hosts=$2; shift 2 ;;
    --service) services+=("$2"); shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown argument '$1'; see $0 --help" ;;
  esac
done
case "$command" in
  up) up ;;
  down) down ;;
  -h|--help|help) usage ;;
  *) usage >&2; fail "say up or down" ;;
esac
