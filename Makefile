# POS Doctor — every task a developer or CI runs.
# On a fresh Debian machine: `make demo` runs the app, `make test` tests it.

GO        ?= go
APP_ID    := cn.posdoctor.app
VERSION   ?= $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
COMMIT    ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS   := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
DIST      := dist
# The packaging tool, pinned, installed into .tools/ through the module proxy.
FYNE      := $(CURDIR)/.tools/fyne
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: Fyne's C headers, a virtual display and screenshot tools,
# PDF text extraction for report tests, the Windows cross-compiler, the
# Windows installer builder and Wine for the Windows tests.
DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev xvfb xdotool imagemagick x11-apps \
	poppler-utils gcc-mingw-w64-x86-64 nsis wine64 python3-minimal util-linux

.PHONY: deps run demo test fmt-check vet unit bare fuzz bench build windows installer package package-check wine-test screenshots startup font clean

## deps: install the missing Debian packages (idempotent; root or sudo)
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "all Debian packages present"; fi
	$(GO) mod download

## run: start the app (the simulated terminal is used when none is attached)
run: deps
	$(GO) run -ldflags "$(LDFLAGS)" .

## demo: start the app with the simulated terminal and payment host
demo: deps
	$(GO) run -ldflags "$(LDFLAGS)" . --demo

## test: installs what is missing (as `make demo` does), then formatting,
## vet, and every test with the race detector. Works as the first command on
## a fresh machine.
test: deps
	$(MAKE) fmt-check vet unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

## COUNT: how many times each test runs (CI: 3, so a flaky test fails CI)
COUNT ?= 1
unit:
	$(GO) test -race -count=$(COUNT) -timeout 60m ./...

## bare: the screen, report and CLI tests as a bare PC sees them (no system
## fonts, LANG=C.UTF-8, fresh HOME and XDG folders); root, Linux
bare:
	bash .ci/bare.sh

## fuzz: a short pass over every fuzz target (FUZZTIME each)
FUZZTIME ?= 10s
# startup: how many alternating runs of each program the medians are taken over
STARTUP_RUNS ?= 15
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$f"; \
			out=$$($(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg 2>&1); rc=$$?; echo "$$out"; \
			if [ $$rc -ne 0 ]; then \
				if echo "$$out" | grep -q "context deadline exceeded" && ! echo "$$out" | grep -q "Failing input written"; then \
					echo "fuzz: $$f stopped at the time limit while minimising (go test -fuzz reports that as a failure; no failing input): not a finding"; \
				else exit 1; fi; \
			fi; \
		done; \
	done

## bench: every benchmark (speed and memory goals live here, not in tests);
## the start-up benchmark runs under a private Xvfb (-noreset: a server that
## resets when its last client leaves refuses the next one for a moment)
bench:
	xvfb-run -a -s "-screen 0 1366x768x24 -noreset" $(GO) test -run '^$$' -bench . -benchmem ./...

## startup: POS Doctor's start-up and idle memory against a Fyne hello-world
startup:
	xvfb-run -a -s "-screen 0 1366x768x24 -noreset" $(GO) test -run '^$$' -bench Startup -benchtime $(STARTUP_RUNS)x ./ui/

## build: the Linux binary in dist/
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(DIST)/posdoctor .

## windows: the windowed .exe with icon and version resource (mingw-w64
## cross-build), and its console twin posdoctor-cli.exe for cmd/PowerShell
## scripts (the same program marked as a console program: .ci/pe-console.py)
windows: $(FYNE)
	@mkdir -p $(DIST)
	GOFLAGS="$$($(GO) env GOFLAGS) -ldflags=-X=main.version=$(VERSION) -ldflags=-X=main.commit=$(COMMIT)" \
		CC=x86_64-w64-mingw32-gcc $(FYNE) package -os windows --release --name posdoctor --app-id $(APP_ID)
	mv -f posdoctor.exe $(DIST)/posdoctor.exe
	/usr/bin/python3 .ci/pe-console.py $(DIST)/posdoctor.exe $(DIST)/posdoctor-cli.exe

$(FYNE):
	GOBIN=$(CURDIR)/.tools $(GO) install fyne.io/tools/cmd/fyne@v1.7.4

## installer: dist/posdoctor-setup.exe, the per-user Windows installer (NSIS,
## .ci/installer.nsi): no admin rights, shortcuts "POS 医生", Chinese and
## English pages, an uninstaller that keeps the history unless asked
NSIS_VERSION = $(shell echo '$(VERSION)' | sed 's/[^0-9.].*//')
installer: windows
	/usr/bin/convert assets/icon/icon.png -define icon:auto-resize=256,64,48,32,16 $(DIST)/posdoctor.ico
	makensis -V2 -DROOT=$(CURDIR) -DDIST=$(CURDIR)/$(DIST) -DVERSION=$(NSIS_VERSION) .ci/installer.nsi

## package: the Linux archive (binary, .desktop, icon), the portable Windows
## .exe with its console twin, and the Windows installer
package: build windows installer
	$(FYNE) package -os linux --release --exe $(DIST)/posdoctor --name posdoctor --app-id $(APP_ID)
	mv -f posdoctor.tar.xz $(DIST)/posdoctor-linux-amd64.tar.xz
	@ls -l $(DIST)

## package-check: the .exe is a PE file osslsigncode can parse; the archive's binary runs
package-check:
	bash .ci/package-check.sh $(DIST)

## wine-test: the Windows test binaries of every non-GUI package, and the
## GUI .exe's `version` and the installer, under Wine (headless, private
## prefix; a few minutes). Builds the installer only if dist/ has none.
wine-test: $(if $(wildcard $(DIST)/posdoctor-setup.exe),,installer)
	bash .ci/wine-test.sh $(DIST)

## screenshots: every screen in both languages, under Xvfb, into screenshots/
screenshots: build
	bash .ci/screenshots.sh $(DIST)/posdoctor screenshots

## font: rebuild the bundled fonts from Debian's WenQuanYi Micro Hei: face 0
## (text) and face 1 (Mono, for hex dumps), each subset to GB2312 + Latin +
## punctuation + every character we ship (smaller: faster start-up, less
## memory). The screen gets CFF outlines (.otf: quick to load), the PDF
## TrueType (.ttf: what its library embeds). Installs fonts-wqy-microhei and
## fonttools when missing.
font:
	@dpkg-query -W -f='$${Status}' fonts-wqy-microhei fonttools 2>/dev/null | grep -c "install ok installed" | grep -q 2 || \
		{ $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends fonts-wqy-microhei fonttools; }
	/usr/bin/python3 .ci/font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc assets/i18n/zh-Hans assets/fonts/wqy-microhei.ttf 0
	/usr/bin/python3 .ci/font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc assets/i18n/zh-Hans assets/fonts/wqy-microhei.otf 0
	/usr/bin/python3 .ci/font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc assets/i18n/zh-Hans assets/fonts/wqy-microhei-mono.otf 1

clean:
	rm -rf $(DIST) screenshots
