package checks

import (
	"context"
	"net"
	"testing"

	"posdoctor/device/netcheck"
	"posdoctor/wizard"
)

// TestNoHostTestsLakala: with no acquirer host anywhere, host.tcp says
// whether the shop's internet reaches Lakala's public addresses, and
// net.dns looks up one of their names (issue 19 §5). Every name resolves
// to loopback here; the dialer refuses anything else.
func TestNoHostTestsLakala(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	tests := []struct {
		name        string
		resolve     fakeResolver
		wantTCP     wizard.Outcome
		wantSummary string
		wantDNS     wizard.Outcome
	}{
		{"reaches Lakala", fakeResolver{"s2.lakala.com": {"127.0.0.1"}, "pay.lakala.com": {"127.0.0.1"}}, wizard.Pass, "check.host.public.pass", wizard.Pass},
		{"partly", fakeResolver{"s2.lakala.com": {"127.0.0.1"}}, wizard.Warn, "check.host.public.partial", wizard.Pass},
		{"names do not resolve", fakeResolver{}, wizard.Fail, "check.host.public.dns", wizard.Fail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loopbackNet(Config{Port: "/nonexistent/tty"})
			cfg.Resolver = tt.resolve
			cfg.PublicServices = []netcheck.Service{{Host: "s2.lakala.com", Port: port}, {Host: "pay.lakala.com", Port: port}}
			r := registry(t, cfg)
			got := r.RunAll(context.Background(), []wizard.CheckID{wizard.CheckHostTCP, wizard.CheckNetDNS}, DefaultTimeout, nil)
			if res := got[wizard.CheckHostTCP]; res.Outcome != tt.wantTCP || res.Summary != tt.wantSummary {
				t.Errorf("host.tcp = %v %s; want %v %s (%s)", res.Outcome, res.Summary, tt.wantTCP, tt.wantSummary, res.Detail)
			}
			if res := got[wizard.CheckNetDNS]; res.Outcome != tt.wantDNS {
				t.Errorf("net.dns = %v %s; want %v", res.Outcome, res.Summary, tt.wantDNS)
			}
		})
	}
}
