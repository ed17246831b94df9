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
# Ports and the state folder come from RT_DB1_PORT (3307), RT_DB2_PORT (3308), RT_REDIS_PORT (6380)
# and RT_SERVICES_DIR (.test-services in the repository).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${RT_SERVICES_DIR:-$repo/.test-services}"
db1_port="${RT_DB1_PORT:-3307}"
db2_port="${RT_DB2_PORT:-3308}"
redis_port="${RT_REDIS_PORT:-6380}"

port_of() { case "$1" in db1) echo "$db1_port" ;; db2) echo "$db2_port" ;; *) echo "unknown database $1" >&2; exit 2 ;; esac; }

install() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
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

print_env() {
  echo "export RT_MYSQL_PRIMARY='Server=127.0.0.1;Port=$db1_port;User ID=root;Connection Timeout=3'"
  echo "export RT_MYSQL_SECONDARY='Server=127.0.0.1;Port=$db2_port;User ID=root;Connection Timeout=3'"
  echo "export RT_REDIS='127.0.0.1:$redis_port,abortConnect=false,connectTimeout=2000'"
  echo "export RT_SERVICES_SCRIPT='$repo/scripts/services.sh'"
  echo "export RT_SERVICES_DIR='$dir'"
}

case "${1:-}" in
  install) install ;;
  start) mkdir -p "$dir"; start_db db1; start_db db2; start_redis ;;
  stop) stop_pid "$dir/run-db1/pid"; stop_pid "$dir/run-db2/pid"; stop_pid "$dir/redis/redis.pid" ;;
  start-db) start_db "$2" ;;
  kill-db) port_of "$2" >/dev/null; stop_pid "$dir/run-$2/pid" KILL ;;
  stop-db) port_of "$2" >/dev/null; stop_pid "$dir/run-$2/pid" TERM ;;
  pause-db) port_of "$2" >/dev/null; kill -STOP "$(cat "$dir/run-$2/pid")" ;;
  resume-db) port_of "$2" >/dev/null; kill -CONT "$(cat "$dir/run-$2/pid")" ;;
  pid-db) port_of "$2" >/dev/null; cat "$dir/run-$2/pid" ;;
  env) print_env ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
