#!/usr/bin/env bash
# Checks what `make package` produced: the Windows .exe (windowed), its
# console twin and the installer are PE files that osslsigncode can parse,
# and the Linux archive unpacks to a binary that runs.
set -euo pipefail
dist=${1:-dist}
exe=$dist/posdoctor.exe
tarball=$dist/posdoctor-linux-amd64.tar.xz

# pe_check FILE [SUBSYSTEM]: an MZ/PE file osslsigncode parses, with the
# given PE subsystem (2 windowed, 3 console) if one is named.
pe_check() {
  local exe=$1 want=${2:-}
  [ "$(head -c 2 "$exe")" = "MZ" ] || { echo "$exe: not an MZ/PE file" >&2; exit 1; }
  pe_off=$(od -An -t u4 -j 60 -N 4 "$exe" | tr -d ' ')
  [ "$(dd if="$exe" bs=1 skip="$pe_off" count=4 2>/dev/null | od -An -c | tr -d ' ')" = 'PE\0\0' ] \
    || { echo "$exe: no PE signature" >&2; exit 1; }
  if command -v osslsigncode >/dev/null; then
    # Unsigned, so verification fails; what matters is that it parses the PE.
    out=$(osslsigncode verify -in "$exe" 2>&1 || true)
    if echo "$out" | grep -qiE "Unrecognized file type|Corrupt|Failed to read"; then
      echo "osslsigncode cannot parse $exe:" >&2; echo "$out" >&2; exit 1
    fi
    echo "$out" | grep -iE "Current PE checksum|No signature found|Message digest" | head -3
  fi
  echo "$exe: PE ok, $(stat -c %s "$exe") bytes"
  if [ -n "$want" ]; then
    sub=$(od -An -t u2 -j $((pe_off + 4 + 20 + 68)) -N 2 "$exe" | tr -d ' ')
    [ "$sub" = "$want" ] || { echo "$exe: PE subsystem $sub, want $want" >&2; exit 1; }
  fi
}
pe_check "$exe" 2
pe_check "$dist/posdoctor-cli.exe" 3
pe_check "$dist/posdoctor-setup.exe"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tar -xJf "$tarball" -C "$tmp"
bin=$(find "$tmp" -type f -name posdoctor -perm -u+x | head -1)
[ -n "$bin" ] || { echo "$tarball: no posdoctor binary inside" >&2; exit 1; }
find "$tmp" -name '*.desktop' | grep -q . || { echo "$tarball: no .desktop file" >&2; exit 1; }
"$bin" version
echo "$tarball: ok, $(stat -c %s "$tarball") bytes"
