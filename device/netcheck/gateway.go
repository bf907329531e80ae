package netcheck

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"

	"posdoctor/wizard/outcome"
)

// Route is one IPv4 route of the PC.
type Route struct {
	Iface   string       // interface name (Linux) or the interface's address (Windows)
	Dest    netip.Prefix // 0.0.0.0/0 for the default route
	Gateway netip.Addr   // invalid when the destination is on-link
	Metric  int
}

// IsDefault reports whether r is a default route through a gateway.
func (r Route) IsDefault() bool { return r.Dest.Bits() == 0 && r.Gateway.IsValid() }

// ParseProcNetRoute parses Linux's /proc/net/route: a header line, then one
// route a line with hexadecimal, little-endian IPv4 addresses. It returns
// ErrBadRouteTable (wrapped, with the line) when the header or a line does
// not look like that table.
func ParseProcNetRoute(r io.Reader) ([]Route, error) {
	sc := bufio.NewScanner(r)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read route table: %w", err)
		}
		return nil, fmt.Errorf("empty input: %w", ErrBadRouteTable)
	}
	head := strings.Fields(sc.Text())
	if len(head) < 8 || head[0] != "Iface" || head[1] != "Destination" || head[2] != "Gateway" || head[7] != "Mask" {
		return nil, fmt.Errorf("header %q: %w", sc.Text(), ErrBadRouteTable)
	}
	var out []Route
	for n := 2; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) < 8 {
			return nil, fmt.Errorf("line %d: %w", n, ErrBadRouteTable)
		}
		dest, err1 := hexIPv4(f[1])
		gw, err2 := hexIPv4(f[2])
		mask, err3 := hexIPv4(f[7])
		flags, err4 := strconv.ParseUint(f[3], 16, 16)
		metric, err5 := strconv.Atoi(f[6])
		if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, ErrBadRouteTable)
		}
		bits, ok := maskBits(mask)
		if !ok {
			return nil, fmt.Errorf("line %d: mask %s: %w", n, f[7], ErrBadRouteTable)
		}
		const rtfGateway = 0x2
		rt := Route{Iface: f[0], Dest: netip.PrefixFrom(dest, bits).Masked(), Metric: metric}
		if flags&rtfGateway != 0 && !gw.IsUnspecified() {
			rt.Gateway = gw
		}
		out = append(out, rt)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read route table: %w", err)
	}
	return out, nil
}

// hexIPv4 decodes an address as /proc/net/route writes it: 8 hex digits of
// the address in host (little-endian) byte order.
func hexIPv4(s string) (netip.Addr, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 4 {
		return netip.Addr{}, ErrBadRouteTable
	}
	var a [4]byte
	binary.BigEndian.PutUint32(a[:], binary.LittleEndian.Uint32(b))
	return netip.AddrFrom4(a), nil
}

// maskBits returns the prefix length of a contiguous netmask.
func maskBits(m netip.Addr) (int, bool) {
	b := m.As4()
	ones, size := net.IPMask(b[:]).Size()
	return ones, size == 32
}

// DefaultGateway returns the default route with the lowest metric, and
// false when there is none.
func DefaultGateway(routes []Route) (Route, bool) {
	var best Route
	found := false
	for _, r := range routes {
		if r.IsDefault() && (!found || r.Metric < best.Metric) {
			best, found = r, true
		}
	}
	return best, found
}

// Dialer opens connections; *net.Dialer is one. Tests inject fakes.
type Dialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// GatewayPorts are the ports ProbeGateway tries: DNS and HTTP, which home
// and shop routers usually serve. A refused connection counts as an answer.
var GatewayPorts = []int{53, 80}

// GatewayProbe is what ProbeGateway saw.
type GatewayProbe struct {
	Answered bool          // some port accepted or actively refused
	Port     int           // the port that answered first
	RTT      time.Duration // time to that answer
	Err      error         // the last error when nothing answered
}

// ProbeGateway tries one TCP connect to each of ports on gw at once, each
// bounded by timeout and ctx, and reports the first answer. An accepted or
// refused connection both prove the gateway is there; only silence (a
// timeout) counts as no answer. It never sends ICMP. It returns once every
// connect has finished.
func ProbeGateway(ctx context.Context, d Dialer, gw netip.Addr, ports []int, timeout time.Duration) GatewayProbe {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type answer struct {
		port int
		rtt  time.Duration
		err  error
	}
	ch := make(chan answer, len(ports))
	for _, p := range ports {
		go func() {
			start := time.Now()
			c, err := d.DialContext(ctx, "tcp", netip.AddrPortFrom(gw, uint16(p)).String())
			rtt := time.Since(start)
			if err == nil {
				c.Close()
			} else if isRefused(err) {
				err = nil
			}
			ch <- answer{p, rtt, err}
		}()
	}
	var res GatewayProbe
	for range ports {
		a := <-ch
		if a.err != nil {
			res.Err = a.err
			continue
		}
		if !res.Answered {
			res = GatewayProbe{Answered: true, Port: a.port, RTT: a.rtt}
			cancel() // the other connects need not wait any longer
		}
	}
	if res.Answered {
		res.Err = nil
	}
	return res
}

// isRefused reports whether err is a refused connection (a TCP reset to
// the connect): the peer is there, the port is closed.
func isRefused(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	const wsaeConnRefused = 10061 // Windows' own number for it
	return errno == syscall.ECONNREFUSED || errno == wsaeConnRefused
}

// GatewayFinding is the input of EvaluateGateway.
type GatewayFinding struct {
	RoutesErr error // reading the route table failed
	Route     Route
	Found     bool // a default route exists
	Probe     GatewayProbe
	Probed    bool // ProbeGateway ran
}

// EvaluateGateway judges the default gateway: Fail without one, Warn when it
// did not answer a TCP connect (many routers drop them, so this alone is not
// proof of a fault), Pass when it answered, Skipped when the route table
// could not be read on this system.
func EvaluateGateway(g GatewayFinding) Verdict {
	switch {
	case errors.Is(g.RoutesErr, ErrUnsupported):
		return Verdict{Level: outcome.Skipped, Summary: "check.net.gateway.unsupported", Detail: errDetail(g.RoutesErr)}
	case g.RoutesErr != nil:
		return Verdict{Level: outcome.Warn, Summary: "check.net.gateway.unreadable", Detail: errDetail(g.RoutesErr)}
	case !g.Found:
		return Verdict{Level: outcome.Fail, Summary: "check.net.gateway.none"}
	}
	v := Verdict{
		Args:     map[string]string{"gateway": g.Route.Gateway.String()},
		Evidence: []Fact{fact("evidence.net.gateway", g.Route.Gateway.String()+" ("+g.Route.Iface+")")},
	}
	switch {
	case !g.Probed:
		v.Level, v.Summary = outcome.Pass, "check.net.gateway.present"
	case g.Probe.Answered:
		v.Level, v.Summary = outcome.Pass, "check.net.gateway.pass"
		v.Evidence = append(v.Evidence, fact("evidence.net.gateway.rtt", ms(g.Probe.RTT)))
	default:
		v.Level, v.Summary = outcome.Warn, "check.net.gateway.silent"
		v.Detail = errDetail(g.Probe.Err)
	}
	return v
}

// ms formats a duration in whole milliseconds ("12 ms"), or with one
// decimal below 10 ms.
func ms(d time.Duration) string {
	f := float64(d) / float64(time.Millisecond)
	if f < 10 {
		return strconv.FormatFloat(f, 'f', 1, 64) + " ms"
	}
	return strconv.FormatFloat(f, 'f', 0, 64) + " ms"
}
