package device_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"posdoctor/device"
	"posdoctor/device/sim"
)

// simLister lists a simulated terminal as a known USB terminal while its
// device node exists (the enumerator never lists pseudo-terminals).
type simLister struct{ term *sim.Terminal }

func (s simLister) Ports() ([]device.PortInfo, error) {
	p := s.term.Path()
	if _, err := os.Stat(p); err != nil {
		return nil, nil
	}
	return []device.PortInfo{{Name: p, IsUSB: true, VID: "2FB8", PID: "2205", Serial: "SIM1"}}, nil
}

// BenchmarkDetectOpenStatus is the app's first contact: detect, open, ask
// for status, close. Goal: under 50 ms.
func BenchmarkDetectOpenStatus(b *testing.B) {
	term, err := sim.NewTerminal(sim.TerminalConfig{})
	if errors.Is(err, sim.ErrUnsupported) {
		b.Skip(err)
	}
	if err != nil {
		b.Fatal(err)
	}
	defer term.Close()
	ctx := context.Background()
	for b.Loop() {
		cands, err := device.Detect(ctx, simLister{term})
		if err != nil {
			b.Fatal(err)
		}
		best, err := device.Pick(cands)
		if err != nil {
			b.Fatal(err)
		}
		l, err := device.OpenWith(best.Port.Name, device.LinkOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.Status(ctx); err != nil {
			b.Fatal(err)
		}
		l.Close()
	}
}

// BenchmarkUnplugNotice measures how long after an unplug the app knows:
// "watcher-ms" for an idle terminal (Watcher at its default interval, goal
// under 1500 ms) and "link-ms" for a call in progress.
func BenchmarkUnplugNotice(b *testing.B) {
	var watcherTotal, linkTotal time.Duration
	for b.Loop() {
		watcherTotal += unplugWatcher(b)
		linkTotal += unplugLink(b)
	}
	b.ReportMetric(float64(watcherTotal.Milliseconds())/float64(b.N), "watcher-ms")
	b.ReportMetric(float64(linkTotal.Microseconds())/1000/float64(b.N), "link-ms")
}

func unplugWatcher(b *testing.B) time.Duration {
	term, err := sim.NewTerminal(sim.TerminalConfig{})
	if err != nil {
		b.Fatal(err)
	}
	defer term.Close()
	w := device.Watch(context.Background(), simLister{term}, 0)
	defer w.Close()
	if e := <-w.Events(); e.Kind != device.Attached {
		b.Fatalf("first event %v, want attached", e.Kind)
	}
	start := time.Now()
	term.Unplug()
	for e := range w.Events() {
		if e.Kind == device.Detached {
			return time.Since(start)
		}
	}
	b.Fatal("watcher stopped without a detach")
	return 0
}

func unplugLink(b *testing.B) time.Duration {
	term, err := sim.NewTerminal(sim.TerminalConfig{Scenario: sim.ScenarioSlow, SlowDelay: time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	defer term.Close()
	l, err := device.Open(term.Path())
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	errc := make(chan error, 1)
	go func() { _, err := l.Status(context.Background()); errc <- err }()
	for term.Requests() == 0 {
		time.Sleep(100 * time.Microsecond)
	}
	start := time.Now()
	term.Unplug()
	err = <-errc
	d := time.Since(start)
	var pe *device.PortError
	if !errors.As(err, &pe) || pe.Kind != device.PortUnplugged {
		b.Fatalf("Status error = %v, want PortUnplugged", err)
	}
	return d
}
