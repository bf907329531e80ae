package ui

import (
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// DisplayReachable reports whether a window can open at all. On Linux and
// the BSDs Fyne talks to the X server named by DISPLAY (or to Wayland's
// socket) and panics when there is none; this dials it first, within
// timeout, so the caller can say "no display" in words instead. A display
// that is set but does not answer (an SSH session with a stale DISPLAY, a
// stopped X server) counts as none. Elsewhere it returns true.
func DisplayReachable(timeout time.Duration) bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return true
	}
	return displayReachable(os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY"), os.Getenv("XDG_RUNTIME_DIR"), "/tmp/.X11-unix", timeout)
}

// displayReachable is DisplayReachable with its inputs spelled out:
// x11Dir is the folder of the X servers' sockets.
func displayReachable(display, wayland, runtimeDir, x11Dir string, timeout time.Duration) bool {
	if display != "" {
		network, addr, ok := x11Address(display, x11Dir)
		if !ok {
			return true // a form we do not know: let the toolkit try
		}
		if dialOK(network, addr, timeout) {
			return true
		}
		// Linux also listens on an abstract socket of the same name.
		if network == "unix" && runtime.GOOS == "linux" && dialOK("unix", "@"+addr, timeout) {
			return true
		}
		return false
	}
	if wayland != "" {
		sock := wayland
		if !filepath.IsAbs(sock) {
			if runtimeDir == "" {
				return false
			}
			sock = filepath.Join(runtimeDir, sock)
		}
		return dialOK("unix", sock, timeout)
	}
	return false
}

// x11Address turns DISPLAY ("[host]:number[.screen]") into the address of
// the X server: a Unix socket in x11Dir for a local display, TCP port
// 6000+number on host otherwise.
func x11Address(display, x11Dir string) (network, addr string, ok bool) {
	i := strings.LastIndexByte(display, ':')
	if i < 0 {
		return "", "", false
	}
	host, rest := display[:i], display[i+1:]
	if j := strings.IndexByte(rest, '.'); j >= 0 {
		rest = rest[:j]
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 || n > 59535 {
		return "", "", false
	}
	switch {
	case host == "" || host == "unix":
		return "unix", filepath.Join(x11Dir, "X"+strconv.Itoa(n)), true
	case strings.HasPrefix(host, "/"):
		return "", "", false // a launchd socket path (macOS XQuartz)
	}
	return "tcp", net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(6000+n)), true
}

func dialOK(network, addr string, timeout time.Duration) bool {
	c, err := net.DialTimeout(network, addr, timeout)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
