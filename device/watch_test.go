package device

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// next waits for the next event, failing the test after a deadline.
func next(t *testing.T, w *Watcher) Event {
	t.Helper()
	select {
	case e, ok := <-w.Events():
		if !ok {
			t.Fatal("events closed")
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5 s")
	}
	return Event{}
}

type seen struct {
	Kind    EventKind
	Port    string
	OldPath string
}

func TestWatcher(t *testing.T) {
	l := &fakeLister{ports: []PortInfo{ttyS0, pax}}
	w := Watch(context.Background(), l, 10*time.Millisecond)
	defer w.Close()

	var got []seen
	for range 2 {
		e := next(t, w)
		got = append(got, seen{e.Kind, e.Candidate.Port.Name, e.OldPath})
	}
	// Unplug the terminal, then plug it back in under another name.
	l.set(ttyS0)
	e := next(t, w)
	got = append(got, seen{e.Kind, e.Candidate.Port.Name, e.OldPath})
	moved := pax
	moved.Name = "/dev/ttyACM1"
	l.set(ttyS0, moved)
	e = next(t, w)
	got = append(got, seen{e.Kind, e.Candidate.Port.Name, e.OldPath})

	want := []seen{
		{Attached, "/dev/ttyACM0", ""}, // sorted best first
		{Attached, "/dev/ttyS0", ""},
		{Detached, "/dev/ttyACM0", ""},
		{Moved, "/dev/ttyACM1", "/dev/ttyACM0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestWatcherListFailedOnce(t *testing.T) {
	l := &fakeLister{err: errors.New("enumeration broke")}
	w := Watch(context.Background(), l, 5*time.Millisecond)
	defer w.Close()
	if e := next(t, w); e.Kind != ListFailed || e.Err == nil {
		t.Fatalf("event = %+v, want ListFailed", e)
	}
	l.mu.Lock()
	l.err = nil
	l.ports = []PortInfo{pax}
	l.mu.Unlock()
	if e := next(t, w); e.Kind != Attached {
		t.Fatalf("event after recovery = %v, want Attached (no repeated ListFailed)", e.Kind)
	}
}

func TestWatcherStops(t *testing.T) {
	t.Run("Close", func(t *testing.T) {
		w := Watch(context.Background(), &fakeLister{ports: []PortInfo{pax}}, time.Millisecond)
		w.Close() // returns only once the goroutine exited
		for range w.Events() {
		}
		w.Close() // twice is fine
	})
	t.Run("ctx cancel with nobody reading", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		l := &fakeLister{}
		for i := range 100 { // more events than the channel holds
			l.ports = append(l.ports, PortInfo{Name: "/dev/ttyS" + string(rune('a'+i%26)) + string(rune('a'+i/26))})
		}
		w := Watch(ctx, l, time.Millisecond)
		cancel()
		select {
		case <-w.done:
		case <-time.After(5 * time.Second):
			t.Fatal("watcher goroutine still running 5 s after cancel")
		}
	})
}

func TestIdentityTwinsWithoutSerial(t *testing.T) {
	a := PortInfo{Name: "/dev/ttyUSB0", IsUSB: true, VID: "1A86", PID: "7523"}
	b := a
	b.Name = "/dev/ttyUSB1"
	l := &fakeLister{ports: []PortInfo{a, b}}
	w := Watch(context.Background(), l, 5*time.Millisecond)
	defer w.Close()
	e1, e2 := next(t, w), next(t, w)
	if e1.Kind != Attached || e2.Kind != Attached || e1.Candidate.Port.Name == e2.Candidate.Port.Name {
		t.Errorf("events = %v %s, %v %s; want two distinct Attached", e1.Kind, e1.Candidate.Port.Name, e2.Kind, e2.Candidate.Port.Name)
	}
	select {
	case e := <-w.Events():
		t.Errorf("unexpected event %v %s for unchanged twins", e.Kind, e.Candidate.Port.Name)
	case <-time.After(50 * time.Millisecond): // several polls with no change
	}
}
