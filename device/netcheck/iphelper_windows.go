//go:build windows

package netcheck

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"unsafe"

	"golang.org/x/sys/windows"
)

// SystemRoutes returns the PC's IPv4 routes from the IP helper
// (GetIpForwardTable2), each named by its adapter's friendly name from
// GetAdaptersAddresses; no program is started. If the adapters cannot be
// listed, routes are named "if N" and none is left out.
func SystemRoutes(ctx context.Context) ([]Route, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := ipForwardRows()
	if err != nil {
		return nil, err
	}
	adapters, _ := ipAdapters()
	return routesFromIPHelper(rows, adapters), nil
}

// SystemNameservers returns the DNS servers of the adapters that are up,
// from GetAdaptersAddresses, the preferred adapter's first.
func SystemNameservers() ([]string, error) {
	adapters, err := ipAdapters()
	if err != nil {
		return nil, err
	}
	return nameserversFromAdapters(adapters), nil
}

func ipForwardRows() ([]ipHelperRoute, error) {
	var table *windows.MibIpForwardTable2
	if err := windows.GetIpForwardTable2(windows.AF_INET, &table); err != nil {
		return nil, fmt.Errorf("GetIpForwardTable2: %w", err)
	}
	defer windows.FreeMibTable(unsafe.Pointer(table))
	var out []ipHelperRoute
	for _, r := range table.Rows() {
		dest, ok := sockaddr4(&r.DestinationPrefix.Prefix)
		if !ok || r.DestinationPrefix.PrefixLength > 32 {
			continue
		}
		hop, _ := sockaddr4(&r.NextHop)
		out = append(out, ipHelperRoute{Dest: netip.PrefixFrom(dest, int(r.DestinationPrefix.PrefixLength)),
			NextHop: hop, IfIndex: r.InterfaceIndex, Metric: r.Metric})
	}
	return out, nil
}

// sockaddr4 reads the IPv4 address of a SOCKADDR_INET.
func sockaddr4(sa *windows.RawSockaddrInet) (netip.Addr, bool) {
	if sa.Family != windows.AF_INET {
		return netip.Addr{}, false
	}
	in4 := (*windows.RawSockaddrInet4)(unsafe.Pointer(sa))
	return netip.AddrFrom4(in4.Addr), true
}

// ipAdapters lists the adapters with their DNS servers, growing the buffer
// as GetAdaptersAddresses asks (the way package net does).
func ipAdapters() ([]ipHelperAdapter, error) {
	size := uint32(15000)
	var buf []byte
	for range 5 {
		buf = make([]byte, size)
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC,
			windows.GAA_FLAG_SKIP_ANYCAST|windows.GAA_FLAG_SKIP_MULTICAST|windows.GAA_FLAG_SKIP_UNICAST,
			0, (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0])), &size)
		if err == nil {
			break
		}
		if !errors.Is(err, windows.ERROR_BUFFER_OVERFLOW) || size <= uint32(len(buf)) {
			if errors.Is(err, windows.ERROR_NO_DATA) {
				return nil, nil
			}
			return nil, fmt.Errorf("GetAdaptersAddresses: %w", err)
		}
		buf = nil
	}
	if buf == nil {
		return nil, fmt.Errorf("GetAdaptersAddresses: %w", windows.ERROR_BUFFER_OVERFLOW)
	}
	var out []ipHelperAdapter
	for a := (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0])); a != nil; a = a.Next {
		ad := ipHelperAdapter{IfIndex: a.IfIndex, Name: windows.UTF16PtrToString(a.FriendlyName),
			Metric: a.Ipv4Metric, Up: a.OperStatus == windows.IfOperStatusUp}
		for d := a.FirstDnsServerAddress; d != nil; d = d.Next {
			if ip, ok := netip.AddrFromSlice(d.Address.IP()); ok {
				ad.DNS = append(ad.DNS, ip.Unmap())
			}
		}
		out = append(out, ad)
	}
	return out, nil
}
