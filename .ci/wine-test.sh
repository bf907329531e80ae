#!/usr/bin/env bash
# Windows tests on Linux: cross-compile the test binary of every non-GUI
# package for windows/amd64 (CGO_ENABLED=0) and run it under Wine, so the
# Windows-only code paths (SetupAPI, IP helper, console, pipe simulator)
# execute (in -short mode, to stay within a few minutes); then install and
# uninstall dist/posdoctor-setup.exe silently, and check that the windowed
# GUI .exe and its console twin answer `posdoctor version` on stdout and
# pass exit codes through. WINE_TEST_SKIPS=1 prints every skip's reason.
#
#   .ci/wine-test.sh [dist-dir]     (make wine-test)
#
# Headless: a private WINEPREFIX in a temp dir, WINEDEBUG=-all, no DISPLAY.
# Go 1.24+ binaries need bcryptprimitives.dll!ProcessPrng, which real
# Windows 10/11 has and Debian 12's Wine 8.0 lacks: a 10-line stand-in
# (.ci/bcryptprimitives.c, BCryptGenRandom underneath) is built with
# mingw-w64 into the private prefix only. And Wine 8.0 answers
# NtSetInformationFile(FileDispositionInformationEx) with NOT_IMPLEMENTED,
# which Go's os.RemoveAll does not take as "use the fallback" (it does for
# Windows before 10 1607 and FAT32): every t.TempDir cleanup would fail. The
# test binaries are therefore built with an -overlay that adds one file to
# internal/syscall/windows setting its TestDeleteatFallback switch.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}
GO=${GO:-go}
PATH="$PATH:/usr/local/go/bin"

WINE=$(command -v wine64 || command -v wine || true)
[ -z "$WINE" ] && [ -x /usr/lib/wine/wine64 ] && WINE=/usr/lib/wine/wine64
if [ -z "$WINE" ]; then echo "wine-test: wine64 is missing (apt-get install wine64)" >&2; exit 2; fi
WINESERVER=$(command -v wineserver || true)
[ -z "$WINESERVER" ] && [ -x /usr/lib/wine/wineserver ] && WINESERVER=/usr/lib/wine/wineserver

work=$(mktemp -d)
# Go keeps its caches where HOME says: pin them before HOME changes.
export GOCACHE="$($GO env GOCACHE)" GOMODCACHE="$($GO env GOMODCACHE)" GOPATH="$($GO env GOPATH)"
# HOME too: Wine links the prefix's Desktop and Documents to $HOME, and the
# installer test puts a shortcut on the desktop.
mkdir -p "$work/home"
export HOME="$work/home" WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
cleanup() {
	[ -n "$WINESERVER" ] && "$WINESERVER" -k >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
t0=$(date +%s)

# The prefix, and the ProcessPrng stand-in in its system32.
"$WINE" wineboot -i >/dev/null 2>&1 || true
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	.ci/bcryptprimitives.c .ci/bcryptprimitives.def -lbcrypt
echo "wine-test: prefix ready ($(( $(date +%s) - t0 )) s, $("$WINE" --version 2>/dev/null || echo wine))"

# Every package but the GUI (main and ui need cgo and a display).
# WINE_TEST_PACKAGES narrows it while working on one ("none": only the .exe
# and installer checks).
pkgs=${WINE_TEST_PACKAGES:-$($GO list ./... | grep -v -x -e posdoctor -e posdoctor/ui)}
[ "$pkgs" = none ] && pkgs=""
mkdir -p "$work/bin"
printf 'package windows\n\nfunc init() { TestDeleteatFallback = true }\n' >"$work/wine_deleteat.go"
printf '{"Replace":{"%s/src/internal/syscall/windows/zz_wine_deleteat.go":"%s"}}\n' \
	"$($GO env GOROOT)" "$work/wine_deleteat.go" >"$work/overlay.json"
for p in $pkgs; do
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $GO test -overlay "$work/overlay.json" -c -o "$work/bin/$(echo "$p" | tr / _).test.exe" "$p" >/dev/null
done
echo "wine-test: compiled ($(( $(date +%s) - t0 )) s)"

fail=0
total_pass=0; total_fail=0; total_skip=0
printf '%-28s %6s %6s %6s %6s\n' package pass fail skip sec
for p in $pkgs; do
	exe="$work/bin/$(echo "$p" | tr / _).test.exe"
	[ -f "$exe" ] || { printf '%-28s %s\n' "$p" "(no tests)"; continue; }
	dir=$($GO list -f '{{.Dir}}' "$p")
	log="$work/$(basename "$exe").log"
	s=$(date +%s)
	rc=0
	( cd "$dir" && POSDOCTOR_WINE=1 "$WINE" "$exe" -test.v -test.short -test.count=1 -test.timeout=180s ) >"$log" 2>&1 || rc=$?
	# Top-level tests and examples (subtests are not counted).
	np=$(grep -c -E '^--- PASS' "$log" || true)
	nf=$(grep -c -E '^--- FAIL' "$log" || true)
	ns=$(grep -c -E '^--- SKIP' "$log" || true)
	total_pass=$((total_pass + np)); total_fail=$((total_fail + nf)); total_skip=$((total_skip + ns))
	printf '%-28s %6d %6d %6d %6d\n' "$p" "$np" "$nf" "$ns" $(( $(date +%s) - s ))
	if [ "$rc" != 0 ]; then
		fail=1
		echo "---- $p failed (exit $rc):"
		grep -E -B2 -A12 -e '--- FAIL' -e '^panic' -e 'timed out' "$log" | head -80
	fi
	if [ -n "${WINE_TEST_SKIPS:-}" ]; then grep -E -B1 -e '--- SKIP' "$log" | grep -v -e '^--$' | sed 's/^/    /' || true; fi
done
printf '%-28s %6d %6d %6d %6d\n' total "$total_pass" "$total_fail" "$total_skip" $(( $(date +%s) - t0 ))

# The installer (if `make package` built it): silent per-user install,
# the shortcuts with the Chinese name, the uninstall entry, the console twin
# runs from the install folder; a silent uninstall removes the program and
# keeps the history.
setup="$DIST/posdoctor-setup.exe"
if [ -f "$setup" ]; then
	users="$WINEPREFIX/drive_c/users/$(id -un)"
	inst="$users/AppData/Local/Programs/POS Doctor"
	history="$users/AppData/Roaming/posdoctor"
	key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\POSDoctor'
	ifail() { echo "wine-test: installer: $*"; fail=1; ifailed=1; }
	ifailed=0
	"$WINE" "$setup" /S || ifail "setup /S exited $?"
	for f in "$inst/posdoctor.exe" "$inst/posdoctor-cli.exe" "$inst/uninstall.exe" \
		"$users/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/POS 医生.lnk" "$users/Desktop/POS 医生.lnk"; do
		[ -f "$f" ] || ifail "missing after install: ${f#"$WINEPREFIX/"}"
	done
	"$WINE" reg query "$key" /v UninstallString >/dev/null 2>&1 || ifail "no uninstall entry in HKCU"
	out=$("$WINE" "$inst/posdoctor-cli.exe" version 2>/dev/null) || ifail "installed posdoctor-cli.exe version exited $?"
	mkdir -p "$history" && echo keep >"$history/history.db"
	# The uninstaller copies itself to %TEMP% and returns at once, as on
	# Windows: wait for every Wine process to end.
	"$WINE" "$inst/uninstall.exe" /S || ifail "uninstall /S exited $?"
	"$WINESERVER" -w
	[ -f "$inst/posdoctor.exe" ] && ifail "posdoctor.exe still installed after uninstall"
	[ -f "$users/Desktop/POS 医生.lnk" ] && ifail "desktop shortcut left after uninstall"
	"$WINE" reg query "$key" >/dev/null 2>&1 && ifail "uninstall entry left in HKCU"
	[ -f "$history/history.db" ] || ifail "the history was deleted by a default uninstall"
	[ "$ifailed" = 0 ] && echo "wine-test: installer ($(stat -c %s "$setup") bytes): silent install, shortcuts 'POS 医生', HKCU entry, uninstall keeps the history: ok"
else
	echo "wine-test: $setup missing (make package builds it): installer not tested"
fi

# The GUI binary: the windowed .exe must answer `version` on stdout (it
# attaches to the caller's console or inherits redirected handles), and so
# must the console twin; exit codes come through.
for exe in "$DIST/posdoctor.exe" "$DIST/posdoctor-cli.exe"; do
	if [ ! -f "$exe" ]; then echo "wine-test: $exe missing (make windows)"; fail=1; continue; fi
	rc=0
	out=$("$WINE" "$exe" version 2>"$work/err") || rc=$?
	if [ "$rc" != 0 ] || ! grep -q -E '[0-9]+\.[0-9]+' <<<"$out"; then
		echo "wine-test: $exe version: exit $rc, stdout: $out"; cat "$work/err"; fail=1
	else
		echo "wine-test: $(basename "$exe") version → $(head -1 <<<"$out")"
	fi
	rc=0
	"$WINE" "$exe" no-such-command >/dev/null 2>&1 || rc=$?
	if [ "$rc" = 0 ]; then echo "wine-test: $exe no-such-command exited 0, want a usage error"; fail=1
	else echo "wine-test: $(basename "$exe") no-such-command → exit $rc"; fi
done
echo "wine-test: done ($(( $(date +%s) - t0 )) s)"
exit $fail
