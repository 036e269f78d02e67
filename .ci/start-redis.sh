#!/usr/bin/env bash
# A throw-away Redis for the replica tests, on 127.0.0.1:6380 (no Docker, no systemd needed).
#
#   .ci/start-redis.sh          install (if needed) and start the server; reuses one already on 6380
#   .ci/start-redis.sh --stop   shut down the server started here
#
# Progress goes to stderr; stdout is only the environment to use, as `export` lines, so that
#   eval "$(.ci/start-redis.sh)"
# sets HUB_TEST_REDIS_URL. Nothing is persisted (no RDB, no AOF): the rate limiter's counters and the
# persisted queries are short-lived by design. Must run as root when it has to install. Safe to run more than once.
set -euo pipefail

PORT="${HUB_REDIS_PORT:-6380}"
BASE="${HUB_REDIS_DIR:-${TMPDIR:-/tmp}/hub-redis-$PORT}"
PIDFILE="$BASE/redis.pid"
LOG="$BASE/redis.log"

say() { echo "[redis] $*" >&2; }
answers() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

if [[ "${1:-}" == "--stop" ]]; then
  if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "stopping redis-server pid $(cat "$PIDFILE")"
    kill "$(cat "$PIDFILE")"
    for _ in $(seq 1 40); do answers || exit 0; sleep 0.25; done
    say "the server still answers on $PORT after 10 s"
    exit 1
  fi
  say "no server of ours is running on $PORT"
  exit 0
fi

# 1. Install from Debian's packages when missing; the package's own service start is switched off
#    (no systemd here, and it would take 6379).
if ! command -v redis-server >/dev/null 2>&1; then
  say "installing redis-server (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  policy_rc_added=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    policy_rc_added=1
  fi
  { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; } >&2 || status=$?
  [[ -n "$policy_rc_added" ]] && rm -f /usr/sbin/policy-rc.d
  if [[ "${status:-0}" != 0 ]]; then say "apt-get install redis-server failed"; exit 1; fi
fi

# 2. Start unless something already answers on the port.
if answers; then
  say "a server already answers on 127.0.0.1:$PORT; reusing it"
else
  mkdir -p "$BASE"
  say "starting redis-server on 127.0.0.1:$PORT (log: $LOG)"
  redis-server --port "$PORT" --bind 127.0.0.1 --daemonize yes --pidfile "$PIDFILE" --logfile "$LOG" \
    --dir "$BASE" --save '' --appendonly no --maxmemory 256mb --maxmemory-policy volatile-lru >&2
  for _ in $(seq 1 40); do answers && break; sleep 0.25; done
  if ! answers; then
    say "redis-server did not answer within 10 s; last lines of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
fi
say "ready: $(redis-cli -h 127.0.0.1 -p "$PORT" info server | sed -n 's/^redis_version:\(.*\)\r$/\1/p')"

cat <<ENV
export HUB_TEST_REDIS_URL=redis://127.0.0.1:$PORT
ENV
