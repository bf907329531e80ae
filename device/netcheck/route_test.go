package netcheck

import (
	"errors"
	"net/netip"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustOpen(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestParseProcNetRoute(t *testing.T) {
	got, err := ParseProcNetRoute(mustOpen(t, "testdata/proc_net_route.txt"))
	if err != nil {
		t.Fatalf("ParseProcNetRoute: %v", err)
	}
	want := []Route{
		{Iface: "wlan0", Dest: netip.MustParsePrefix("0.0.0.0/0"), Gateway: netip.MustParseAddr("192.168.1.1"), Metric: 600},
		{Iface: "eth0", Dest: netip.MustParsePrefix("0.0.0.0/0"), Gateway: netip.MustParseAddr("192.0.2.1"), Metric: 100},
		{Iface: "eth0", Dest: netip.MustParsePrefix("192.0.2.0/24"), Metric: 100},
		{Iface: "wlan0", Dest: netip.MustParsePrefix("192.168.1.0/24"), Metric: 600},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b netip.Addr) bool { return a == b }), cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
		t.Errorf("ParseProcNetRoute mismatch (-want +got):\n%s", diff)
	}
	gw, ok := DefaultGateway(got)
	if !ok || gw.Gateway != netip.MustParseAddr("192.0.2.1") {
		t.Errorf("DefaultGateway = %v, %v; want 192.0.2.1 (lowest metric), true", gw, ok)
	}
}

func TestParseProcNetRouteErrors(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"empty", ""},
		{"wrong header", "Kernel IP routing table\n"},
		{"short line", "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth0 00000000\n"},
		{"bad hex", "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth0 zz000000 010200C0 0003 0 0 0 00000000\n"},
		{"non-contiguous mask", "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth0 00000000 010200C0 0003 0 0 0 FF00FF00\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseProcNetRoute(strings.NewReader(tt.in))
			if !errors.Is(err, ErrBadRouteTable) {
				t.Errorf("ParseProcNetRoute(%q) error = %v; want ErrBadRouteTable", tt.in, err)
			}
		})
	}
}

func TestDefaultGatewayNone(t *testing.T) {
	routes := []Route{{Iface: "eth0", Dest: netip.MustParsePrefix("10.0.0.0/8")}}
	if r, ok := DefaultGateway(routes); ok {
		t.Errorf("DefaultGateway = %v, true; want none", r)
	}
}

func FuzzParseProcNetRoute(f *testing.F) {
	b, err := os.ReadFile("testdata/proc_net_route.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Fuzz(func(t *testing.T, s string) {
		routes, err := ParseProcNetRoute(strings.NewReader(s))
		if err != nil && routes != nil {
			t.Errorf("ParseProcNetRoute returned routes with error %v", err)
		}
		for _, r := range routes {
			if !r.Dest.IsValid() {
				t.Errorf("route with invalid destination: %+v", r)
			}
		}
	})
}

func FuzzParseResolvConf(f *testing.F) {
	f.Add("nameserver 10.0.0.1\nnameserver fe80::1%eth0\n# comment\nsearch lan\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, ns := range parseResolvConf(strings.NewReader(s)) {
			if strings.ContainsAny(ns, " \t\n") {
				t.Errorf("nameserver %q holds white space", ns)
			}
		}
	})
}
