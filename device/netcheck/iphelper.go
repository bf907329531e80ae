package netcheck

import (
	"cmp"
	"net/netip"
	"slices"
	"strconv"
)

// What Windows' IP helper functions report (iphelper_windows.go reads them
// with GetIpForwardTable2 and GetAdaptersAddresses, in process: no `route
// print`, no console window), and how it becomes Routes and DNS servers.
// Kept free of system calls so every platform tests it.

// ipHelperRoute is one row of the IPv4 route table.
type ipHelperRoute struct {
	Dest    netip.Prefix
	NextHop netip.Addr // 0.0.0.0 for a route on the link itself
	IfIndex uint32
	Metric  uint32 // the route's own metric
}

// ipHelperAdapter is one network adapter.
type ipHelperAdapter struct {
	IfIndex uint32
	Name    string // the friendly name people see: 以太网, WLAN, Ethernet 2
	Metric  uint32 // IPv4 interface metric, which Windows adds to each route's
	Up      bool   // operational status up
	DNS     []netip.Addr
}

// routesFromIPHelper joins the route rows with their adapters as `route
// print` shows them: the interface's name, and the effective metric (route
// plus interface metric), which decides between two default routes. Rows
// of an adapter that is down are left out; a row of an adapter not listed
// is named "if N".
func routesFromIPHelper(rows []ipHelperRoute, adapters []ipHelperAdapter) []Route {
	byIndex := make(map[uint32]ipHelperAdapter, len(adapters))
	for _, a := range adapters {
		byIndex[a.IfIndex] = a
	}
	out := make([]Route, 0, len(rows))
	for _, r := range rows {
		if !r.Dest.IsValid() || !r.Dest.Addr().Is4() {
			continue
		}
		a, known := byIndex[r.IfIndex]
		if known && !a.Up {
			continue
		}
		name := a.Name
		if !known || name == "" {
			name = "if " + strconv.FormatUint(uint64(r.IfIndex), 10)
		}
		rt := Route{Iface: name, Dest: r.Dest.Masked(), Metric: int(r.Metric + a.Metric)}
		if r.NextHop.Is4() && !r.NextHop.IsUnspecified() {
			rt.Gateway = r.NextHop
		}
		out = append(out, rt)
	}
	return out
}

// unconfiguredDNS is the site-local prefix of the three resolvers Windows
// lists on an adapter with no IPv6 DNS configured (fec0:0:0:ffff::1-3).
var unconfiguredDNS = netip.MustParsePrefix("fec0:0:0:ffff::/64")

// nameserversFromAdapters lists the DNS servers Windows asks, as
// addresses: those of the adapters that are up, lowest interface metric
// first (the adapter Windows prefers), each server once. The placeholder
// IPv6 resolvers of unconfigured adapters are left out.
func nameserversFromAdapters(adapters []ipHelperAdapter) []string {
	up := make([]ipHelperAdapter, 0, len(adapters))
	for _, a := range adapters {
		if a.Up {
			up = append(up, a)
		}
	}
	slices.SortStableFunc(up, func(a, b ipHelperAdapter) int { return cmp.Compare(a.Metric, b.Metric) })
	seen := map[netip.Addr]bool{}
	var out []string
	for _, a := range up {
		for _, s := range a.DNS {
			s = s.Unmap()
			if !s.IsValid() || s.IsUnspecified() || unconfiguredDNS.Contains(s.WithZone("")) || seen[s] {
				continue
			}
			seen[s] = true
			out = append(out, s.String())
		}
	}
	return out
}
