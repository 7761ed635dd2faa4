#!/usr/bin/env bash
# Start a real WordPress (Debian's package) seeded with the theme unit test data.
#   bash scripts/realwp/up.sh [--theme twentytwentyone|twentytwentythree] [--plugins] [--state DIR]
# Prints the base URL (also written to STATE/url). Stop it with: bash scripts/realwp/down.sh [--state DIR]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
THEME=twentytwentyone
PLUGINS=0
STATE="$REPO/.realwp"
SHARED="${MWMIGRATE_SHARED:-$REPO/../shared}"
WXR="${REALWP_WXR:-$SHARED/data/wxr/themeunittestdata.wordpress.xml}"
while [ $# -gt 0 ]; do
  case "$1" in
    --theme) THEME="$2"; shift 2 ;;
    --theme=*) THEME="${1#*=}"; shift ;;
    --plugins) PLUGINS=1; shift ;;
    --state) STATE="$2"; shift 2 ;;
    --state=*) STATE="${1#*=}"; shift ;;
    --wxr) WXR="$2"; shift 2 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "realwp: unknown argument $1" >&2; exit 64 ;;
  esac
done
case "$THEME" in twentytwentyone|twentytwentytwo|twentytwentythree) ;; *)
  echo "realwp: unsupported theme $THEME" >&2; exit 64 ;; esac
[ -f "$WXR" ] || { echo "realwp: WXR not found: $WXR" >&2; exit 66; }
mkdir -p "$(dirname "$STATE")"
STATE="$(cd "$(dirname "$STATE")" && pwd)/$(basename "$STATE")"

log() { echo "realwp: $*" >&2; }
now() { date +%s.%N; }

t_pkg=$(now)
bash "$HERE/install.sh"
t0=$(now)
log "packages ready in $(awk "BEGIN{printf \"%.1f\", $t0 - $t_pkg}") s"

# A previous instance in this state dir: stop it (exactly its PIDs), then start afresh.
if [ -d "$STATE" ]; then
  if [ ! -f "$STATE/.realwp-state" ] && [ -n "$(ls -A "$STATE")" ]; then
    log "refusing to reuse $STATE: not empty and not a realwp state dir"; exit 73
  fi
  bash "$HERE/down.sh" --state "$STATE" --quiet || true
  rm -rf "$STATE"
fi
mkdir -p "$STATE"
touch "$STATE/.realwp-state"
echo "$THEME" > "$STATE/theme"
echo "$PLUGINS" > "$STATE/plugins"

# If anything below fails, stop what we started.
cleanup_on_error() {
  log "start failed; logs in $STATE:"
  for f in "$STATE"/*.log "$STATE"/mariadb.err; do
    [ -s "$f" ] && { echo "--- $f" >&2; tail -15 "$f" >&2; }
  done
  bash "$HERE/down.sh" --state "$STATE" --quiet || true
}
trap cleanup_on_error ERR

# ---- MariaDB on a unix socket -----------------------------------------------------------------
SOCK="$STATE/mysqld.sock"
# A private tmpdir: bootstraps running side by side (pytest-xdist workers, several configs)
# otherwise share /tmp's #sql-temptable files and one can fail with "Unknown table".
mkdir -p "$STATE/tmp"
mysql_install_db --no-defaults --user=root --datadir="$STATE/db" --tmpdir="$STATE/tmp" \
  --auth-root-authentication-method=socket --skip-test-db > "$STATE/mysql_install_db.log" 2>&1
setsid mariadbd --no-defaults --user=root --datadir="$STATE/db" --socket="$SOCK" --tmpdir="$STATE/tmp" \
  --skip-networking --pid-file="$STATE/mariadb.pid" --log-error="$STATE/mariadb.err" \
  --skip-log-bin --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
  --innodb-buffer-pool-size=64M --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
  < /dev/null > "$STATE/mariadbd.out" 2>&1 &
echo $! > "$STATE/mariadb.pid.started"
for _ in $(seq 1 300); do
  [ -S "$SOCK" ] && break
  kill -0 "$(cat "$STATE/mariadb.pid.started")" 2>/dev/null || { log "mariadbd died: $(tail -5 "$STATE/mariadb.err")"; false; }
  sleep 0.1
done
[ -S "$SOCK" ] || { log "mariadbd socket did not appear"; false; }
mariadb --no-defaults --socket="$SOCK" -u root <<SQL
CREATE DATABASE wp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp';
GRANT ALL PRIVILEGES ON wp.* TO 'wp'@'localhost';
SQL

# ---- WordPress config: one file per instance, picked by port ----------------------------------
# The web server starts now, on a free port, so that no one else takes the port while WordPress
# is installed (nobody knows the URL until STATE/url is written at the end).
PORT=""
for _ in 1 2 3 4 5; do
  try=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0",$e,$m); $n=stream_socket_get_name($s,false); echo substr($n, strrpos($n, ":")+1);')
  PHP_CLI_SERVER_WORKERS=4 setsid php -S "127.0.0.1:$try" -t /usr/share/wordpress "$HERE/router.php" \
    < /dev/null > "$STATE/php-server.log" 2>&1 &
  echo $! > "$STATE/php.pid"
  sleep 0.3
  if kill -0 "$(cat "$STATE/php.pid")" 2>/dev/null; then PORT=$try; break; fi
  rm -f "$STATE/php.pid"
done
[ -n "$PORT" ] || { log "php -S could not bind a port: $(tail -3 "$STATE/php-server.log")"; false; }
URL="http://127.0.0.1:$PORT"
echo "$PORT" > "$STATE/port"
mkdir -p /etc/wordpress/realwp
CONF="/etc/wordpress/realwp/127.0.0.1-$PORT.php"
echo "$CONF" > "$STATE/config"
salt() { php -r 'echo bin2hex(random_bytes(32));'; }
cat > "$CONF" <<PHP
<?php
// Written by mwmigrate scripts/realwp/up.sh for the instance in $STATE. Removed by down.sh.
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:$SOCK');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '$URL');
define('WP_SITEURL', '$URL');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
define('REALWP_STATE', '$STATE');
define('REALWP_PLUGINS', $( [ "$PLUGINS" = 1 ] && echo true || echo false ));
define('AUTH_KEY', '$(salt)');
define('SECURE_AUTH_KEY', '$(salt)');
define('LOGGED_IN_KEY', '$(salt)');
define('NONCE_KEY', '$(salt)');
define('AUTH_SALT', '$(salt)');
define('SECURE_AUTH_SALT', '$(salt)');
define('LOGGED_IN_SALT', '$(salt)');
define('NONCE_SALT', '$(salt)');
\$table_prefix = 'wp_';
PHP
# Debian's wp-config.php reads config-<host>.php; for 127.0.0.1 this dispatcher picks the
# instance by port, so several harness instances (themes, plugins) can run side by side.
cat > /etc/wordpress/config-127.0.0.1.php.tmp$$ <<'PHP'
<?php
// Written by mwmigrate scripts/realwp/up.sh: the realwp instance for this port.
$realwp_port = '';
if (isset($_SERVER['HTTP_HOST']) && preg_match('/:(\d+)$/', $_SERVER['HTTP_HOST'], $realwp_m)) {
    $realwp_port = $realwp_m[1];
} elseif (isset($_SERVER['SERVER_PORT'])) {
    $realwp_port = (string) $_SERVER['SERVER_PORT'];
}
$realwp_conf = '/etc/wordpress/realwp/127.0.0.1-' . $realwp_port . '.php';
if ($realwp_port === '' || !ctype_digit($realwp_port) || !is_file($realwp_conf)) {
    header('HTTP/1.0 404 Not Found');
    echo 'No realwp WordPress instance is configured for port ' . htmlspecialchars($realwp_port);
    exit(1);
}
require $realwp_conf;
PHP
mv -f /etc/wordpress/config-127.0.0.1.php.tmp$$ /etc/wordpress/config-127.0.0.1.php

# ---- mu-plugin (inert unless the instance's config says REALWP_PLUGINS) -----------------------
MU=/var/lib/wordpress/wp-content/mu-plugins
if [ "$PLUGINS" = 1 ]; then
  mkdir -p "$MU"
  cp "$HERE/mu-plugin-realwp-plugins.php" "$MU/mwmigrate-realwp-plugins.php.tmp$$"
  mv -f "$MU/mwmigrate-realwp-plugins.php.tmp$$" "$MU/mwmigrate-realwp-plugins.php"
fi

# ---- install, seed, configure (serialised across instances: uploads dir is shared) ------------
export REALWP_PORT=$PORT
exec 8>/tmp/mwmigrate-realwp-seed.lock
flock 8
php "$HERE/wp-install.php" "$THEME" "$WXR" > "$STATE/install.log" 2>&1 || { cat "$STATE/install.log" >&2; false; }
t_inst=$(now)
php "$HERE/seed.php" "$WXR" > "$STATE/seed.log" 2>&1 || { cat "$STATE/seed.log" >&2; false; }
t_seed=$(now)
php "$HERE/configure.php" $( [ "$PLUGINS" = 1 ] && echo --plugins ) > "$STATE/configure.log" 2>&1 || { cat "$STATE/configure.log" >&2; false; }
flock -u 8
exec 8>&-
grep -h . "$STATE/install.log" "$STATE/seed.log" "$STATE/configure.log" | sed 's/^/realwp: /' >&2

# ---- web server (started above): wait until WordPress answers ---------------------------------
ready=0
for _ in $(seq 1 150); do
  code=$(php -r '$c=@file_get_contents($argv[1]); echo isset($http_response_header[0]) ? explode(" ", $http_response_header[0])[1] : 0;' "$URL/wp-json/" 2>/dev/null || echo 0)
  if [ "$code" = 200 ]; then ready=1; break; fi
  kill -0 "$(cat "$STATE/php.pid")" 2>/dev/null || { log "php -S died: $(tail -5 "$STATE/php-server.log")"; false; }
  sleep 0.1
done
[ $ready = 1 ] || { log "web server not answering at $URL"; false; }
trap - ERR
t1=$(now)
echo "$URL" > "$STATE/url"
php -r 'printf("realwp: up in %.1f s (install %.1f, seed %.1f, configure+serve %.1f), theme %s, plugins %s\n", $argv[4]-$argv[1], $argv[2]-$argv[1], $argv[3]-$argv[2], $argv[4]-$argv[3], $argv[5], $argv[6]);' \
  "$t0" "$t_inst" "$t_seed" "$t1" "$THEME" "$PLUGINS" | tee "$STATE/timing" >&2
echo "$URL"
