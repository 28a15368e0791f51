#!/usr/bin/env bash
# Run a command with DATABASE_URL and REDIS_URL pointing at PostgreSQL and Redis.
# Uses the servers already listening on 127.0.0.1 (5432, 6379) when there are; otherwise starts
# private ones on other ports in a temporary directory and stops them afterwards.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
tmp=""
pg_started=""
redis_pid=""

cleanup() {
  if [ -n "$pg_started" ]; then
    run_pg "$PG_BIN/pg_ctl" -D "$tmp/pg" -m fast stop >/dev/null 2>&1 || true
  fi
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi
  if [ -n "$tmp" ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT

run_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -z "${LADDER_PRIVATE_BACKENDS:-}" ] && listening 5432 && psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1" >/dev/null 2>&1; then
  pg_port=5432
else
  tmp=$(mktemp -d)
  pg_port=54329
  mkdir -p "$tmp/pg"
  if [ "$(id -u)" = "0" ]; then chown postgres "$tmp" "$tmp/pg"; fi
  run_pg "$PG_BIN/initdb" -D "$tmp/pg" -U postgres --auth=trust -N >/dev/null
  run_pg "$PG_BIN/pg_ctl" -D "$tmp/pg" -l "$tmp/pg/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $tmp/pg -c fsync=off" start >/dev/null
  pg_started=1
fi
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atc "select 1 from pg_database where datname='ladder'" | grep -q 1 \
  || psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "create database ladder" >/dev/null

if [ -z "${LADDER_PRIVATE_BACKENDS:-}" ] && listening 6379; then
  redis_port=6379
else
  command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server)
  [ -n "$tmp" ] || tmp=$(mktemp -d)
  redis_port=63799
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$tmp" >/dev/null &
  redis_pid=$!
  for _ in $(seq 50); do listening "$redis_port" && break; sleep 0.1; done
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/ladder"
export TEST_DATABASE_NAME="${TEST_DATABASE_NAME:-ladder_test}"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
# Property-based tests run more examples here than in `make test` (tests/hypothesis_profiles.py).
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-backends}"
echo "test-backends: DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL"
"$@"
