#!/usr/bin/env bash
# Stop the realwp instance of a state dir: exactly the PIDs up.sh recorded, nothing else.
#   bash scripts/realwp/down.sh [--state DIR] [--quiet]
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="$(cd "$HERE/../.." && pwd)/.realwp"
QUIET=0
while [ $# -gt 0 ]; do
  case "$1" in
    --state) STATE="$2"; shift 2 ;;
    --state=*) STATE="${1#*=}"; shift ;;
    --quiet) QUIET=1; shift ;;
    *) echo "realwp: unknown argument $1" >&2; exit 64 ;;
  esac
done
say() { [ $QUIET = 1 ] || echo "realwp: $*" >&2; }
[ -d "$STATE" ] || { say "no state dir $STATE"; exit 0; }

# stop PIDFILE EXPECTED_COMM: TERM the recorded process (and, for the php server, the worker
# processes in the session it leads), wait, then KILL; only if /proc still shows that program.
stop() {
  local pidfile="$1" comm="$2" pid pids
  [ -f "$pidfile" ] || return 0
  pid="$(tr -dc 0-9 < "$pidfile")"
  [ -n "$pid" ] || { rm -f "$pidfile"; return 0; }
  if [ -r "/proc/$pid/comm" ] && grep -qx "$comm" "/proc/$pid/comm"; then
    pids="$pid"
    # PHP_CLI_SERVER_WORKERS forks workers: children of the recorded server process.
    for c in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
      grep -qx "$comm" "/proc/$c/comm" 2>/dev/null && pids="$pids $c"
    done
    say "stopping $comm ($pids)"
    kill -TERM $pids 2>/dev/null
    for _ in $(seq 1 100); do
      local alive=0
      for p in $pids; do kill -0 "$p" 2>/dev/null && [ "$(cat /proc/$p/stat 2>/dev/null | awk '{print $3}')" != Z ] && alive=1; done
      [ $alive = 0 ] && break
      sleep 0.1
    done
    for p in $pids; do kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null; done
  fi
  rm -f "$pidfile"
}
stop "$STATE/php.pid" php
# mariadbd writes its own pid file; mariadb.pid.started is what up.sh launched (same process).
if [ -f "$STATE/mariadb.pid.started" ]; then
  stop "$STATE/mariadb.pid.started" mariadbd
  rm -f "$STATE/mariadb.pid"
else
  stop "$STATE/mariadb.pid" mariadbd
fi
if [ -f "$STATE/config" ]; then
  conf="$(cat "$STATE/config")"
  case "$conf" in /etc/wordpress/realwp/127.0.0.1-*.php) rm -f "$conf" ;; esac
fi
rm -f "$STATE/url"
say "stopped ($STATE)"
exit 0
