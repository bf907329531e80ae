//go:build windows

package device

import (
	"errors"
	"testing"
)

// TestScanUSBWindows runs the real SetupAPI scan of this PC. Any PC has
// some USB devices (at least a hub's children are not required, so an
// empty list passes); every device listed must carry a parsed identity.
func TestScanUSBWindows(t *testing.T) {
	devs, err := scanUSB("")
	if errors.Is(err, errNoSysfs) {
		t.Skipf("SetupAPI cannot list devices here: %v", err)
	}
	if err != nil {
		t.Fatalf("scanUSB() error = %v", err)
	}
	for _, d := range devs {
		id, ok := parseUSBInstanceID(d.Path)
		if !ok || id.Interface != "" || id.VID != d.VID || id.PID != d.PID {
			t.Errorf("scanUSB() device %+v: Path is not the instance ID of a whole USB device", d)
		}
		if d.HasTTY && d.Problem != USBProblemUnknown {
			t.Errorf("scanUSB() device %+v has a COM port and a problem", d)
		}
	}
}

// TestPortsWindows lists the real COM ports: every USB port the
// enumerator names with Windows' friendly name keeps it.
func TestPortsWindows(t *testing.T) {
	ports, err := SystemLister{}.Ports()
	if err != nil {
		t.Fatalf("Ports() error = %v", err)
	}
	for _, p := range ports {
		if p.FriendlyName != "" && p.Display() != p.FriendlyName {
			t.Errorf("port %+v: Display() = %q; want the friendly name", p, p.Display())
		}
	}
}
