#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on loopback, for the R26 test and bench: three real `mariadbd`
# processes, each with its own datadir, ports and wsrep settings, replicating through Debian's
# galera-4. It never touches the MariaDB on 3306 (its own config files are not read).
#
#   scripts/galera.sh start    bootstrap node 1, join nodes 2 and 3, wait for wsrep_cluster_size=3,
#                              create the `test` database; prints TEST_GALERA_URLS
#   scripts/galera.sh urls     the three nodes' URLs, comma-separated (for TEST_GALERA_URLS)
#   scripts/galera.sh status   each node's wsrep state
#   scripts/galera.sh stop     shut the nodes down and remove their datadirs
#
# GALERA_DIR (default /var/tmp/petition-galera) holds the datadirs and logs; GALERA_PORT (default
# 3311) is node 1's client port, nodes 2 and 3 take the next two; Galera's own ports are 4511-4513
# (group), 4521-4523 (IST) and 4531-4533 (rsync SST), offset the same way by GALERA_PORT.
set -euo pipefail

dir="${GALERA_DIR:-/var/tmp/petition-galera}"
port="${GALERA_PORT:-3311}"
offset=$((port - 3311))
nodes=(1 2 3)
client_port() { echo $((port + $1 - 1)); }
group_port() { echo $((4510 + offset + $1)); }
ist_port() { echo $((4520 + offset + $1)); }
sst_port() { echo $((4530 + offset + $1)); }
sock() { echo "$dir/node$1/mysqld.sock"; }
pidfile() { echo "$dir/node$1/mysqld.pid"; }
ask() { mariadb --no-defaults -uroot -h127.0.0.1 -P"$(client_port "$1")" --connect-timeout=2 -N -B -e "$2"; }

log() { echo "galera: $*" >&2; }
fail() {
  log "$*"
  exit 1
}

urls() {
  local list=()
  for n in "${nodes[@]}"; do list+=("mysql://root@127.0.0.1:$(client_port "$n")/test"); done
  (IFS=,; echo "${list[*]}")
}

# Debian's packages; a machine without them gets them from apt.
install_missing() {
  local missing=()
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
  [ -f /usr/lib/galera/libgalera_smm.so ] || missing+=(galera-4)
  command -v rsync >/dev/null || missing+=(rsync)
  command -v mariadb >/dev/null || missing+=(mariadb-client)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # The package's own service must not take over: this script starts the servers it needs.
  local policy=/usr/sbin/policy-rc.d ours=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && ours=1
  fi
  local installed=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || installed=$?
  [ -z "$ours" ] || rm -f "$policy"
  [ "$installed" -eq 0 ] || fail "apt-get install ${missing[*]} failed"
}

config() {
  local n="$1" cluster=""
  for m in "${nodes[@]}"; do cluster+="${cluster:+,}127.0.0.1:$(group_port "$m")"; done
  cat <<EOF
[mysqld]
user = mysql
datadir = $dir/node$n/data
socket = $(sock "$n")
pid-file = $(pidfile "$n")
log-error = $dir/node$n/error.log
port = $(client_port "$n")
bind-address = 127.0.0.1
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
innodb_buffer_pool_size = 128M
innodb_log_file_size = 48M
# A commit is on the other nodes once certified, so, as Galera deployments commonly do, each
# node then writes its log once a second instead of syncing at every commit.
innodb_flush_log_at_trx_commit = 2
# What Galera requires: row events, InnoDB, interleaved auto-increment locks.
binlog_format = ROW
default_storage_engine = InnoDB
innodb_autoinc_lock_mode = 2
wsrep_on = ON
wsrep_provider = /usr/lib/galera/libgalera_smm.so
wsrep_cluster_name = petition_galera
wsrep_cluster_address = gcomm://$cluster
wsrep_node_name = node$n
wsrep_node_address = 127.0.0.1:$(group_port "$n")
wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$(group_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=64M"
wsrep_sst_method = rsync
wsrep_sst_receive_address = 127.0.0.1:$(sst_port "$n")
wsrep_slave_threads = 2
EOF
}

# Runs as mysql: the rsync state transfer then reads and writes as the datadir's owner (started
# as root it would write as `nobody` and fail).
launch() {
  local n="$1"
  shift
  runuser -u mysql -- /usr/sbin/mariadbd --defaults-file="$dir/node$n/my.cnf" "$@" \
    >>"$dir/node$n/error.log" 2>&1 &
}

wait_for() {
  local n="$1" what="$2" seconds="$3"
  for _ in $(seq 1 "$seconds"); do
    [ "$(ask "$n" "$what" 2>/dev/null || true)" = "ok" ] && return 0
    if [ -f "$(pidfile "$n")" ] && ! kill -0 "$(cat "$(pidfile "$n")")" 2>/dev/null; then break; fi
    sleep 1
  done
  tail -n 30 "$dir/node$n/error.log" >&2 || true
  fail "node $n (port $(client_port "$n")) did not get there: $what"
}

synced="SELECT IF(VARIABLE_VALUE = 'Synced', 'ok', 'no') FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'wsrep_local_state_comment'"
three="SELECT IF(VARIABLE_VALUE = '3', 'ok', 'no') FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'wsrep_cluster_size'"

start() {
  if [ "$(ask 1 "$three" 2>/dev/null || true)" = "ok" ]; then
    log "already running"
    urls
    return
  fi
  stop
  install_missing
  for n in "${nodes[@]}"; do
    for p in "$(client_port "$n")" "$(group_port "$n")" "$(ist_port "$n")" "$(sst_port "$n")"; do
      if ss -Hltn "sport = :$p" | grep -q .; then fail "port $p is taken (set GALERA_PORT)"; fi
    done
  done
  local began=$SECONDS
  for n in "${nodes[@]}"; do
    mkdir -p "$dir/node$n/data"
    config "$n" >"$dir/node$n/my.cnf"
  done
  chown -R mysql:mysql "$dir"
  # Only the first node is initialised: the others receive its state by SST when they join.
  mariadb-install-db --defaults-file="$dir/node1/my.cnf" --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/node1/install.log" 2>&1 || {
    cat "$dir/node1/install.log" >&2
    fail "mariadb-install-db failed"
  }
  launch 1 --wsrep-new-cluster
  wait_for 1 "$synced" 60
  ask 1 "CREATE USER IF NOT EXISTS root@'127.0.0.1'; GRANT ALL ON *.* TO root@'127.0.0.1' WITH GRANT OPTION; CREATE DATABASE IF NOT EXISTS test CHARACTER SET utf8mb4"
  # One joiner at a time: each takes a full state transfer from a donor.
  for n in 2 3; do
    launch "$n"
    wait_for "$n" "$synced" 120
  done
  wait_for 1 "$three" 30
  log "3 nodes synced in $((SECONDS - began)) s"
  urls
}

stop() {
  # Joiners first, node 1 last: the last one down is the one safe to bootstrap from.
  for n in 3 2 1; do
    local pid=""
    [ -f "$(pidfile "$n")" ] && pid="$(cat "$(pidfile "$n")")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      log "node $n did not stop in 30 s; killing it"
      kill -KILL "$pid"
    fi
  done
  rm -rf "$dir"
}

status() {
  for n in "${nodes[@]}"; do
    printf 'node %s (port %s): ' "$n" "$(client_port "$n")"
    ask "$n" "SELECT GROUP_CONCAT(CONCAT(VARIABLE_NAME, '=', VARIABLE_VALUE) SEPARATOR ' ') FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('wsrep_cluster_size', 'wsrep_local_state_comment', 'wsrep_local_cert_failures', 'wsrep_local_bf_aborts')" 2>/dev/null ||
      echo "down"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  urls) urls ;;
  *) fail "usage: $0 start|stop|status|urls" ;;
esac
