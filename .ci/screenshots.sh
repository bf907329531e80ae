#!/usr/bin/env bash
# Captures every screen of the app in both languages under a private Xvfb,
# with the simulated terminal attached, plus a troubleshooting session in
# progress. Usage: .ci/screenshots.sh BINARY OUTDIR
set -euo pipefail
bin=$(realpath "$1"); out=$2
mkdir -p "$out"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb=$!
export HOME=$(mktemp -d)   # throw-away preferences and history
export POSDOCTOR_DATA=$HOME/data
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$HOME"' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

shot() { # name, then the app's arguments
  local name=$1; shift
  "$bin" --demo "$@" >/dev/null 2>&1 &
  local app=$! win=""
  for _ in $(seq 300); do # up to 30 s: a loaded machine starts slowly
    win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] || { echo "no window for $name" >&2; kill "$app"; exit 1; }
  sleep "${SETTLE:-3}" # let detection and checks finish drawing
  if [ -n "${SMALL:-}" ]; then # the smallest supported window: does it fit?
    xdotool windowmove "$win" 0 0 windowsize "$win" 800 600 >/dev/null 2>&1 || true
    sleep 1
  fi
  import -window root "$out/$name.png"
  echo "$out/$name.png"
  kill "$app"
  for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$app" 2>/dev/null || true # seen hanging on exit under load
  wait "$app" 2>/dev/null || true
}

# Some history to show: two shift-start self-tests with no terminal attached.
"$bin" diagnose --flow selftest </dev/null >/dev/null 2>&1 || true
"$bin" diagnose --flow selftest </dev/null >/dev/null 2>&1 || true

for lang in zh-Hans en; do
  for s in $("$bin" --list-screens); do
    shot "$s-$lang" --lang "$lang" --screen "$s"
  done
  SETTLE=5 shot "wizard-$lang" --lang "$lang" --start main
done

# The same at 800×600 with large text and high contrast (Fyne's preferences
# file), cropped to the window: what a small till PC shows.
prefs=$HOME/.config/fyne/cn.posdoctor.app
mkdir -p "$prefs"
echo '{"largeText":true,"highContrast":true}' >"$prefs/preferences.json"
for lang in zh-Hans en; do
  for s in $("$bin" --list-screens); do
    SMALL=1 shot "small-$s-$lang" --lang "$lang" --screen "$s"
    mogrify -crop 800x600+0+0 +repage "$out/small-$s-$lang.png"
  done
  SMALL=1 SETTLE=5 shot "small-wizard-$lang" --lang "$lang" --start main
  mogrify -crop 800x600+0+0 +repage "$out/small-wizard-$lang.png"
done
