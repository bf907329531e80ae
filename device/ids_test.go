package device

import (
	"regexp"
	"testing"
)

func TestKnownIDsTable(t *testing.T) {
	hex4 := regexp.MustCompile(`^[0-9A-F]{4}$`)
	seen := map[string]bool{}
	for _, k := range knownIDs {
		id := k.VID + ":" + k.PID
		if seen[id] {
			t.Errorf("%s listed twice", id)
		}
		seen[id] = true
		if !hex4.MatchString(k.VID) || k.PID != "" && !hex4.MatchString(k.PID) {
			t.Errorf("%s: IDs must be 4 upper-case hex digits", id)
		}
		if k.Source == "" || k.Vendor == "" {
			t.Errorf("%s: every row needs a vendor and a source", id)
		}
		if k.PID == "" && k.Product != "" && k.Role != roleOther {
			t.Errorf("%s: a vendor-wide row names no product", id)
		}
	}
}

func TestMakerOf(t *testing.T) {
	tests := []struct {
		manufacturer, product string
		want                  string // maker name, "" for none
	}{
		{"FuJian Newland Payment", "USB2UART", "Newland Payment (新大陆)"},
		{"PAX Technology", "A920 USB Serial", "PAX (百富)"},
		{"Paxar Corp", "Label printer", ""},
		{"", "拉卡拉智能POS", "Lakala (拉卡拉)"},
		{"LAKALA", "", "Lakala (拉卡拉)"},
		{"福建升腾资讯", "", "Centerm (升腾)"},
		{"Shenzhen Xinguodu Technology", "N5", "Nexgo / Xinguodu (新国都)"},
		{"SUNMI", "P2 Pro", "SUNMI (商米)"},
		{"Wiseasy", "WisePOS E", "Wiseasy (旺POS)"},
		{"联迪商用", "A8", "LANDI (联迪)"},
		{"Orlandi GmbH", "sensor", ""},
		{"Castles Technology", "S1F2", "Castles (虹堡)"},
		{"QinHeng Electronics", "USB Serial", ""},
		{"Epson", "TM-T88 POS printer", ""},
	}
	for _, tc := range tests {
		m, ok := makerOf(tc.manufacturer, tc.product)
		if got := m.Name; ok != (tc.want != "") || got != tc.want {
			t.Errorf("MakerOf(%q, %q) = %q %v, want %q", tc.manufacturer, tc.product, got, ok, tc.want)
		}
	}
}

func TestClassifyByStrings(t *testing.T) {
	tests := []struct {
		name     string
		port     PortInfo
		wantKind Kind
		wantKey  string
	}{
		{"unknown ID, maker in strings", PortInfo{Name: "/dev/ttyACM0", IsUSB: true, VID: "3A1B", PID: "0001", Manufacturer: "Fujian Newland Payment", Product: "ME31"},
			KindTerminal, "device.kind.terminal.probable"},
		{"unknown ID, Chinese maker", PortInfo{Name: "COM7", IsUSB: true, VID: "ABCD", PID: "1234", Product: "商米 P2"}, KindTerminal, "device.kind.terminal.probable"},
		{"unknown ID, no maker", PortInfo{Name: "/dev/ttyACM1", IsUSB: true, VID: "ABCD", PID: "1234", Manufacturer: "Acme", Product: "Widget"}, KindUnknown, "device.kind.unknown"},
		{"known scanner keeps its role", PortInfo{Name: "/dev/ttyACM2", IsUSB: true, VID: "1EAB", PID: "0D06", Manufacturer: "Newland"}, KindOther, "device.kind.other"},
		{"known terminal", PortInfo{Name: "/dev/ttyACM3", IsUSB: true, VID: "2FB8", PID: "2116"}, KindTerminal, "device.kind.terminal.likely"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Classify(tc.port)
			if c.Kind != tc.wantKind || c.VerdictKey != tc.wantKey {
				t.Errorf("Classify = %v %s, want %v %s", c.Kind, c.VerdictKey, tc.wantKind, tc.wantKey)
			}
			if c.Kind == KindTerminal && c.VerdictKey == "device.kind.terminal.probable" {
				if c.Evidence != evidenceStrings || c.Args["vendor"] == "" {
					t.Errorf("evidence %q args %v", c.Evidence, c.Args)
				}
				if _, err := Pick([]Candidate{c}); err != nil {
					t.Errorf("Pick refuses a probable terminal: %v", err)
				}
			}
		})
	}
}

func TestNoDriverByStrings(t *testing.T) {
	devs := []USBDevice{
		{VID: "3A1B", PID: "0002", Manufacturer: "SUNMI", Product: "T2"},
		{VID: "ABCD", PID: "0001", Manufacturer: "Acme", Product: "Mouse"},
	}
	got := noDriver(devs, nil)
	if len(got) != 1 || got[0].Kind != KindNoDriver || got[0].Evidence != evidenceStrings || got[0].Args["vendor"] != "SUNMI (商米)" {
		t.Errorf("noDriver = %+v", got)
	}
}
