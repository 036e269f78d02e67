#!/usr/bin/env bash
# A throw-away MariaDB for the MySQL test run, on 127.0.0.1:3307 (no Docker, no systemd needed).
#
#   .ci/start-mariadb.sh          install (if needed) and start the server; reuses one already on 3307
#   .ci/start-mariadb.sh --stop   shut down the server started here (data dir below)
#
# Progress goes to stderr; stdout is only the environment to use, as `export` lines, so that
#   eval "$(.ci/start-mariadb.sh)"   (or: env_lines=$(.ci/start-mariadb.sh) && eval "$env_lines")
# sets HUB_DB=mysql and friends. The user hub / password hub has ALL PRIVILEGES ON *.*, because the
# tests create and drop their own databases (HUB_MYSQL_CREATE_DATABASE=1 + a prefix per test file).
# Must run as root (apt-get, mariadbd --user=root). Safe to run more than once.
set -euo pipefail

PORT="${HUB_MARIADB_PORT:-3307}"
BASE="${HUB_MARIADB_DIR:-${TMPDIR:-/tmp}/hub-mariadb-$PORT}"
D="$BASE/data"
SOCK="$D/sock"
LOG="$BASE/mariadbd.log"
PIDFILE="$BASE/mariadbd.pid"

say() { echo "[mariadb] $*" >&2; }
root_sql() { mariadb --no-defaults --socket="$SOCK" -uroot "$@"; }
# Something listens on the port (a plain TCP connect: a ping without a user may be refused by host).
answers_on_tcp() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

if [[ "${1:-}" == "--stop" ]]; then
  if [[ -S "$SOCK" ]] && root_sql -e 'SELECT 1' >/dev/null 2>&1; then
    say "stopping the server in $D"
    mariadb-admin --no-defaults --socket="$SOCK" -uroot shutdown
  elif [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "stopping mariadbd pid $(cat "$PIDFILE")"
    kill "$(cat "$PIDFILE")"
  else
    say "no server of ours is running in $D"
    exit 0
  fi
  for _ in $(seq 1 60); do answers_on_tcp || exit 0; sleep 0.5; done
  say "the server still answers on $PORT after 30 s"
  exit 1
fi

# 1. Install from Debian's packages when missing. Without systemd the package's own start attempt
#    would only fail or start a second server on 3306, so it is switched off for the install.
if ! command -v mariadbd >/dev/null 2>&1; then
  say "installing mariadb-server (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  policy_rc_added=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    policy_rc_added=1
  fi
  { apt-get update -qq && apt-get install -y -qq mariadb-server mariadb-client >/dev/null; } >&2 || status=$?
  [[ -n "$policy_rc_added" ]] && rm -f /usr/sbin/policy-rc.d
  if [[ "${status:-0}" != 0 ]]; then say "apt-get install mariadb-server failed"; exit 1; fi
fi

# 2. Start the server unless something already answers on the port.
if answers_on_tcp; then
  say "a server already answers on 127.0.0.1:$PORT; reusing it"
else
  mkdir -p "$BASE"
  if [[ ! -d "$D/mysql" ]]; then
    say "initialising a data dir in $D"
    rm -rf "$D"
    mariadb-install-db --no-defaults --user=root --datadir="$D" --skip-test-db >"$BASE/install-db.log" 2>&1 ||
      { cat "$BASE/install-db.log" >&2; exit 1; }
  fi
  say "starting mariadbd on 127.0.0.1:$PORT (log: $LOG)"
  # --no-defaults: Debian's /etc/mysql config (pid file in /run/mysqld, port 3306) must not apply.
  nohup mariadbd --no-defaults --user=root --datadir="$D" --socket="$SOCK" --port="$PORT" \
    --bind-address=127.0.0.1 --pid-file="$PIDFILE" --log-error="$LOG" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 --skip-name-resolve </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 120); do
    if answers_on_tcp && root_sql -e 'SELECT 1' >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  if ! answers_on_tcp || ! root_sql -e 'SELECT 1' >/dev/null 2>&1; then
    say "mariadbd did not answer within 60 s; last lines of $LOG:"
    tail -n 30 "$LOG" >&2 || true
    exit 1
  fi
fi

# 3. The hub user, over the socket as root (our server), or check it already works (someone else's).
if [[ -S "$SOCK" ]] && root_sql -e 'SELECT 1' >/dev/null 2>&1; then
  root_sql <<'SQL'
CREATE USER IF NOT EXISTS 'hub'@'127.0.0.1' IDENTIFIED BY 'hub';
CREATE USER IF NOT EXISTS 'hub'@'localhost' IDENTIFIED BY 'hub';
ALTER USER 'hub'@'127.0.0.1' IDENTIFIED BY 'hub';
ALTER USER 'hub'@'localhost' IDENTIFIED BY 'hub';
GRANT ALL PRIVILEGES ON *.* TO 'hub'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'hub'@'localhost';
FLUSH PRIVILEGES;
SQL
fi
if ! mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$PORT" -uhub -phub -e 'SELECT 1' >/dev/null; then
  say "the server on 127.0.0.1:$PORT does not accept hub/hub, and it is not ours to fix ($SOCK)"
  exit 1
fi
say "ready: $(mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$PORT" -uhub -phub -N -e 'SELECT VERSION()')"

cat <<ENV
export HUB_DB=mysql
export HUB_MYSQL_HOST=127.0.0.1
export HUB_MYSQL_PORT=$PORT
export HUB_MYSQL_USER=hub
export HUB_MYSQL_PASSWORD=hub
export HUB_MYSQL_CREATE_DATABASE=1
ENV
