#!/usr/bin/env bash
# Captures every screen of the app in both languages under a private Xvfb.
# Usage: .ci/screenshots.sh BINARY OUTDIR
set -euo pipefail
bin=$(realpath "$1"); out=$2
mkdir -p "$out"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display
# Wait for the X server (poll, with a deadline).
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
# Preferences of a throw-away home, so the user's own settings stay untouched.
export HOME=$(mktemp -d)
screens=$("$bin" --list-screens)
for lang in zh-Hans en; do
  for s in $screens; do
    "$bin" --lang "$lang" --screen "$s" >/dev/null 2>&1 &
    app=$!
    win=""
    for _ in $(seq 100); do
      win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -1 || true)
      [ -n "$win" ] && break
      sleep 0.1
    done
    [ -n "$win" ] || { echo "no window for $s/$lang" >&2; kill $app; exit 1; }
    sleep 1 # let the first frames settle (animations, async status)
    import -window "$win" "$out/$s-$lang.png"
    echo "$out/$s-$lang.png"
    kill "$app"; wait "$app" 2>/dev/null || true
  done
done
