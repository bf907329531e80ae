package device

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.bug.st/serial"
)

func TestClassifyOpen(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want PortKind
	}{
		{name: "raw ENOENT (Linux)", err: syscall.ENOENT, want: PortNotFound},
		{name: "not-exist (Windows: ERROR_PATH_NOT_FOUND for a bad folder)", err: &os.PathError{Op: "open", Path: `C:\x\COM3`, Err: fs.ErrNotExist}, want: PortNotFound},
		{name: "library PortError, code PortBusy (its zero value)", err: &serial.PortError{}, want: PortBusy},
		{name: "raw EACCES", err: syscall.EACCES, want: PortPermission},
		{name: "raw EBUSY", err: syscall.EBUSY, want: PortBusy},
		{name: "raw ENOTTY", err: syscall.ENOTTY, want: PortNotSerial},
		{name: "wrapped ENXIO", err: &os.PathError{Op: "open", Path: "x", Err: syscall.ENXIO}, want: PortNotFound},
		{name: "something else", err: errors.New("odd"), want: PortOther},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pe := classifyOpen("/dev/x", tc.err)
			if pe.Kind != tc.want {
				t.Errorf("classifyOpen(%v) = %v, want %v", tc.err, pe.Kind, tc.want)
			}
			if !errors.Is(pe, tc.err) {
				t.Errorf("PortError does not unwrap to %v", tc.err)
			}
		})
	}
}

func TestPortKindKeys(t *testing.T) {
	for k := PortOther; k <= PortUnplugged; k++ {
		if k.MessageKey() != "device.port."+k.String() || k.FixKeyFor("darwin") != k.MessageKey()+".fix" {
			t.Errorf("keys of %v = %s, %s", k, k.MessageKey(), k.FixKeyFor("darwin"))
		}
	}
}

func TestGuardedPortMapsErrors(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		closed bool
		want   error
		kind   PortKind
	}{
		{name: "EIO after unplug", err: syscall.EIO, kind: PortUnplugged},
		{name: "EBADF after our Close", err: syscall.EBADF, closed: true, want: ErrClosed},
		{name: "other errors pass", err: syscall.EINVAL, want: syscall.EINVAL},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := &guardedPort{p: nil, path: "/dev/x"}
			g.closed.Store(tc.closed)
			err := g.mapErr(tc.err)
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("mapErr = %v, want %v", err, tc.want)
			}
			var pe *PortError
			if tc.kind == PortUnplugged && (!errors.As(err, &pe) || pe.Kind != PortUnplugged) {
				t.Errorf("mapErr = %v, want PortUnplugged", err)
			}
		})
	}
}

func TestHolders(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Holders reads /proc, which only Linux has; elsewhere it returns nil by design")
	}
	root := t.TempDir()
	target := filepath.Join(root, "ttyACM0")
	if err := os.WriteFile(target, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	mk := func(pid, comm string, links ...string) {
		t.Helper()
		fd := filepath.Join(root, "proc", pid, "fd")
		if err := os.MkdirAll(fd, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(root, "proc", pid, "comm"), []byte(comm+"\n"), 0o644)
		for i, l := range links {
			if err := os.Symlink(l, filepath.Join(fd, string(rune('0'+i)))); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk("612", "ModemManager", "/dev/null", target)
	mk("700", "bash", "/dev/pts/1")
	mk("self", "x", target) // not a pid
	old := procRoot
	procRoot = filepath.Join(root, "proc")
	defer func() { procRoot = old }()
	if diff := cmp.Diff([]string{"ModemManager (pid 612)"}, Holders(target)); diff != "" {
		t.Errorf("Holders (-want +got):\n%s", diff)
	}
}
