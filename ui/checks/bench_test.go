package checks

import (
	"context"
	"net"
	"testing"
	"time"

	"posdoctor/device/netcheck"
	"posdoctor/device/sim"
	"posdoctor/wizard"
)

// BenchmarkAllHealthy runs every automatic check, cold (a new registry, so
// the link is opened and nothing is cached), against the simulated
// terminal and a healthy loopback host. Goal: ≤ 1 s an op.
func BenchmarkAllHealthy(b *testing.B) {
	w := startWorld(b, sim.ScenarioHealthy, "", sim.HostConfig{})
	cfg := loopbackNet(Config{Port: w.term.Path()})
	for b.Loop() {
		r, closeFn := Registry(context.Background(), cfg)
		res := r.RunAll(context.Background(), AutoChecks, DefaultTimeout, nil)
		closeFn()
		if res[wizard.CheckHostEcho].Outcome != wizard.Pass {
			b.Fatalf("host.echo = %v %s", res[wizard.CheckHostEcho].Outcome, res[wizard.CheckHostEcho].Detail)
		}
	}
}

// BenchmarkAllDead runs every automatic check with every dependency hung
// (terminal slower than its deadline, DNS and connects that never answer,
// a host that accepts and never replies) and a 1 s deadline. Goal: ≤ the
// deadline + 10 % an op.
func BenchmarkAllDead(b *testing.B) {
	const deadline = time.Second
	cfg := deadConfig(b, deadline)
	for b.Loop() {
		r, closeFn := Registry(context.Background(), cfg)
		r.RunAll(context.Background(), AutoChecks, deadline, nil)
		closeFn()
	}
}

// slowDialer adds latency to every connect and maps every host to
// 127.0.0.1, like a distant host reached over a slow link.
type slowDialer struct{ latency time.Duration }

func (d slowDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	t := time.NewTimer(d.latency)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	_, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	return (&net.Dialer{}).DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
}

// slowResolver answers after latency.
type slowResolver struct{ latency time.Duration }

func (r slowResolver) LookupHost(ctx context.Context, _ string) ([]string, error) {
	t := time.NewTimer(r.latency)
	defer t.Stop()
	select {
	case <-t.C:
		return []string{"127.0.0.1"}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// BenchmarkConcurrency compares RunAll with running the same checks one
// after another, in a world where every network step costs 20 ms and the
// host takes 50 ms to answer. Goal: concurrent ≥ 3× faster.
func BenchmarkConcurrency(b *testing.B) {
	w := startWorld(b, sim.ScenarioHealthy, "", sim.HostConfig{Fault: sim.HostSlow, Delay: 50 * time.Millisecond})
	cfg := loopbackNet(Config{Port: w.term.Path(),
		Host: netcheck.Endpoint{Host: "pos.example.cn", Port: w.host.Port()}})
	cfg.Dialer = slowDialer{20 * time.Millisecond}
	cfg.Resolver = slowResolver{20 * time.Millisecond}
	b.Run("concurrent", func(b *testing.B) {
		for b.Loop() {
			r, closeFn := Registry(context.Background(), cfg)
			r.RunAll(context.Background(), AutoChecks, DefaultTimeout, nil)
			closeFn()
		}
	})
	b.Run("sequential", func(b *testing.B) {
		for b.Loop() {
			r, closeFn := Registry(context.Background(), cfg)
			for _, id := range AutoChecks {
				r.Run(context.Background(), id, DefaultTimeout)
			}
			closeFn()
		}
	})
}

// BenchmarkConcurrencyDead is BenchmarkConcurrency with every dependency
// hung and a 500 ms deadline: the case the concurrent runner exists for.
func BenchmarkConcurrencyDead(b *testing.B) {
	const deadline = 500 * time.Millisecond
	cfg := deadConfig(b, deadline)
	b.Run("concurrent", func(b *testing.B) {
		for b.Loop() {
			r, closeFn := Registry(context.Background(), cfg)
			r.RunAll(context.Background(), AutoChecks, deadline, nil)
			closeFn()
		}
	})
	b.Run("sequential", func(b *testing.B) {
		for b.Loop() {
			r, closeFn := Registry(context.Background(), cfg)
			for _, id := range AutoChecks {
				r.Run(context.Background(), id, deadline)
			}
			closeFn()
		}
	})
}
