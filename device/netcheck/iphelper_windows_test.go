//go:build windows

package netcheck

import (
	"context"
	"testing"
)

// TestSystemIPHelper calls the real IP helper functions (under Wine in CI:
// .ci/wine-test.sh). What a machine's table holds varies; the calls must
// work and every route must be a well-formed IPv4 route.
func TestSystemIPHelper(t *testing.T) {
	routes, err := SystemRoutes(context.Background())
	if err != nil {
		t.Fatalf("SystemRoutes: %v", err)
	}
	for _, r := range routes {
		if !r.Dest.IsValid() || !r.Dest.Addr().Is4() || r.Iface == "" || (r.Gateway.IsValid() && !r.Gateway.Is4()) {
			t.Errorf("malformed route %+v", r)
		}
	}
	gw, ok := DefaultGateway(routes)
	t.Logf("%d IPv4 routes; default gateway %v (%v)", len(routes), gw.Gateway, ok)
	servers, err := SystemNameservers()
	if err != nil {
		t.Fatalf("SystemNameservers: %v", err)
	}
	t.Logf("DNS servers %v", servers)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := SystemRoutes(ctx); err == nil {
		t.Error("SystemRoutes with a cancelled context succeeded")
	}
}
