package ui

import (
	"net"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestDisplayReachable: a DISPLAY that is set but answers nothing is no
// display (issue 16: Fyne panicked in GLFW instead of the clear message).
func TestDisplayReachable(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix sockets")
	}
	dir := t.TempDir()
	l, err := net.Listen("unix", filepath.Join(dir, "X5"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	wl, err := net.Listen("unix", filepath.Join(dir, "wayland-1"))
	if err != nil {
		t.Fatal(err)
	}
	defer wl.Close()
	tests := []struct {
		name, display, wayland string
		want                   bool
	}{
		{"X server answers", ":5", "", true},
		{"X server answers, with screen", "unix:5.0", "", true},
		{"stale DISPLAY", ":6", "", false},
		{"remote display that does not answer", "127.0.0.1:59", "", false},
		{"nothing set", "", "", false},
		{"Wayland answers", "", "wayland-1", true},
		{"stale Wayland", "", "wayland-9", false},
		{"unknown form: let the toolkit try", "garbage", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := displayReachable(tt.display, tt.wayland, dir, dir, 2*time.Second); got != tt.want {
				t.Errorf("displayReachable(%q, %q) = %t; want %t", tt.display, tt.wayland, got, tt.want)
			}
		})
	}
}
