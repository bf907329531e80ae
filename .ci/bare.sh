#!/usr/bin/env bash
# Runs the screen and report tests as a bare merchant PC would see them: no
# system fonts at all (empty tmpfs over every font folder, in a private mount
# namespace so the machine is untouched), LANG=C.UTF-8, and a fresh HOME and
# XDG folders (no Fyne preferences, no font cache). Go's own caches are kept
# so nothing is recompiled. Needs root (or user namespaces) and unshare.
# Usage: .ci/bare.sh [go test args...]   (default: the ui and report tests)
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-count=1 ./ui/ ./wizard/report/ ./ui/cli/)
gocache=$(go env GOCACHE) gomodcache=$(go env GOMODCACHE) gopath=$(go env GOPATH)
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
mkdir -p "$fresh/home" "$fresh/config" "$fresh/cache" "$fresh/data"
# Every folder fontconfig or Fyne's font scanner may read.
dirs=(/usr/share/fonts /usr/local/share/fonts "$HOME/.fonts" "$HOME/.local/share/fonts")
exec unshare -m --propagation private env -i \
	PATH="$PATH" GOCACHE="$gocache" GOMODCACHE="$gomodcache" GOPATH="$gopath" GOFLAGS="${GOFLAGS:-}" \
	HOME="$fresh/home" XDG_CONFIG_HOME="$fresh/config" XDG_CACHE_HOME="$fresh/cache" XDG_DATA_HOME="$fresh/data" \
	LANG=C.UTF-8 TMPDIR="${TMPDIR:-/tmp}" \
	bash -c '
set -euo pipefail
for d in "$@"; do
	case $d in --) break;; esac
	[ -d "$d" ] && mount -t tmpfs -o ro,size=1m none "$d"
done
while [ "$1" != -- ]; do shift; done; shift
n=$(find /usr/share/fonts /usr/local/share/fonts -type f 2>/dev/null | wc -l)
[ "$n" = 0 ] || { echo "bare.sh: $n font files still visible" >&2; exit 1; }
fc-list 2>/dev/null | grep -q . && { echo "bare.sh: fontconfig still lists fonts" >&2; exit 1; }
echo "bare.sh: no fonts, LANG=$LANG, HOME=$HOME"
exec go test "$@"
' bare "${dirs[@]}" -- "${args[@]}"
