package netcheck

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRoutesFromIPHelper(t *testing.T) {
	pfx, addr := netip.MustParsePrefix, netip.MustParseAddr
	adapters := []ipHelperAdapter{
		{IfIndex: 12, Name: "以太网", Metric: 25, Up: true},
		{IfIndex: 7, Name: "WLAN", Metric: 35, Up: true},
		{IfIndex: 9, Name: "Ethernet 2", Metric: 5, Up: false},
	}
	rows := []ipHelperRoute{
		{Dest: pfx("0.0.0.0/0"), NextHop: addr("192.168.1.1"), IfIndex: 12, Metric: 0},
		{Dest: pfx("0.0.0.0/0"), NextHop: addr("10.0.0.1"), IfIndex: 7, Metric: 0},
		{Dest: pfx("192.168.1.0/24"), NextHop: addr("0.0.0.0"), IfIndex: 12, Metric: 256},
		{Dest: pfx("0.0.0.0/0"), NextHop: addr("172.16.0.1"), IfIndex: 9, Metric: 0},  // adapter down
		{Dest: pfx("10.8.0.7/24"), NextHop: addr("10.8.0.1"), IfIndex: 40, Metric: 1}, // adapter not listed; host bits set
	}
	want := []Route{
		{Iface: "以太网", Dest: pfx("0.0.0.0/0"), Gateway: addr("192.168.1.1"), Metric: 25},
		{Iface: "WLAN", Dest: pfx("0.0.0.0/0"), Gateway: addr("10.0.0.1"), Metric: 35},
		{Iface: "以太网", Dest: pfx("192.168.1.0/24"), Metric: 281},
		{Iface: "if 40", Dest: pfx("10.8.0.0/24"), Gateway: addr("10.8.0.1"), Metric: 1},
	}
	got := routesFromIPHelper(rows, adapters)
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b netip.Addr) bool { return a == b }),
		cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
		t.Errorf("routesFromIPHelper (-want +got):\n%s", diff)
	}
	gw, ok := DefaultGateway(got)
	if !ok || gw.Gateway != addr("192.168.1.1") {
		t.Errorf("DefaultGateway = %v, %v; want 192.168.1.1 (the lower interface metric wins, as on Windows)", gw, ok)
	}
	if got := routesFromIPHelper(rows, nil); len(got) != len(rows) || got[0].Iface != "if 12" {
		t.Errorf("without adapters: %d routes, first on %q; want all %d, named by index", len(got), got[0].Iface, len(rows))
	}
}

func TestNameserversFromAdapters(t *testing.T) {
	addrs := func(s ...string) []netip.Addr {
		var out []netip.Addr
		for _, a := range s {
			out = append(out, netip.MustParseAddr(a))
		}
		return out
	}
	tests := []struct {
		name     string
		adapters []ipHelperAdapter
		want     []string
	}{
		{"none", nil, nil},
		{"preferred adapter first, each server once, down adapters ignored", []ipHelperAdapter{
			{Name: "WLAN", Metric: 35, Up: true, DNS: addrs("114.114.114.114", "223.5.5.5")},
			{Name: "以太网", Metric: 25, Up: true, DNS: addrs("192.168.1.1", "114.114.114.114")},
			{Name: "VPN", Metric: 1, Up: false, DNS: addrs("10.9.9.9")},
		}, []string{"192.168.1.1", "114.114.114.114", "223.5.5.5"}},
		{"IPv6 kept, Windows' unconfigured placeholders dropped", []ipHelperAdapter{
			{Up: true, DNS: addrs("fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "240c::6666", "0.0.0.0", "::ffff:8.8.8.8")},
		}, []string{"240c::6666", "8.8.8.8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, nameserversFromAdapters(tt.adapters)); diff != "" {
				t.Errorf("nameserversFromAdapters (-want +got):\n%s", diff)
			}
		})
	}
}
