package device

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fakeLister returns a port list the test can change, and optionally USB
// devices.
type fakeLister struct {
	mu    sync.Mutex
	ports []PortInfo
	usb   []USBDevice
	err   error
}

func (f *fakeLister) Ports() ([]PortInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]PortInfo(nil), f.ports...), f.err
}

func (f *fakeLister) set(ports ...PortInfo) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ports = ports
}

type fakeScanner struct {
	fakeLister
}

func (f *fakeScanner) USBDevices() ([]USBDevice, error) { return f.usb, nil }

var (
	ttyS0   = PortInfo{Name: "/dev/ttyS0"}
	pax     = PortInfo{Name: "/dev/ttyACM0", IsUSB: true, VID: "2FB8", PID: "2205", Serial: "A910X1"}
	vx805   = PortInfo{Name: "/dev/ttyACM1", IsUSB: true, VID: "11ca", PID: "0220", Serial: "V1"}
	ch340   = PortInfo{Name: "/dev/ttyUSB0", IsUSB: true, VID: "1A86", PID: "7523"}
	gadget  = PortInfo{Name: "/dev/ttyACM2", IsUSB: true, VID: "0525", PID: "A4A7", Manufacturer: "Linux", Product: "Gadget Serial v2.4"}
	landi   = PortInfo{Name: "/dev/ttyACM3", IsUSB: true, VID: "0525", PID: "A4A7", Manufacturer: "LANDI", Product: "E550 POS"}
	quectel = PortInfo{Name: "/dev/ttyACM4", IsUSB: true, VID: "0525", PID: "A4A7", Manufacturer: "Quectel", Product: "EC600U"}
	mystery = PortInfo{Name: "/dev/ttyACM5", IsUSB: true, VID: "1D6B", PID: "0104", Serial: "S9", Product: "Composite Gadget"}
	ingVend = PortInfo{Name: "/dev/ttyACM6", IsUSB: true, VID: "0B00", PID: "9999"}
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name     string
		port     PortInfo
		wantKind Kind
		wantKey  string
	}{
		{name: "built-in port", port: ttyS0, wantKind: KindBuiltIn, wantKey: "device.kind.builtin"},
		{name: "PAX code-observed", port: pax, wantKind: KindTerminal, wantKey: "device.kind.terminal.likely"},
		{name: "Verifone verified, lower-case ID", port: vx805, wantKind: KindTerminal, wantKey: "device.kind.terminal"},
		{name: "vendor-wide row", port: ingVend, wantKind: KindTerminal, wantKey: "device.kind.terminal"},
		{name: "CH340 cable is honest", port: ch340, wantKind: KindCable, wantKey: "device.kind.cable"},
		{name: "bare gadget not guessed", port: gadget, wantKind: KindGadget, wantKey: "device.kind.gadget"},
		{name: "gadget confirmed by strings", port: landi, wantKind: KindTerminal, wantKey: "device.kind.terminal.likely"},
		{name: "gadget that is the Lakala display", port: quectel, wantKind: KindOther, wantKey: "device.kind.other"},
		{name: "unknown USB", port: mystery, wantKind: KindUnknown, wantKey: "device.kind.unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Classify(tc.port)
			if c.Kind != tc.wantKind || c.VerdictKey != tc.wantKey {
				t.Errorf("Classify(%s) = %v %q, want %v %q", tc.port.Name, c.Kind, c.VerdictKey, tc.wantKind, tc.wantKey)
			}
		})
	}
}

func TestDetectOrderAndChosen(t *testing.T) {
	l := &fakeLister{ports: []PortInfo{ttyS0, ch340, mystery, pax}}
	chosen := Choose(PortInfo{Name: "/dev/ttyACM9", IsUSB: true, VID: "1d6b", PID: "0104", Serial: "S9"}, "counter")
	got, err := Detect(context.Background(), l, chosen)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []Kind
	for _, c := range got {
		kinds = append(kinds, c.Kind)
	}
	if diff := cmp.Diff([]Kind{KindChosen, KindTerminal, KindCable, KindBuiltIn}, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	if got[0].Moved != "/dev/ttyACM9" || got[0].VerdictKey != "device.kind.chosen.moved" {
		t.Errorf("chosen = %+v, want moved from /dev/ttyACM9", got[0])
	}
	best, err := Pick(got)
	if err != nil || best.Port.Name != mystery.Name {
		t.Errorf("Pick = %v, %v; want the chosen port", best.Port.Name, err)
	}
	if _, err := Pick([]Candidate{Classify(ch340), Classify(ttyS0)}); !errors.Is(err, ErrNoTerminal) {
		t.Errorf("Pick(cable, builtin) error = %v, want ErrNoTerminal", err)
	}
}

func TestDetectErrors(t *testing.T) {
	boom := errors.New("boom")
	if _, err := Detect(context.Background(), &fakeLister{err: boom}); !errors.Is(err, boom) {
		t.Errorf("Detect error = %v, want the lister's", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Detect(ctx, &fakeLister{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Detect(cancelled) error = %v, want context.Canceled", err)
	}
}

func TestPreference(t *testing.T) {
	usb := Choose(pax, "front")
	builtin := Choose(ttyS0, "")
	tests := []struct {
		name string
		pref Preference
		port PortInfo
		want bool
	}{
		{name: "same USB device, new tty", pref: usb, port: PortInfo{Name: "/dev/ttyACM7", IsUSB: true, VID: "2fb8", PID: "2205", Serial: "A910X1"}, want: true},
		{name: "same model, other unit", pref: usb, port: PortInfo{Name: "/dev/ttyACM0", IsUSB: true, VID: "2FB8", PID: "2205", Serial: "OTHER"}, want: false},
		{name: "built-in by path", pref: builtin, port: ttyS0, want: true},
		{name: "built-in other path", pref: builtin, port: PortInfo{Name: "/dev/ttyS1"}, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.pref.Matches(tc.port); got != tc.want {
				t.Errorf("Matches = %v, want %v", got, tc.want)
			}
		})
	}
	updated, moved := usb.Seen(Candidate{Port: PortInfo{Name: "/dev/ttyACM7"}})
	if !moved || updated.Path != "/dev/ttyACM7" {
		t.Errorf("Seen = %+v, %v; want path updated and moved", updated, moved)
	}
}

func TestDetectNoDriver(t *testing.T) {
	l := &fakeScanner{fakeLister{ports: []PortInfo{pax}, usb: []USBDevice{
		{VID: "2FB8", PID: "2205", Serial: "A910X1", HasTTY: true},  // listed with a port
		{VID: "0CA6", PID: "A050", Serial: "C1"},                    // Castles without tty
		{VID: "1EAB", PID: "0D06"},                                  // a scanner: not reported
		{VID: "046D", PID: "C077"},                                  // a mouse: not reported
		{VID: "2FB8", PID: "2205", Serial: "A910X1", HasTTY: false}, // same as the listed port
	}}}
	got, err := Detect(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	var nd []string
	for _, c := range got {
		if c.Kind == KindNoDriver {
			nd = append(nd, c.Port.VID+":"+c.Port.PID)
		}
	}
	if diff := cmp.Diff([]string{"0CA6:A050"}, nd); diff != "" {
		t.Errorf("no-driver devices (-want +got):\n%s", diff)
	}
}

func TestScanSysfs(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("sysfs is Linux's; on Windows USBDevices asks SetupAPI (usb_windows_test.go)")
	}
	root := t.TempDir()
	dev := filepath.Join(root, "bus", "usb", "devices")
	write := func(p, v string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A Castles terminal with no driver bound, a PAX with ttyACM, a CH340 with ttyUSB, a root hub.
	write(filepath.Join(dev, "1-1", "idVendor"), "0ca6")
	write(filepath.Join(dev, "1-1", "idProduct"), "a050")
	write(filepath.Join(dev, "1-1", "serial"), "C1")
	write(filepath.Join(dev, "1-1:1.0", "bInterfaceClass"), "02")
	write(filepath.Join(dev, "1-2", "idVendor"), "2fb8")
	write(filepath.Join(dev, "1-2", "idProduct"), "2205")
	write(filepath.Join(dev, "1-2:1.0", "tty", "ttyACM0", "dev"), "166:0")
	write(filepath.Join(dev, "1-3", "idVendor"), "1a86")
	write(filepath.Join(dev, "1-3", "idProduct"), "7523")
	write(filepath.Join(dev, "1-3:1.0", "ttyUSB0", "port_number"), "0")
	write(filepath.Join(dev, "usb1", "idVendor"), "1d6b")

	got, err := SystemLister{SysfsRoot: root}.USBDevices()
	if err != nil {
		t.Fatal(err)
	}
	want := []USBDevice{
		{Path: filepath.Join(dev, "1-1"), VID: "0CA6", PID: "A050", Serial: "C1"},
		{Path: filepath.Join(dev, "1-2"), VID: "2FB8", PID: "2205", HasTTY: true},
		{Path: filepath.Join(dev, "1-3"), VID: "1A86", PID: "7523", HasTTY: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("USBDevices (-want +got):\n%s", diff)
	}
	if _, err := (SystemLister{SysfsRoot: t.TempDir()}).USBDevices(); !errors.Is(err, errNoSysfs) {
		t.Errorf("USBDevices(empty root) error = %v, want errNoSysfs", err)
	}
}

func TestKnownIDsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range knownIDs {
		key := k.VID + ":" + k.PID
		if len(k.VID) != 4 || (k.PID != "" && len(k.PID) != 4) || upperHex(key) != key {
			t.Errorf("row %s: IDs must be 4 upper-case hex digits", key)
		}
		if seen[key] {
			t.Errorf("row %s appears twice", key)
		}
		seen[key] = true
	}
}

func TestClassifyArgs(t *testing.T) {
	tests := []struct {
		name        string
		port        PortInfo
		wantVendor  string
		wantProduct string
	}{
		{name: "exact row names the model", port: pax, wantVendor: "PAX (百富)", wantProduct: "A910"},
		{name: "vendor-wide row shows the USB string", port: PortInfo{Name: "/dev/ttyACM6", IsUSB: true, VID: "0B00", PID: "9999", Product: "Move/5000"}, wantVendor: "Ingenico", wantProduct: "Move/5000"},
		{name: "confirmed gadget shows its strings", port: landi, wantVendor: "LANDI", wantProduct: "E550 POS"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Classify(tc.port)
			if c.Args["vendor"] != tc.wantVendor || c.Args["product"] != tc.wantProduct {
				t.Errorf("args = %v, want vendor %q product %q", c.Args, tc.wantVendor, tc.wantProduct)
			}
		})
	}
}
