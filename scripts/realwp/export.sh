#!/usr/bin/env bash
# Write the running realwp site's own WXR (export_wp, content=all) to a file.
#   bash scripts/realwp/export.sh [--state DIR] OUTFILE
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="$(cd "$HERE/../.." && pwd)/.realwp"
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --state) STATE="$2"; shift 2 ;;
    --state=*) STATE="${1#*=}"; shift ;;
    -*) echo "realwp: unknown argument $1" >&2; exit 64 ;;
    *) OUT="$1"; shift ;;
  esac
done
[ -n "$OUT" ] || { echo "usage: export.sh [--state DIR] OUTFILE" >&2; exit 64; }
[ -f "$STATE/port" ] && [ -f "$STATE/url" ] || { echo "realwp: no running instance in $STATE (run up.sh)" >&2; exit 69; }
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
REALWP_PORT="$(cat "$STATE/port")" php "$HERE/export.php" "$OUT"
