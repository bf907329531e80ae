package netcheck

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/wizard/outcome"
)

// TestShippedLakalaServices: the list in assets parses, names Lakala
// hosts only, and gives a source for every one.
func TestShippedLakalaServices(t *testing.T) {
	svcs, err := ParseServices(assets.LakalaServices())
	if err != nil {
		t.Fatalf("ParseServices(assets) error %v", err)
	}
	if len(svcs) < 2 {
		t.Fatalf("%d services; want at least 2", len(svcs))
	}
	for _, s := range svcs {
		if s.Source == "" || s.Name == "" {
			t.Errorf("%s: no name or source", s.Host)
		}
		if s.Host != "lakala.com" && !hasSuffix(s.Host, ".lakala.com") {
			t.Errorf("%s is not a lakala.com address", s.Host)
		}
	}
}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

func TestParseServiceList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"s2.lakala.com", []string{"s2.lakala.com:443"}},
		{"s2.lakala.com:443, 127.0.0.1:8443\npay.lakala.com", []string{"s2.lakala.com:443", "127.0.0.1:8443", "pay.lakala.com:443"}},
		{"[::1]:443，s2.lakala.com", []string{"[::1]:443", "s2.lakala.com:443"}},
	}
	for _, tt := range tests {
		got, err := ParseServiceList(tt.in)
		if err != nil {
			t.Errorf("ParseServiceList(%q) error %v", tt.in, err)
			continue
		}
		var addrs []string
		for _, s := range got {
			addrs = append(addrs, s.Address())
		}
		if diff := cmp.Diff(tt.want, addrs); diff != "" {
			t.Errorf("ParseServiceList(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	for _, bad := range []string{"host:0", "host:99999", "http://s2.lakala.com/", ":443"} {
		if got, err := ParseServiceList(bad); !errors.Is(err, ErrNoEndpoint) {
			t.Errorf("ParseServiceList(%q) = %v, %v; want ErrNoEndpoint", bad, got, err)
		}
	}
}

// loopbackOnly dials loopback addresses and fails the test for any other:
// these tests never send traffic off the machine.
type loopbackOnly struct{ t *testing.T }

func (d loopbackOnly) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !ap.Addr().IsLoopback() {
		d.t.Errorf("dialled %s: not a loopback address", address)
		return nil, errors.New("not loopback")
	}
	return (&net.Dialer{}).DialContext(ctx, network, address)
}

// mapResolver answers names from a table; others are not found.
type mapResolver map[string][]string

func (m mapResolver) LookupHost(_ context.Context, host string) ([]string, error) {
	if a, ok := m[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// TestProbeServices: the shop's internet reaches Lakala / partly / does
// not / cannot even look the names up, all on loopback through a fake
// resolver.
func TestProbeServices(t *testing.T) {
	_, open1 := listen(t)
	_, open2 := listen(t)
	closed := closedPort(t)
	res := mapResolver{"s2.lakala.com": {"127.0.0.1"}, "pay.lakala.com": {"127.0.0.1"}}
	svc := func(host string, port int) Service { return Service{Host: host, Port: port} }
	tests := []struct {
		name        string
		svcs        []Service
		wantLevel   outcome.Outcome
		wantSummary string
		wantKeys    []string
	}{
		{"all reached", []Service{svc("s2.lakala.com", open1), svc("pay.lakala.com", open2)}, outcome.Pass, "check.host.public.pass",
			[]string{"evidence.public.reached", "evidence.public.reached", "evidence.public.note"}},
		{"one refused", []Service{svc("s2.lakala.com", open1), svc("pay.lakala.com", closed)}, outcome.Warn, "check.host.public.partial",
			[]string{"evidence.public.reached", "evidence.public.refused", "evidence.public.note"}},
		{"none reached", []Service{svc("127.0.0.1", closed), svc("pay.lakala.com", closed)}, outcome.Fail, "check.host.public.fail",
			[]string{"evidence.public.refused", "evidence.public.refused", "evidence.public.note"}},
		{"no name resolves", []Service{svc("www.lakala.com", 443), svc("open.lakala.com", 443)}, outcome.Fail, "check.host.public.dns",
			[]string{"evidence.public.noname", "evidence.public.noname", "evidence.public.note"}},
		{"nothing to test", nil, outcome.Skipped, "check.host.not_configured", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			ps := ProbeServices(ctx, loopbackOnly{t}, res, tt.svcs, 2*time.Second)
			v := EvaluateServices(ps)
			if v.Level != tt.wantLevel || v.Summary != tt.wantSummary {
				t.Errorf("verdict %s %q; want %s %q (detail %s)", v.Level, v.Summary, tt.wantLevel, tt.wantSummary, v.Detail)
			}
			var keys []string
			for _, f := range v.Evidence {
				keys = append(keys, f.Key)
			}
			if diff := cmp.Diff(tt.wantKeys, keys); diff != "" {
				t.Errorf("evidence keys (-want +got):\n%s", diff)
			}
			if len(tt.svcs) > 0 && v.Args["total"] != strconv.Itoa(len(tt.svcs)) {
				t.Errorf("args %v; want total %d", v.Args, len(tt.svcs))
			}
		})
	}
}
