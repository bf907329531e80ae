package netcheck

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"posdoctor/wizard/outcome"

	"github.com/google/go-cmp/cmp"
)

func TestMediumOf(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"wlan0/wireless", "wlp2s0/phy80211", "eth0/device", "br0"} {
		if err := os.MkdirAll(filepath.Join(root, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		want Medium
	}{
		{"wlan0", MediumWireless},
		{"wlp2s0", MediumWireless},
		{"eth0", MediumWired},
		{"br0", MediumUnknown},
		{"missing", MediumUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mediumOf(root, tt.name); got != tt.want {
				t.Errorf("MediumOf(%q) = %v; want %v", tt.name, got, tt.want)
			}
		})
	}
}

func TestInterfacesHasLoopback(t *testing.T) {
	ifs, err := Interfaces(t.TempDir())
	if err != nil {
		t.Fatalf("Interfaces: %v", err)
	}
	for _, it := range ifs {
		if it.Loopback && it.Usable() {
			t.Errorf("loopback %s counted as usable", it.Name)
		}
	}
}

func TestEvaluateLink(t *testing.T) {
	lan := netip.MustParsePrefix("192.168.1.5/24")
	tests := []struct {
		name        string
		ifs         []Interface
		wantLevel   outcome.Outcome
		wantSummary string
		wantFacts   []Fact
	}{
		{"none", nil, outcome.Fail, "check.net.link.fail", nil},
		{"only loopback", []Interface{{Name: "lo", Up: true, Loopback: true, Addrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}}}, outcome.Fail, "check.net.link.fail", nil},
		{"down", []Interface{{Name: "eth0", Addrs: []netip.Prefix{lan}, Medium: MediumWired}}, outcome.Fail, "check.net.link.fail", nil},
		{"up without address", []Interface{{Name: "eth0", Up: true, Medium: MediumWired}}, outcome.Fail, "check.net.link.fail", nil},
		{"wifi", []Interface{{Name: "wlan0", Up: true, Addrs: []netip.Prefix{lan}, Medium: MediumWireless}}, outcome.Pass, "check.net.link.pass",
			[]Fact{{"evidence.net.iface.wireless", "wlan0 192.168.1.5/24"}}},
		{"wired", []Interface{{Name: "eth0", Up: true, Addrs: []netip.Prefix{lan}, Medium: MediumWired}}, outcome.Pass, "check.net.link.pass",
			[]Fact{{"evidence.net.iface.wired", "eth0 192.168.1.5/24"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := EvaluateLink(tt.ifs)
			if v.Level != tt.wantLevel || v.Summary != tt.wantSummary {
				t.Errorf("EvaluateLink = %v %q; want %v %q", v.Level, v.Summary, tt.wantLevel, tt.wantSummary)
			}
			if diff := cmp.Diff(tt.wantFacts, v.Evidence); diff != "" {
				t.Errorf("EvaluateLink evidence (-want +got):\n%s", diff)
			}
		})
	}
}

// blockingDialer never connects: it waits for ctx, like a host that drops
// every packet.
type blockingDialer struct{}

func (blockingDialer) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// closedPort returns a loopback port nothing listens on.
func closedPort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return p
}

func listen(t testing.TB) (net.Listener, int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return l, l.Addr().(*net.TCPAddr).Port
}

func TestProbeGateway(t *testing.T) {
	lo := netip.MustParseAddr("127.0.0.1")
	_, open := listen(t)
	closed := closedPort(t)
	tests := []struct {
		name     string
		d        Dialer
		ports    []int
		answered bool
		port     int
	}{
		{"accepts", &net.Dialer{}, []int{open}, true, open},
		{"refuses counts as an answer", &net.Dialer{}, []int{closed}, true, closed},
		{"silent", blockingDialer{}, []int{53, 80}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got := ProbeGateway(context.Background(), tt.d, lo, tt.ports, 200*time.Millisecond)
			if got.Answered != tt.answered || got.Port != tt.port {
				t.Errorf("ProbeGateway = %+v; want answered %v on port %d", got, tt.answered, tt.port)
			}
			if !tt.answered && got.Err == nil {
				t.Error("ProbeGateway without an answer has no error")
			}
			if el := time.Since(start); el > time.Second {
				t.Errorf("ProbeGateway took %v; want about its 200ms timeout", el)
			}
		})
	}
}

func TestEvaluateGateway(t *testing.T) {
	gw := Route{Iface: "eth0", Dest: netip.MustParsePrefix("0.0.0.0/0"), Gateway: netip.MustParseAddr("192.168.1.1")}
	tests := []struct {
		name        string
		in          GatewayFinding
		wantLevel   outcome.Outcome
		wantSummary string
	}{
		{"unsupported", GatewayFinding{RoutesErr: ErrUnsupported}, outcome.Skipped, "check.net.gateway.unsupported"},
		{"unreadable", GatewayFinding{RoutesErr: errors.New("permission denied")}, outcome.Warn, "check.net.gateway.unreadable"},
		{"no default route", GatewayFinding{}, outcome.Fail, "check.net.gateway.none"},
		{"present, not probed", GatewayFinding{Route: gw, Found: true}, outcome.Pass, "check.net.gateway.present"},
		{"answers", GatewayFinding{Route: gw, Found: true, Probed: true, Probe: GatewayProbe{Answered: true, Port: 53, RTT: 2 * time.Millisecond}}, outcome.Pass, "check.net.gateway.pass"},
		{"silent", GatewayFinding{Route: gw, Found: true, Probed: true, Probe: GatewayProbe{Err: context.DeadlineExceeded}}, outcome.Warn, "check.net.gateway.silent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := EvaluateGateway(tt.in)
			if v.Level != tt.wantLevel || v.Summary != tt.wantSummary {
				t.Errorf("EvaluateGateway = %v %q; want %v %q", v.Level, v.Summary, tt.wantLevel, tt.wantSummary)
			}
		})
	}
}

// fakeResolver answers from a table after a delay, honouring ctx.
type fakeResolver struct {
	addrs map[string][]string
	delay time.Duration
}

func (r fakeResolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	select {
	case <-time.After(r.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if a, ok := r.addrs[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func TestResolveAndEvaluateDNS(t *testing.T) {
	r := fakeResolver{addrs: map[string][]string{"pos.example.cn": {"203.0.113.7"}}}
	servers := []string{"10.0.0.1"}
	tests := []struct {
		name        string
		res         Resolver
		servers     []string
		serversErr  error
		host        string
		wantLevel   outcome.Outcome
		wantSummary string
	}{
		{"no host, servers", r, servers, nil, "", outcome.Pass, "check.net.dns.configured"},
		{"no host, no servers", r, nil, nil, "", outcome.Warn, "check.net.dns.noserver"},
		{"no host, unknown servers", r, nil, ErrUnsupported, "", outcome.Skipped, "check.net.dns.unknown"},
		{"address needs no DNS", r, servers, nil, "127.0.0.1", outcome.Pass, "check.net.dns.not_needed"},
		{"resolves", r, servers, nil, "pos.example.cn", outcome.Pass, "check.net.dns.pass"},
		{"not found", r, servers, nil, "nope.example.cn", outcome.Fail, "check.net.dns.notfound"},
		{"hangs", fakeResolver{delay: time.Hour}, servers, nil, "pos.example.cn", outcome.Fail, "check.net.dns.timeout"},
		{"unknown servers, resolves", r, nil, ErrUnsupported, "pos.example.cn", outcome.Pass, "check.net.dns.pass"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := DNSFinding{Servers: tt.servers, ServersErr: tt.serversErr, Host: tt.host}
			if tt.host != "" && !IsAddress(tt.host) {
				f.Lookup = Resolve(context.Background(), tt.res, tt.host, 100*time.Millisecond)
			}
			v := EvaluateDNS(f)
			if v.Level != tt.wantLevel || v.Summary != tt.wantSummary {
				t.Errorf("EvaluateDNS = %v %q (%s); want %v %q", v.Level, v.Summary, v.Detail, tt.wantLevel, tt.wantSummary)
			}
		})
	}
}

func TestEvaluateDNSSlow(t *testing.T) {
	v := EvaluateDNS(DNSFinding{Servers: []string{"10.0.0.1"}, Host: "pos.example.cn",
		Lookup: Lookup{Host: "pos.example.cn", Addrs: []string{"203.0.113.7"}, Latency: dnsSlow + time.Millisecond}})
	if v.Level != outcome.Warn || v.Summary != "check.net.dns.slow" {
		t.Errorf("EvaluateDNS(slow) = %v %q; want warn check.net.dns.slow", v.Level, v.Summary)
	}
}

func TestParseResolvConf(t *testing.T) {
	in := "# generated\nsearch lan\nnameserver 10.0.0.1\nnameserver  fe80::1%eth0 \nnameserver bogus\noptions ndots:1\nnameserver 8.8.8.8 # google\n"
	got := parseResolvConf(strings.NewReader(in))
	want := []string{"10.0.0.1", "fe80::1%eth0", "8.8.8.8"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseResolvConf (-want +got):\n%s", diff)
	}
}

// flakyDialer fails every call whose index is in fail, and otherwise
// dials for real. It is safe for concurrent use.
type flakyDialer struct {
	mu   sync.Mutex
	n    int
	fail map[int]bool
}

func (d *flakyDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	i := d.n
	d.n++
	d.mu.Unlock()
	if d.fail[i] {
		return nil, errors.New("flaky")
	}
	return (&net.Dialer{}).DialContext(ctx, network, addr)
}

func TestMeasureTCP(t *testing.T) {
	_, open := listen(t)
	openAddr := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(open)).String()
	closedAddr := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(closedPort(t))).String()
	tests := []struct {
		name        string
		d           Dialer
		addr        string
		wantOK      int
		wantRefused int
		wantLevel   outcome.Outcome
		wantSummary string
	}{
		{"healthy", &net.Dialer{}, openAddr, 5, 0, outcome.Pass, "check.host.tcp.pass"},
		{"one lost in five warns", &flakyDialer{fail: map[int]bool{2: true}}, openAddr, 4, 0, outcome.Warn, "check.host.tcp.loss"},
		{"refused", &net.Dialer{}, closedAddr, 0, 5, outcome.Fail, "check.host.tcp.refused"},
		{"silent", blockingDialer{}, openAddr, 0, 0, outcome.Fail, "check.host.tcp.fail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			s := MeasureTCP(ctx, tt.d, tt.addr, 5, time.Second)
			if len(s.RTTs) != tt.wantOK || s.Refused != tt.wantRefused || s.Attempts != 5 {
				t.Errorf("MeasureTCP = %d ok, %d refused, %d attempts; want %d, %d, 5", len(s.RTTs), s.Refused, s.Attempts, tt.wantOK, tt.wantRefused)
			}
			v := EvaluateTCP(s)
			if v.Level != tt.wantLevel || v.Summary != tt.wantSummary {
				t.Errorf("EvaluateTCP = %v %q; want %v %q", v.Level, v.Summary, tt.wantLevel, tt.wantSummary)
			}
		})
	}
}

func TestTCPStats(t *testing.T) {
	s := TCPStats{Attempts: 5, RTTs: []time.Duration{10, 30, 20, 600}}
	if got := s.Min(); got != 10 {
		t.Errorf("Min = %v; want 10", got)
	}
	if got := s.Max(); got != 600 {
		t.Errorf("Max = %v; want 600", got)
	}
	if got := s.Median(); got != 25 {
		t.Errorf("Median = %v; want 25", got)
	}
	if got := s.Jitter(); got != (20+10+580)/3 {
		t.Errorf("Jitter = %v; want %v", got, (20+10+580)/3)
	}
	if got := s.Loss(); got != 0.2 {
		t.Errorf("Loss = %v; want 0.2", got)
	}
}

func TestEvaluateTCPThresholds(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		s    TCPStats
		want outcome.Outcome
		sum  string
	}{
		{"median at threshold passes", TCPStats{Attempts: 3, RTTs: []time.Duration{400 * ms, 500 * ms, 600 * ms}}, outcome.Pass, "check.host.tcp.pass"},
		{"median above warns", TCPStats{Attempts: 3, RTTs: []time.Duration{400 * ms, 501 * ms, 600 * ms}}, outcome.Warn, "check.host.tcp.slow"},
		{"loss below 20% passes", TCPStats{Attempts: 10, RTTs: make([]time.Duration, 9)}, outcome.Pass, "check.host.tcp.pass"},
		{"loss 20% warns", TCPStats{Attempts: 5, RTTs: make([]time.Duration, 4)}, outcome.Warn, "check.host.tcp.loss"},
		{"loss 100% fails", TCPStats{Attempts: 5}, outcome.Fail, "check.host.tcp.fail"},
		{"nothing attempted fails", TCPStats{}, outcome.Fail, "check.host.tcp.fail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := EvaluateTCP(tt.s)
			if v.Level != tt.want || v.Summary != tt.sum {
				t.Errorf("EvaluateTCP = %v %q; want %v %q", v.Level, v.Summary, tt.want, tt.sum)
			}
		})
	}
}

func TestMeasureTCPHonoursDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	s := MeasureTCP(ctx, blockingDialer{}, "127.0.0.1:9", 5, time.Hour)
	if el := time.Since(start); el > 600*time.Millisecond {
		t.Errorf("MeasureTCP took %v with a 300ms deadline", el)
	}
	if s.Attempts != 5 || s.Failures() != 5 {
		t.Errorf("MeasureTCP = %d attempts, %d failed; want all 5 started and lost", s.Attempts, s.Failures())
	}
}

// slowConnects takes latency per connect, then dials for real.
type slowConnects struct{ latency time.Duration }

func (d slowConnects) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	tm := time.NewTimer(d.latency)
	defer tm.Stop()
	select {
	case <-tm.C:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return (&net.Dialer{}).DialContext(ctx, network, addr)
}

// A host that takes 150 ms per connect, measured within 400 ms: every
// attempt gets its own time, so the host reads as reachable, not lost.
func TestMeasureTCPSlowHostIsNotLost(t *testing.T) {
	_, open := listen(t)
	addr := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(open)).String()
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	s := MeasureTCP(ctx, slowConnects{150 * time.Millisecond}, addr, 5, time.Second)
	if len(s.RTTs) != 5 {
		t.Errorf("MeasureTCP = %d of %d connected (%v); want all 5", len(s.RTTs), s.Attempts, s.LastErr)
	}
	if m := s.Min(); m < 150*time.Millisecond {
		t.Errorf("Min = %v; want at least the 150ms latency", m)
	}
}

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		in      string
		want    Endpoint
		wantErr bool
	}{
		{"pos.example.cn:5000", Endpoint{Host: "pos.example.cn", Port: 5000, Source: "settings"}, false},
		{" 127.0.0.1:8583 ", Endpoint{Host: "127.0.0.1", Port: 8583, Source: "settings"}, false},
		{"[::1]:80", Endpoint{Host: "::1", Port: 80, Source: "settings"}, false},
		{"nohost", Endpoint{}, true},
		{":80", Endpoint{}, true},
		{"h:0", Endpoint{}, true},
		{"h:99999", Endpoint{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseEndpoint(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseEndpoint(%q) error = %v; want error %v", tt.in, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseEndpoint(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestTPDUBytes(t *testing.T) {
	tests := []struct {
		tpdu    string
		want    []byte
		wantErr bool
	}{
		{"", []byte{0x60, 0, 3, 0, 0}, false},
		{"60 00 05 00 01", []byte{0x60, 0, 5, 0, 1}, false},
		{"7000030000", nil, true},
		{"600003", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.tpdu, func(t *testing.T) {
			got, err := Endpoint{TPDU: tt.tpdu}.TPDUBytes()
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, ErrBadTPDU)) {
				t.Fatalf("TPDUBytes(%q) error = %v; want ErrBadTPDU %v", tt.tpdu, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("TPDUBytes(%q) (-want +got):\n%s", tt.tpdu, diff)
			}
		})
	}
}

func FuzzParseEndpoint(f *testing.F) {
	for _, s := range []string{"pos.example.cn:5000", "127.0.0.1:8583", "[::1]:80", ":80", "h:0", "h:99999", " a:1 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ep, err := ParseEndpoint(s)
		if err != nil {
			return
		}
		if !ep.Configured() {
			t.Errorf("ParseEndpoint(%q) = %+v without error but not configured", s, ep)
		}
		back, err := ParseEndpoint(ep.Address())
		if err != nil || back.Host != ep.Host || back.Port != ep.Port {
			t.Errorf("ParseEndpoint(%q).Address() = %q does not parse back: %+v, %v", s, ep.Address(), back, err)
		}
	})
}
