#!/usr/bin/env bash
# Install the Debian packages the real-WordPress harness needs, only if missing.
# Exit codes: 0 ok (or nothing to do), 2 not root and packages missing, 3 apt failed.
set -euo pipefail
PKGS=(wordpress wordpress-theme-twentytwentyone wordpress-theme-twentytwentytwo
      wordpress-theme-twentytwentythree php-cli php-mysql php-xml php-mbstring php-gd
      mariadb-server mariadb-client)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "realwp: installing missing packages: ${missing[*]}" >&2
if [ "$(id -u)" != 0 ]; then
  echo "realwp: ERROR: packages missing (${missing[*]}) and not running as root; install them with: apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
t0=$(date +%s)
# Lock so two concurrent callers don't run apt at the same time.
exec 9>/tmp/mwmigrate-realwp-apt.lock
flock 9
# apt-get update only when a candidate is unknown (fresh image has no lists).
need_update=0
for p in "${missing[@]}"; do
  if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then need_update=1; break; fi
done
if [ $need_update = 1 ]; then
  apt-get update -qq >&2 || { echo "realwp: ERROR: apt-get update failed" >&2; exit 3; }
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
  echo "realwp: ERROR: apt-get install failed for: ${missing[*]}" >&2
  exit 3
fi
echo "realwp: packages installed in $(( $(date +%s) - t0 )) s" >&2
