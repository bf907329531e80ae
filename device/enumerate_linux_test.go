//go:build linux

package device_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"posdoctor/device"
	"posdoctor/device/sim"
)

const e2eChild = "POSDOCTOR_ENUM_E2E_CHILD"

// TestEnumeratorEndToEnd runs the real go.bug.st enumerator against a fake
// /sys/class/tty and /dev in a private mount namespace: it re-executes this
// test binary under `unshare -m`, and the child builds the fake tree, links
// /dev/ttyACM0 to a simulated terminal and detects, opens and queries it.
// The host's /dev and /sys are never touched. Needs root and unshare.
func TestEnumeratorEndToEnd(t *testing.T) {
	if os.Getenv(e2eChild) == "1" {
		enumeratorChild(t)
		return
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	if os.Getuid() != 0 {
		t.Skip("needs root for a private mount namespace")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare not installed")
	}
	cmd := exec.Command(unshare, "-m", "--propagation", "private", os.Args[0], "-test.run=^TestEnumeratorEndToEnd$", "-test.v")
	cmd.Env = append(os.Environ(), e2eChild+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil && strings.Contains(string(out), "unshare failed") {
		t.Skipf("no mount namespace here: %s", out)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS: TestEnumeratorEndToEnd") {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
}

func enumeratorChild(t *testing.T) {
	root := t.TempDir()
	mkdir := func(p string) {
		t.Helper()
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, v string) {
		t.Helper()
		mkdir(filepath.Dir(p))
		if err := os.WriteFile(p, []byte(v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	symlink := func(target, link string) {
		t.Helper()
		mkdir(filepath.Dir(link))
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	mount := func(src, dst, fstype string, flags uintptr) {
		t.Helper()
		if err := syscall.Mount(src, dst, fstype, flags, ""); err != nil {
			t.Fatalf("mount %s on %s: %v", src, dst, err)
		}
	}

	// A PAX A910 on USB with a CDC-ACM tty, and a Castles terminal without one.
	sys := filepath.Join(root, "sys")
	usbDev := filepath.Join(sys, "devices", "usb1", "1-1")
	for attr, v := range map[string]string{"idVendor": "2fb8", "idProduct": "2205", "serial": "E2E0001", "manufacturer": "PAX", "product": "A910"} {
		write(filepath.Join(usbDev, attr), v)
	}
	mkdir(filepath.Join(sys, "bus", "usb"))
	symlink(filepath.Join(sys, "bus", "usb"), filepath.Join(usbDev, "1-1:1.0", "subsystem"))
	mkdir(filepath.Join(usbDev, "1-1:1.0", "tty", "ttyACM0"))
	symlink(filepath.Join(usbDev, "1-1:1.0"), filepath.Join(sys, "class", "tty", "ttyACM0", "device"))
	symlink(usbDev, filepath.Join(sys, "bus", "usb", "devices", "1-1"))
	symlink(filepath.Join(usbDev, "1-1:1.0"), filepath.Join(sys, "bus", "usb", "devices", "1-1:1.0"))
	write(filepath.Join(sys, "bus", "usb", "devices", "1-2", "idVendor"), "0ca6")
	write(filepath.Join(sys, "bus", "usb", "devices", "1-2", "idProduct"), "a050")

	// /dev becomes a tmpfs holding only pts, ptmx and the terminal's link.
	pts := filepath.Join(root, "pts")
	mkdir(pts)
	mount("/dev/pts", pts, "", syscall.MS_BIND)
	mount("tmpfs", "/dev", "tmpfs", 0)
	mkdir("/dev/pts")
	mount(pts, "/dev/pts", "", syscall.MS_MOVE)
	symlink("pts/ptmx", "/dev/ptmx")
	mount(filepath.Join(sys, "class", "tty"), "/sys/class/tty", "", syscall.MS_BIND)

	term, err := sim.NewTerminal(sim.TerminalConfig{})
	if err != nil {
		t.Fatalf("NewTerminal: %v", err)
	}
	defer term.Close()
	symlink(term.Path(), "/dev/ttyACM0")

	cands, err := device.Detect(context.Background(), device.SystemLister{SysfsRoot: sys})
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	var kinds []string
	for _, c := range cands {
		kinds = append(kinds, c.Kind.String()+" "+c.Port.Name+" "+c.Port.VID+":"+c.Port.PID)
	}
	want := []string{"terminal /dev/ttyACM0 2FB8:2205", "nodriver  0CA6:A050"}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Fatalf("Detect = %q, want %q", kinds, want)
	}
	best, err := device.Pick(cands)
	if err != nil {
		t.Fatal(err)
	}
	l, err := device.Open(best.Port.Name)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer l.Close()
	s, err := l.Status(context.Background())
	if err != nil || s.Model == "" {
		t.Fatalf("Status = %+v, %v", s, err)
	}
}
