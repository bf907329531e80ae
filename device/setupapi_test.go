package device

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
)

func TestParseUSBInstanceID(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want usbInstanceID
	}{
		{"composite interface (PAX A920 serial port)", `USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004`,
			usbInstanceID{VID: "2FB8", PID: "2116", Interface: "04", Instance: "6&1A2B3C&0&0004"}},
		{"device with a USB serial number", `USB\VID_2FB8&PID_2205\A910X1`,
			usbInstanceID{VID: "2FB8", PID: "2205", Instance: "A910X1"}},
		{"CH340 cable, made-up instance", `USB\VID_1A86&PID_7523\5&2C5B5B2A&0&2`,
			usbInstanceID{VID: "1A86", PID: "7523", Instance: "5&2C5B5B2A&0&2"}},
		{"lower case", `usb\vid_0ca6&pid_a050&mi_00\7&3b1f&0&0000`,
			usbInstanceID{VID: "0CA6", PID: "A050", Interface: "00", Instance: "7&3b1f&0&0000"}},
		{"tokens in another order, with REV", `USB\PID_0220&REV_0100&VID_11CA\V1`,
			usbInstanceID{VID: "11CA", PID: "0220", Instance: "V1"}},
		{"descriptor request failed", `USB\VID_0000&PID_0002\5&1F9C3E2&0&3`,
			usbInstanceID{VID: "0000", PID: "0002", Instance: "5&1F9C3E2&0&3"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseUSBInstanceID(tc.in)
			if !ok {
				t.Fatalf("ParseUSBInstanceID(%q) not ok; want %+v", tc.in, tc.want)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseUSBInstanceID(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestParseUSBInstanceIDRejects(t *testing.T) {
	for _, in := range []string{
		``,
		`USB`,
		`USB\VID_2FB8&PID_2116`,            // a hardware ID: no instance
		`USB\VID_2FB8&PID_2116\`,           // empty instance
		`USB\ROOT_HUB30\4&2A1B3C&0&0`,      // root hub
		`HID\VID_046D&PID_C077\7&1&0&0000`, // another bus
		`FTDIBUS\VID_0403+PID_6001+A700E2ZOA\0000`,   // FTDI's bus driver
		`USB\VID_2FB&PID_2116\X`,                     // 3 hex digits
		`USB\VID_2FBG&PID_2116\X`,                    // not hex
		`USB\VID_2FB8\X`,                             // no PID
		`USB\VID_2FB8&PID_2116&VID_2FB8\X`,           // VID twice
		`USB\VID_2FB8&PID_2116&MI_4\X`,               // MI one digit
		`USB\VID_2FB8&PID_2116&COL01\X`,              // unknown token
		`USB\VID_2FB8&&PID_2116\X`,                   // empty token
		`USB\VID_2FB8&PID_2116\X\Y`,                  // too many parts
		`USBSTOR\DISK&VEN_KINGSTON&PROD_DT\0019E06B`, // storage
	} {
		t.Run(in, func(t *testing.T) {
			if got, ok := parseUSBInstanceID(in); ok {
				t.Errorf("ParseUSBInstanceID(%q) = %+v, ok; want not ok", in, got)
			}
		})
	}
}

func TestUSBInstanceIDSerial(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"serial number", `USB\VID_2FB8&PID_2205\A910X1`, "A910X1"},
		{"serial with underscore", `USB\VID_2FB8&PID_2205\PAX_0820_77`, "PAX_0820_77"},
		{"made up by Windows", `USB\VID_1A86&PID_7523\5&2C5B5B2A&0&2`, ""},
		{"interface of a composite device", `USB\VID_2FB8&PID_2116&MI_04\0820123456`, ""},
		{"other characters", `USB\VID_2FB8&PID_2205\A-91.0`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, ok := parseUSBInstanceID(tc.in)
			if !ok {
				t.Fatalf("ParseUSBInstanceID(%q) not ok", tc.in)
			}
			if got := id.Serial(); got != tc.want {
				t.Errorf("ParseUSBInstanceID(%q).Serial() = %q; want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Realistic device trees as SetupAPI lists them.
var (
	paxSerial = []winNode{ // PAX A920 in serial mode: the CDC interface MI_04 is COM5
		{ID: `USB\VID_2FB8&PID_2116\0820123456`, Parent: `USB\ROOT_HUB30\4&2A1B3C&0&0`, Driver: `{36fc9e60-c465-11cf-8056-444553540000}\0031`, Name: "A920"},
		{ID: `USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004`, Parent: `USB\VID_2FB8&PID_2116\0820123456`, Port: true, Driver: `{4d36e978-e325-11ce-bfc1-08002be10318}\0004`,
			Compat: []string{`USB\Class_02&SubClass_02&Prot_01`, `USB\Class_02&SubClass_02`, `USB\Class_02`}, Name: "USB Serial Device (COM5)"},
	}
	paxMTP = []winNode{ // the same terminal in file-transfer mode, its ADB interface without a driver
		{ID: `USB\VID_2FB8&PID_2116\0820123456`, Parent: `USB\ROOT_HUB30\4&2A1B3C&0&0`, Driver: `{36fc9e60-c465-11cf-8056-444553540000}\0031`, Name: "A920"},
		{ID: `USB\VID_2FB8&PID_2116&MI_00\6&1A2B3C&0&0000`, Parent: `USB\VID_2FB8&PID_2116\0820123456`, Driver: `{eec5ad98-8080-425f-922a-dabf3de3f69a}\0002`,
			Compat: []string{`USB\MS_COMP_MTP`, `USB\Class_06&SubClass_01&Prot_01`}, Name: "A920"},
		{ID: `USB\VID_2FB8&PID_2116&MI_01\6&1A2B3C&0&0001`, Parent: `USB\VID_2FB8&PID_2116\0820123456`, Problem: 28,
			Compat: []string{`USB\Class_ff&SubClass_42&Prot_01`, `USB\Class_ff`}, Name: "ADB Interface"},
	}
	paxNoDriver = []winNode{ // serial mode on a PC without the driver: the CDC interface has code 28
		{ID: `USB\VID_2FB8&PID_2116\0820123456`, Parent: `USB\ROOT_HUB30\4&2A1B3C&0&0`, Driver: `{36fc9e60-c465-11cf-8056-444553540000}\0031`, Name: "A920"},
		{ID: `USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004`, Parent: `USB\VID_2FB8&PID_2116\0820123456`, Problem: 28,
			Compat: []string{`USB\Class_02&SubClass_02&Prot_01`, `USB\Class_02`}, Name: "A920"},
	}
	ch340NoDriver = []winNode{
		{ID: `USB\VID_1A86&PID_7523\5&2C5B5B2A&0&2`, Parent: `USB\ROOT_HUB30\4&2A1B3C&0&0`, Problem: 28, Name: "USB2.0-Serial"},
	}
	ch340Port = []winNode{
		{ID: `USB\VID_1A86&PID_7523\5&2C5B5B2A&0&2`, Parent: `USB\ROOT_HUB30\4&2A1B3C&0&0`, Port: true, Driver: `{4d36e978-e325-11ce-bfc1-08002be10318}\0001`, Name: "USB-SERIAL CH340 (COM3)"},
	}
	ftdiPort = []winNode{ // FTDI: the COM port is a child on FTDI's own bus
		{ID: `USB\VID_0403&PID_6001\A700E2ZO`, Parent: `USB\ROOT_HUB30\4&2A1B3C&0&0`, Driver: `{36fc9e88-c31f-11d0-8815-00a0c906bed8}\0003`, Name: "USB Serial Converter"},
		{ID: `FTDIBUS\VID_0403+PID_6001+A700E2ZOA\0000`, Parent: `USB\VID_0403&PID_6001\A700E2ZO`, Port: true, Driver: `{4d36e978-e325-11ce-bfc1-08002be10318}\0002`, Name: "USB Serial Port (COM4)"},
	}
)

func withProblem(nodes []winNode, i int, code uint32) []winNode {
	out := append([]winNode(nil), nodes...)
	out[i].Problem = code
	return out
}

func TestUSBDevicesFromNodes(t *testing.T) {
	hub := winNode{ID: `USB\ROOT_HUB30\4&2A1B3C&0&0`, Driver: `{36fc9e60-c465-11cf-8056-444553540000}\0001`}
	mouse := []winNode{
		{ID: `USB\VID_046D&PID_C077\5&3A&0&4`, Parent: hub.ID, Driver: `{745a17a0-74d3-11d0-b6fe-00a0c90f57da}\0012`, Name: "USB Input Device"},
		{ID: `HID\VID_046D&PID_C077\7&1&0&0000`, Parent: `USB\VID_046D&PID_C077\5&3A&0&4`, Driver: `{4d36e96f-e325-11ce-bfc1-08002be10318}\0001`},
	}
	tests := []struct {
		name  string
		nodes []winNode
		want  []USBDevice
	}{
		{"terminal with its COM port", append([]winNode{hub}, paxSerial...), []USBDevice{
			{Path: paxSerial[0].ID, VID: "2FB8", PID: "2116", Serial: "0820123456", Product: "A920", HasTTY: true}}},
		{"terminal in file-transfer mode", paxMTP, []USBDevice{
			{Path: paxMTP[0].ID, VID: "2FB8", PID: "2116", Serial: "0820123456", Product: "A920", Problem: USBProblemMode}}},
		{"serial interface without a driver", paxNoDriver, []USBDevice{
			{Path: paxNoDriver[0].ID, VID: "2FB8", PID: "2116", Serial: "0820123456", Product: "A920", Problem: USBProblemDriver}}},
		{"serial interface that did not start", withProblem(paxNoDriver, 1, 10), []USBDevice{
			{Path: paxNoDriver[0].ID, VID: "2FB8", PID: "2116", Serial: "0820123456", Product: "A920", Problem: USBProblemFailed}}},
		{"device stopped by Windows (code 43)", withProblem(paxSerial[:1], 0, 43), []USBDevice{
			{Path: paxSerial[0].ID, VID: "2FB8", PID: "2116", Serial: "0820123456", Product: "A920", Problem: USBProblemFailed}}},
		{"disabled in Device Manager", withProblem(paxSerial[:1], 0, 22), []USBDevice{
			{Path: paxSerial[0].ID, VID: "2FB8", PID: "2116", Serial: "0820123456", Product: "A920", Problem: USBProblemDisabled}}},
		{"needs a restart", withProblem(paxNoDriver, 1, 14), []USBDevice{
			{Path: paxNoDriver[0].ID, VID: "2FB8", PID: "2116", Serial: "0820123456", Product: "A920", Problem: USBProblemRestart}}},
		{"CH340 cable without a driver", ch340NoDriver, []USBDevice{
			{Path: ch340NoDriver[0].ID, VID: "1A86", PID: "7523", Product: "USB2.0-Serial", Problem: USBProblemDriver}}},
		{"no driver and no problem code", []winNode{{ID: `USB\VID_1A86&PID_7523\5&2C5B5B2A&0&2`}}, []USBDevice{
			{Path: `USB\VID_1A86&PID_7523\5&2C5B5B2A&0&2`, VID: "1A86", PID: "7523", Problem: USBProblemDriver}}},
		{"CH340 cable with another driver (WinUSB)", []winNode{{ID: `USB\VID_1A86&PID_7523\5&2C5B5B2A&0&2`, Driver: `{88bae032-5a81-49f0-bc3d-a4ff138216d6}\0001`, Name: "USB2.0-Serial"}}, []USBDevice{
			{Path: `USB\VID_1A86&PID_7523\5&2C5B5B2A&0&2`, VID: "1A86", PID: "7523", Product: "USB2.0-Serial", Problem: USBProblemDriver}}},
		{"CH340 cable with its port", ch340Port, []USBDevice{
			{Path: ch340Port[0].ID, VID: "1A86", PID: "7523", Product: "USB-SERIAL CH340 (COM3)", HasTTY: true}}},
		{"FTDI port on FTDI's bus", ftdiPort, []USBDevice{
			{Path: ftdiPort[0].ID, VID: "0403", PID: "6001", Serial: "A700E2ZO", Product: "USB Serial Converter", HasTTY: true}}},
		{"listed twice (by bus and by class)", append(append([]winNode(nil), ch340Port...), ch340Port...), []USBDevice{
			{Path: ch340Port[0].ID, VID: "1A86", PID: "7523", Product: "USB-SERIAL CH340 (COM3)", HasTTY: true}}},
		{"hubs and HID children are no devices", append([]winNode{hub}, mouse...), []USBDevice{
			{Path: mouse[0].ID, VID: "046D", PID: "C077", Product: "USB Input Device", Problem: USBProblemMode}}},
		{"instance IDs differ in case", []winNode{
			{ID: `USB\VID_2FB8&PID_2116\0820123456`, Driver: "x"},
			{ID: `USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004`, Parent: `usb\vid_2fb8&pid_2116\0820123456`, Port: true, Driver: "y"},
		}, []USBDevice{{Path: `USB\VID_2FB8&PID_2116\0820123456`, VID: "2FB8", PID: "2116", Serial: "0820123456", HasTTY: true}}},
		{"parents in a loop", []winNode{
			{ID: `USB\VID_1A86&PID_7523\A`, Parent: `X\B`, Driver: "x"},
			{ID: `X\B`, Parent: `USB\VID_1A86&PID_7523\A`, Port: true, Driver: "y"},
		}, []USBDevice{{Path: `USB\VID_1A86&PID_7523\A`, VID: "1A86", PID: "7523", Serial: "A", HasTTY: true}}},
		{"nothing", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := usbDevicesFromNodes(tc.nodes)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("usbDevicesFromNodes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectWindowsNoDriver(t *testing.T) {
	com5 := withFriendlyName(PortInfo{Name: "COM5", IsUSB: true, VID: "2FB8", PID: "2205", Serial: "A910X1", Product: "USB Serial Device (COM5)"})
	tests := []struct {
		name    string
		nodes   []winNode
		wantKey string
		want    map[string]string
	}{
		{"file-transfer mode", paxMTP, "devicewin.nodriver.mode",
			map[string]string{"vendor": "PAX (百富)", "product": "A920", "vid": "2FB8", "pid": "2116", "evidence": "code-observed"}},
		{"driver missing", paxNoDriver, "devicewin.nodriver.driver",
			map[string]string{"vendor": "PAX (百富)", "product": "A920", "vid": "2FB8", "pid": "2116", "evidence": "code-observed"}},
		{"cable without a driver", ch340NoDriver, "devicewin.nodriver.driver",
			map[string]string{"vendor": "QinHeng", "product": "CH340", "vid": "1A86", "pid": "7523", "evidence": "verified"}},
		{"vendor-wide row shows the USB string", []winNode{{ID: `USB\VID_2FB8&PID_9999\S1`, Problem: 28, Name: "Q92"}}, "devicewin.nodriver.driver",
			map[string]string{"vendor": "PAX (百富)", "product": "Q92", "vid": "2FB8", "pid": "9999", "evidence": "code-observed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := &fakeScanner{fakeLister{ports: []PortInfo{com5}, usb: usbDevicesFromNodes(tc.nodes)}}
			got, err := Detect(context.Background(), l)
			if err != nil {
				t.Fatal(err)
			}
			var nd []Candidate
			for _, c := range got {
				if c.Kind == KindNoDriver {
					nd = append(nd, c)
				}
			}
			if len(nd) != 1 {
				t.Fatalf("Detect gave %d no-driver candidates (%+v); want 1", len(nd), nd)
			}
			if nd[0].VerdictKey != tc.wantKey {
				t.Errorf("VerdictKey = %q; want %q", nd[0].VerdictKey, tc.wantKey)
			}
			if diff := cmp.Diff(tc.want, nd[0].Args); diff != "" {
				t.Errorf("Args (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectWindowsTerminalWithPort(t *testing.T) {
	// The enumerator lists the CDC interface's COM port with the device's
	// serial number; the same device from SetupAPI must not be reported
	// again as missing its driver.
	com5 := withFriendlyName(PortInfo{Name: "COM5", IsUSB: true, VID: "2FB8", PID: "2116", Serial: "0820123456", Product: "USB Serial Device (COM5)"})
	l := &fakeScanner{fakeLister{ports: []PortInfo{com5}, usb: usbDevicesFromNodes(paxSerial)}}
	got, err := Detect(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range got {
		kinds = append(kinds, c.Kind.String()+" "+c.Args["port"])
	}
	if diff := cmp.Diff([]string{"terminal USB Serial Device (COM5)"}, kinds); diff != "" {
		t.Errorf("Detect (-want +got):\n%s", diff)
	}
}

func TestFriendlyName(t *testing.T) {
	tests := []struct {
		name         string
		in           PortInfo
		wantFriendly string
		wantDisplay  string
	}{
		{"Windows CDC port", PortInfo{Name: "COM5", IsUSB: true, Product: "USB Serial Device (COM5)"}, "USB Serial Device (COM5)", "USB Serial Device (COM5)"},
		{"Windows built-in port", PortInfo{Name: "COM1", Product: "Communications Port (COM1)"}, "Communications Port (COM1)", "Communications Port (COM1)"},
		{"Chinese Windows, other case", PortInfo{Name: "COM12", Product: "USB 串行设备 (com12)"}, "USB 串行设备 (com12)", "USB 串行设备 (com12)"},
		{"name of another port", PortInfo{Name: "COM1", Product: "USB Serial Device (COM11)"}, "", "COM1"},
		{"Linux USB product string", PortInfo{Name: "/dev/ttyACM0", IsUSB: true, Product: "E550 POS"}, "", "/dev/ttyACM0"},
		{"no product", PortInfo{Name: "/dev/ttyS0"}, "", "/dev/ttyS0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := withFriendlyName(tc.in)
			if got.FriendlyName != tc.wantFriendly || got.Display() != tc.wantDisplay || got.Product != tc.in.Product {
				t.Errorf("withFriendlyName(%+v) = %q, Display %q, Product %q; want %q, %q, %q",
					tc.in, got.FriendlyName, got.Display(), got.Product, tc.wantFriendly, tc.wantDisplay, tc.in.Product)
			}
			if c := Classify(got); c.Args["port"] != tc.wantDisplay {
				t.Errorf("Classify(%+v).Args[port] = %q; want %q", got, c.Args["port"], tc.wantDisplay)
			}
		})
	}
}

func TestUSBProblemVerdictKey(t *testing.T) {
	tests := []struct {
		p    USBProblem
		want string
	}{
		{USBProblemUnknown, "device.kind.nodriver"},
		{USBProblemDriver, "devicewin.nodriver.driver"},
		{USBProblemMode, "devicewin.nodriver.mode"},
		{USBProblemFailed, "devicewin.nodriver.failed"},
		{USBProblemDisabled, "devicewin.nodriver.disabled"},
		{USBProblemRestart, "devicewin.nodriver.restart"},
		{USBProblem(-1), "device.kind.nodriver"},
		{USBProblem(99), "device.kind.nodriver"},
	}
	for _, tc := range tests {
		t.Run(tc.p.String(), func(t *testing.T) {
			if got := tc.p.VerdictKey(); got != tc.want {
				t.Errorf("USBProblem(%d).VerdictKey() = %q; want %q", int(tc.p), got, tc.want)
			}
		})
	}
}

func loadDevicewin(t *testing.T, locale string) map[string]string {
	t.Helper()
	b, err := fs.ReadFile(assets.I18n(), locale+"/devicewin.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s/devicewin.json: %v", locale, err)
	}
	return m
}

func TestDevicewinTranslations(t *testing.T) {
	zh, en := loadDevicewin(t, "zh-Hans"), loadDevicewin(t, "en")
	keys := func(m map[string]string) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if diff := cmp.Diff(keys(en), keys(zh)); diff != "" {
		t.Errorf("key sets differ (-en +zh):\n%s", diff)
	}
	for loc, m := range map[string]map[string]string{"zh-Hans": zh, "en": en} {
		for k, v := range m {
			if !strings.HasPrefix(k, "devicewin.") || strings.TrimSpace(v) == "" {
				t.Errorf("%s %q: must start with devicewin. and have text, has %q", loc, k, v)
			}
			for _, arg := range []string{"{{.vendor}}", "{{.product}}"} {
				if !strings.Contains(v, arg) {
					t.Errorf("%s %q: does not name the device with %s: %q", loc, k, arg, v)
				}
			}
			if strings.Count(v, "{{") != 2 {
				t.Errorf("%s %q: uses templates other than vendor and product: %q", loc, k, v)
			}
		}
	}
	for p := USBProblemDriver; int(p) < len(usbProblemNames); p++ {
		if _, ok := en[p.VerdictKey()]; !ok {
			t.Errorf("key %q (USBProblem %s) missing from devicewin.json", p.VerdictKey(), p)
		}
	}
}

func FuzzParseUSBInstanceID(f *testing.F) {
	// More seeds live in testdata/fuzz/FuzzParseUSBInstanceID.
	for _, s := range []string{
		`USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004`,
		`usb\vid_1a86&pid_7523\5&2c5b5b2a&0&2`,
		`USB\VID_2FB8&PID_2205\A910X1`,
		`FTDIBUS\VID_0403+PID_6001+A700E2ZOA\0000`,
		`USB\ROOT_HUB30\4&2A1B3C&0&0`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, ok := parseUSBInstanceID(in)
		if !ok {
			if id != (usbInstanceID{}) {
				t.Fatalf("ParseUSBInstanceID(%q) = %+v, not ok; want the zero value", in, id)
			}
			return
		}
		if !isHex(id.VID, 4) || !isHex(id.PID, 4) || id.VID != strings.ToUpper(id.VID) || id.PID != strings.ToUpper(id.PID) {
			t.Fatalf("ParseUSBInstanceID(%q) = %+v; VID and PID must be 4 upper-case hex digits", in, id)
		}
		if id.Interface != "" && (!isHex(id.Interface, 2) || id.Interface != strings.ToUpper(id.Interface)) {
			t.Fatalf("ParseUSBInstanceID(%q) = %+v; interface must be 2 upper-case hex digits", in, id)
		}
		if id.Instance == "" || strings.Contains(id.Instance, `\`) {
			t.Fatalf("ParseUSBInstanceID(%q) = %+v; bad instance", in, id)
		}
		// parse → String → parse is stable.
		again, ok := parseUSBInstanceID(id.String())
		if !ok || again != id {
			t.Fatalf("ParseUSBInstanceID(%q) = %+v, %v; want %+v", id.String(), again, ok, id)
		}
		if s := id.Serial(); s != "" && (s != id.Instance || id.Interface != "") {
			t.Fatalf("Serial() = %q of %+v; want the instance of a whole device", s, id)
		}
	})
}

func TestParseUSBInstanceIDOfPAXInterface(t *testing.T) {
	id, ok := parseUSBInstanceID(`USB\VID_2FB8&PID_2116&MI_04\6&1A2B3C&0&0004`)
	if !ok || id.VID != "2FB8" || id.PID != "2116" || id.Interface != "04" || id.Instance != "6&1A2B3C&0&0004" || id.Serial() != "" {
		t.Fatalf("parseUSBInstanceID = %+v, %v", id, ok)
	}
	if known, _ := lookupID(id.VID, id.PID); known.Vendor != "PAX (百富)" || known.Product != "A920" {
		t.Errorf("lookupID(%s, %s) = %s %s; want PAX (百富) A920", id.VID, id.PID, known.Vendor, known.Product)
	}
}

// benchNodes is a busy PC: a terminal, a cable, and 40 other USB devices
// with two interfaces each.
func benchNodes() []winNode {
	nodes := append(append([]winNode(nil), paxMTP...), ch340Port...)
	for i := range 40 {
		dev := fmt.Sprintf(`USB\VID_%04X&PID_%04X\5&%X&0&%d`, 0x1000+i, i, i, i)
		nodes = append(nodes, winNode{ID: dev, Driver: "x"})
		for mi := range 2 {
			nodes = append(nodes, winNode{ID: fmt.Sprintf(`USB\VID_%04X&PID_%04X&MI_%02X\6&%X&0&%04d`, 0x1000+i, i, mi, i, mi), Parent: dev, Driver: "y"})
		}
	}
	return nodes
}

// BenchmarkUSBDevicesFromNodes measures the pure part of a Windows scan
// (Detect runs it every time, the Watcher every 500 ms).
func BenchmarkUSBDevicesFromNodes(b *testing.B) {
	nodes := benchNodes()
	for b.Loop() {
		if got := usbDevicesFromNodes(nodes); len(got) != 42 {
			b.Fatalf("usbDevicesFromNodes gave %d devices; want 42", len(got))
		}
	}
}

func TestPortProducts(t *testing.T) {
	gadget := []winNode{
		{ID: `USB\VID_0525&PID_A4A7\5&1C2D&0&1`, Driver: "x", Bus: "E550 POS", Name: "E550 POS"},
		{ID: `USB\VID_0525&PID_A4A7&MI_00\6&3E&0&0000`, Parent: `USB\VID_0525&PID_A4A7\5&1C2D&0&1`, Port: true, COM: "COM6", Driver: "y", Bus: "CDC Abstract Control Model (ACM)"},
	}
	ftdi := append([]winNode(nil), ftdiPort...)
	ftdi[0].Bus = "FT232R USB UART"
	ftdi[1].COM = "COM4"
	builtin := []winNode{{ID: `ACPI\PNP0501\0`, Port: true, COM: "COM1", Driver: "z"}}
	noBus := append([]winNode(nil), ch340Port...)
	noBus[0].COM = "COM3"
	tests := []struct {
		name  string
		nodes []winNode
		want  map[string]string
	}{
		{"interface port takes the device's string", gadget, map[string]string{"COM6": "E550 POS"}},
		{"FTDI port on FTDI's bus", ftdi, map[string]string{"COM4": "FT232R USB UART"}},
		{"built-in port", builtin, map[string]string{}},
		{"device without a product string", noBus, map[string]string{}},
		{"parents in a loop", []winNode{{ID: `X\A`, Parent: `X\B`, Port: true, COM: "COM9"}, {ID: `X\B`, Parent: `X\A`}}, map[string]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, portProducts(tc.nodes)); diff != "" {
				t.Errorf("portProducts (-want +got):\n%s", diff)
			}
		})
	}

	// End to end: the generic gadget ID is confirmed as a terminal by the
	// product string SetupAPI read, while the verdict names the port the
	// way Windows does.
	ports := []PortInfo{
		withFriendlyName(PortInfo{Name: "COM6", IsUSB: true, VID: "0525", PID: "A4A7", Product: "USB Serial Device (COM6)"}),
		withFriendlyName(PortInfo{Name: "COM1", Product: "Communications Port (COM1)"}),
	}
	withUSBProducts(ports, portProducts(gadget))
	c := Classify(ports[0])
	if c.Kind != KindTerminal || c.Args["product"] != "E550 POS" || c.Args["port"] != "USB Serial Device (COM6)" {
		t.Errorf("Classify(%+v) = %v %v; want a likely terminal E550 POS on USB Serial Device (COM6)", ports[0], c.Kind, c.Args)
	}
	if ports[1].Product != "Communications Port (COM1)" {
		t.Errorf("built-in port's Product = %q; want it unchanged", ports[1].Product)
	}
}

// FuzzUSBDevicesFromNodes feeds made-up device trees (three nodes, any
// IDs and parents, loops included): the grouping ends, lists exactly the
// whole USB devices, and never gives a device both a port and a problem.
func FuzzUSBDevicesFromNodes(f *testing.F) {
	f.Add(paxMTP[0].ID, paxMTP[0].Parent, paxMTP[1].ID, paxMTP[1].Parent, paxMTP[2].ID, paxMTP[2].Parent, uint8(0), uint32(28))
	f.Add(ftdiPort[0].ID, "", ftdiPort[1].ID, ftdiPort[1].Parent, `X\A`, `X\A`, uint8(2), uint32(0))
	f.Add(`USB\VID_1A86&PID_7523\A`, `X\B`, `X\B`, `USB\VID_1A86&PID_7523\A`, ``, ``, uint8(2), uint32(43))
	f.Fuzz(func(t *testing.T, id1, par1, id2, par2, id3, par3 string, ports uint8, problem uint32) {
		nodes := []winNode{
			{ID: id1, Parent: par1, Port: ports&1 != 0, Problem: problem},
			{ID: id2, Parent: par2, Port: ports&2 != 0, Driver: "x"},
			{ID: id3, Parent: par3, Port: ports&4 != 0, Problem: problem >> 8, Compat: []string{`USB\Class_06`}},
		}
		want := map[string]bool{}
		for _, n := range nodes {
			if u, ok := parseUSBInstanceID(n.ID); ok && u.Interface == "" {
				want[strings.ToUpper(n.ID)] = true
			}
		}
		got := usbDevicesFromNodes(nodes)
		if len(got) != len(want) {
			t.Fatalf("usbDevicesFromNodes(%+v) gave %d devices; want %d", nodes, len(got), len(want))
		}
		for _, d := range got {
			if !want[strings.ToUpper(d.Path)] {
				t.Errorf("device %+v is not a whole USB device of the input", d)
			}
			if d.HasTTY && d.Problem != USBProblemUnknown {
				t.Errorf("device %+v has a port and a problem", d)
			}
			if !d.HasTTY && d.Problem == USBProblemUnknown {
				t.Errorf("device %+v has neither a port nor a reason", d)
			}
		}
		portProducts(nodes)
	})
}
