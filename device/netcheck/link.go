package netcheck

import (
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"posdoctor/wizard/outcome"
)

// Medium is how an interface is attached, as far as the OS tells.
type Medium int

// The media an interface can have.
const (
	MediumUnknown Medium = iota // the OS did not say
	MediumWired
	MediumWireless
)

// String returns "unknown", "wired" or "wireless".
func (m Medium) String() string {
	switch m {
	case MediumWired:
		return "wired"
	case MediumWireless:
		return "wireless"
	}
	return "unknown"
}

// Interface is one network interface of the PC.
type Interface struct {
	Name     string
	Up       bool // administratively up and running
	Loopback bool
	Addrs    []netip.Prefix // unicast addresses; link-local IPv6 left out
	Medium   Medium
}

// Usable reports whether the interface can carry traffic to the outside: up,
// not loopback, with at least one address.
func (i Interface) Usable() bool { return i.Up && !i.Loopback && len(i.Addrs) > 0 }

// SysClassNet is where Linux lists network interfaces; Interfaces looks for
// <root>/<name>/wireless (Wi-Fi) and <root>/<name>/device (hardware).
const SysClassNet = "/sys/class/net"

// Interfaces lists the PC's interfaces with their addresses. sysRoot is
// SysClassNet on Linux (tests pass a temporary directory); "" skips the
// Wi-Fi / wired lookup, which leaves Medium unknown, as on other systems.
func Interfaces(sysRoot string) ([]Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	out := make([]Interface, 0, len(ifs))
	for _, ni := range ifs {
		it := Interface{
			Name:     ni.Name,
			Up:       ni.Flags&net.FlagUp != 0 && ni.Flags&net.FlagRunning != 0,
			Loopback: ni.Flags&net.FlagLoopback != 0,
		}
		addrs, err := ni.Addrs()
		if err == nil {
			it.Addrs = prefixes(addrs)
		}
		if sysRoot != "" && !it.Loopback {
			it.Medium = mediumOf(sysRoot, ni.Name)
		}
		out = append(out, it)
	}
	return out, nil
}

// mediumOf tells Wi-Fi from wired on Linux: <sysRoot>/<name>/wireless exists
// for Wi-Fi; <sysRoot>/<name>/device exists for real hardware, which is then
// wired; a virtual interface (bridge, tunnel) stays unknown.
func mediumOf(sysRoot, name string) Medium {
	if _, err := os.Stat(filepath.Join(sysRoot, name, "wireless")); err == nil {
		return MediumWireless
	}
	if _, err := os.Stat(filepath.Join(sysRoot, name, "phy80211")); err == nil {
		return MediumWireless
	}
	if _, err := os.Stat(filepath.Join(sysRoot, name, "device")); err == nil {
		return MediumWired
	}
	return MediumUnknown
}

func prefixes(addrs []net.Addr) []netip.Prefix {
	var out []netip.Prefix
	for _, a := range addrs {
		p, err := netip.ParsePrefix(a.String())
		if err != nil {
			continue
		}
		if p.Addr().IsLinkLocalUnicast() && p.Addr().Is6() {
			continue
		}
		out = append(out, p)
	}
	return out
}

// EvaluateLink judges the interfaces: Pass when at least one is usable,
// Fail when none is. The evidence names each usable interface with its
// medium and addresses.
func EvaluateLink(ifs []Interface) Verdict {
	v := Verdict{Level: outcome.Fail, Summary: "check.net.link.fail"}
	var names []string
	for _, it := range ifs {
		if !it.Usable() {
			continue
		}
		names = append(names, it.Name)
		addrs := make([]string, len(it.Addrs))
		for i, a := range it.Addrs {
			addrs[i] = a.String()
		}
		v.Evidence = append(v.Evidence,
			fact("evidence.net.iface."+it.Medium.String(), it.Name+" "+strings.Join(addrs, ", ")))
	}
	if len(names) == 0 {
		return v
	}
	v.Level, v.Summary = outcome.Pass, "check.net.link.pass"
	slices.Sort(names)
	v.Args = map[string]string{"names": strings.Join(names, ", ")}
	return v
}
