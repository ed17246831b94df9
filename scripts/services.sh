#!/usr/bin/env bash
# Test services on loopback, without systemd: two MariaDB servers (the masters) and Redis.
#   scripts/services.sh install            apt-get what is missing (MariaDB, Redis, Chromium)
#   scripts/services.sh start              init (first time) and start db1, db2 and redis
#   scripts/services.sh stop               stop all three (graceful, then SIGKILL)
#   scripts/services.sh start-db NAME      start one database again (db1 | db2), e.g. after a kill
#   scripts/services.sh kill-db NAME       SIGKILL one database (a crash, for fault tests)
#   scripts/services.sh stop-db NAME       SIGTERM one database and wait for it to exit (a clean shutdown)
#   scripts/services.sh pause-db NAME      SIGSTOP one database (a hung server: connections open, nothing answers)
#   scripts/services.sh resume-db NAME     SIGCONT a paused database
#   scripts/services.sh pid-db NAME        print the pid of a running database
#   scripts/services.sh env                print the variables the tests read
#   scripts/services.sh galera-start       a 3-node MariaDB Galera cluster on loopback (g1..g3), until all are Synced
#   scripts/services.sh galera-stop        stop the three Galera nodes
#   scripts/services.sh galera-kill NODE   SIGKILL one Galera node (g1 | g2 | g3)
#   scripts/services.sh galera-rejoin NODE start a killed Galera node again; it rejoins by state transfer
# Ports and the state folder come from RT_DB1_PORT (3307), RT_DB2_PORT (3308), RT_REDIS_PORT (6380)
# and RT_SERVICES_DIR (.test-services in the repository). The Galera nodes listen on 127.0.0.11-13, all on
# RT_GALERA_PORT (3410; one port, because one MySqlConnector string lists the nodes by host only), with the
# group, IST and SST ports RT_GALERA_GROUP_PORT (4577), +1 and +2 on each node's own address.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${RT_SERVICES_DIR:-$repo/.test-services}"
db1_port="${RT_DB1_PORT:-3307}"
db2_port="${RT_DB2_PORT:-3308}"
redis_port="${RT_REDIS_PORT:-6380}"
galera_port="${RT_GALERA_PORT:-3410}"
galera_group_port="${RT_GALERA_GROUP_PORT:-4577}"

port_of() { case "$1" in db1) echo "$db1_port" ;; db2) echo "$db2_port" ;; *) echo "unknown database $1" >&2; exit 2 ;; esac; }

install() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # The Galera cluster of the cluster fault test: the wsrep provider and rsync for state transfers.
  [ -f /usr/lib/galera/libgalera_smm.so ] || missing+=(galera-4)
  command -v rsync >/dev/null 2>&1 || missing+=(rsync)
  # The balancer in front of two server instances in the cluster fault test (deploy/haproxy.cfg).
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  # Korean text and the sync-state emoji in browser screenshots need these fonts.
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_db() {
  local name="$1" port; port="$(port_of "$name")"
  local data="$dir/$name" run="$dir/run-$name"
  mkdir -p "$run"
  if [ ! -d "$data/mysql" ]; then
    mkdir -p "$data"
    mariadb-install-db --no-defaults --user=root --datadir="$data" --skip-test-db \
      --auth-root-authentication-method=normal >"$run/install.log" 2>&1
  fi
  if [ -f "$run/pid" ] && kill -0 "$(cat "$run/pid")" 2>/dev/null; then return 0; fi
  setsid /usr/sbin/mariadbd --no-defaults --user=root --datadir="$data" --port="$port" --bind-address=127.0.0.1 \
    --socket="$run/sock" --pid-file="$run/pid" --log-error="$run/err.log" --skip-name-resolve \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=2 \
    --max-connections=500 </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 200); do
    if mariadb-admin --no-defaults --protocol=tcp -h127.0.0.1 -P"$port" -uroot ping >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "database $name did not start; see $run/err.log" >&2
  tail -20 "$run/err.log" >&2 || true
  exit 1
}

stop_pid() {
  local pidfile="$1" signal="${2:-TERM}"
  [ -f "$pidfile" ] || return 0
  local pid; pid="$(cat "$pidfile")"
  kill -"$signal" "$pid" 2>/dev/null || true
  kill -CONT "$pid" 2>/dev/null || true  # a paused (SIGSTOPped) server must run to act on the signal
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

start_redis() {
  mkdir -p "$dir/redis"
  if [ -f "$dir/redis/redis.pid" ] && kill -0 "$(cat "$dir/redis/redis.pid")" 2>/dev/null; then return 0; fi
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --pidfile "$dir/redis/redis.pid" \
    --logfile "$dir/redis/redis.log" --dir "$dir/redis" --save '' --appendonly yes --appendfsync everysec >/dev/null
  for _ in $(seq 1 100); do
    [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = "PONG" ] && return 0
    sleep 0.1
  done
  echo "redis did not start" >&2; exit 1
}

galera_address() { case "$1" in g1) echo 127.0.0.11 ;; g2) echo 127.0.0.12 ;; g3) echo 127.0.0.13 ;; *) echo "unknown Galera node $1" >&2; exit 2 ;; esac; }

galera_config() {
  local name="$1" address; address="$(galera_address "$name")"
  local data="$dir/galera/$name" run="$dir/galera/run-$name" ist=$((galera_group_port + 1)) sst=$((galera_group_port + 2))
  mkdir -p "$run"
  cat >"$run/my.cnf" <<CNF
[mariadbd]
user=root
datadir=$data
socket=$run/sock
pid-file=$run/pid
log-error=$run/err.log
port=$galera_port
bind-address=$address
skip-name-resolve
innodb-buffer-pool-size=48M
innodb-log-file-size=16M
max-connections=300
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=rt_test
wsrep_cluster_address=gcomm://127.0.0.11:$galera_group_port,127.0.0.12:$galera_group_port,127.0.0.13:$galera_group_port
wsrep_node_address=$address:$galera_group_port
wsrep_node_name=$name
wsrep_provider_options="gmcast.listen_addr=tcp://$address:$galera_group_port;ist.recv_addr=$address:$ist;gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=$address:$sst
CNF
  echo "$run/my.cnf"
}

galera_sql() { # node sql
  mariadb --no-defaults --protocol=tcp -h"$(galera_address "$1")" -P"$galera_port" -uroot -N -B -e "$2"
}

galera_wait_synced() {
  local name="$1"
  for _ in $(seq 1 600); do
    [ "$(galera_sql "$name" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = "Synced" ] && return 0
    if ! kill -0 "$(cat "$dir/galera/run-$name/pid" 2>/dev/null || echo 0)" 2>/dev/null && [ ! -f "$dir/galera/run-$name/starting" ]; then break; fi
    sleep 0.1
  done
  echo "Galera node $name did not become Synced; see $dir/galera/run-$name/err.log" >&2
  tail -20 "$dir/galera/run-$name/err.log" >&2 || true
  exit 1
}

galera_start_node() { # node [--wsrep-new-cluster]
  local name="$1" bootstrap="${2:-}" cnf; cnf="$(galera_config "$name")"
  local data="$dir/galera/$name" run="$dir/galera/run-$name"
  if [ -f "$run/pid" ] && kill -0 "$(cat "$run/pid")" 2>/dev/null; then return 0; fi
  if [ -n "$bootstrap" ] && [ ! -d "$data/mysql" ]; then
    mkdir -p "$data"
    mariadb-install-db --defaults-file="$cnf" --user=root --skip-test-db --auth-root-authentication-method=normal >"$run/install.log" 2>&1
  fi
  # A joiner takes a full state transfer by rsync, whose daemon writes as nobody; a node killed before has lost
  # its position, so it is emptied and takes the same transfer.
  if [ -z "$bootstrap" ]; then rm -rf "$data"; mkdir -p "$data"; chown -R nobody:nogroup "$data"; fi
  touch "$run/starting"
  setsid /usr/sbin/mariadbd --defaults-file="$cnf" $bootstrap </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 100); do [ -f "$run/pid" ] && break; sleep 0.1; done
  galera_wait_synced "$name"; rm -f "$run/starting"
}

galera_start() {
  mkdir -p "$dir/galera"
  # A cluster that was stopped as a whole starts again from scratch: its test databases are per run.
  if ! { [ -f "$dir/galera/run-g1/pid" ] && kill -0 "$(cat "$dir/galera/run-g1/pid")" 2>/dev/null; }; then
    rm -rf "$dir/galera/g1" "$dir/galera/g2" "$dir/galera/g3"
    galera_start_node g1 --wsrep-new-cluster
  fi
  galera_start_node g2
  galera_start_node g3
}

galera_stop() { for n in g3 g2 g1; do stop_pid "$dir/galera/run-$n/pid"; done; }

print_env() {
  echo "export RT_MYSQL_PRIMARY='Server=127.0.0.1;Port=$db1_port;User ID=root;Connection Timeout=3'"
  echo "export RT_MYSQL_SECONDARY='Server=127.0.0.1;Port=$db2_port;User ID=root;Connection Timeout=3'"
  echo "export RT_REDIS='127.0.0.1:$redis_port,abortConnect=false,connectTimeout=2000'"
  echo "export RT_SERVICES_SCRIPT='$repo/scripts/services.sh'"
  echo "export RT_SERVICES_DIR='$dir'"
  echo "export RT_GALERA='Server=127.0.0.11,127.0.0.12,127.0.0.13;Port=$galera_port;User ID=root;Load Balance=FailOver;Connection Timeout=3'"
}

case "${1:-}" in
  install) install ;;
  start) mkdir -p "$dir"; start_db db1; start_db db2; start_redis ;;
  stop) galera_stop; stop_pid "$dir/run-db1/pid"; stop_pid "$dir/run-db2/pid"; stop_pid "$dir/redis/redis.pid" ;;
  start-db) start_db "$2" ;;
  kill-db) port_of "$2" >/dev/null; stop_pid "$dir/run-$2/pid" KILL ;;
  stop-db) port_of "$2" >/dev/null; stop_pid "$dir/run-$2/pid" TERM ;;
  pause-db) port_of "$2" >/dev/null; kill -STOP "$(cat "$dir/run-$2/pid")" ;;
  resume-db) port_of "$2" >/dev/null; kill -CONT "$(cat "$dir/run-$2/pid")" ;;
  pid-db) port_of "$2" >/dev/null; cat "$dir/run-$2/pid" ;;
  galera-start) galera_start ;;
  galera-stop) galera_stop ;;
  galera-kill) galera_address "$2" >/dev/null; stop_pid "$dir/galera/run-$2/pid" KILL ;;
  galera-rejoin) galera_start_node "$2" ;;
  env) print_env ;;
  *) sed -n '2,22p' "$0"; exit 2 ;;
esac
