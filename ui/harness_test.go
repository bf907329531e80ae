package ui

import (
	"context"
	"net/netip"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/device/sim"
	"posdoctor/store"
	"posdoctor/ui/checks"
	"posdoctor/wizard"
)

// uiQueue stands in for fyne.Do: background work queues its widget updates
// and the test goroutine runs them, so the test sees one UI thread as the
// real driver gives, and the race detector stays meaningful.
type uiQueue struct{ ch chan func() }

func newQueue() *uiQueue { return &uiQueue{ch: make(chan func(), 4096)} }

func (q *uiQueue) do(f func()) { q.ch <- f }

// drain runs what is queued now.
func (q *uiQueue) drain() {
	for {
		select {
		case f := <-q.ch:
			f()
		default:
			return
		}
	}
}

// until runs queued UI work until cond holds, failing after d.
func (q *uiQueue) until(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	poll := time.NewTicker(10 * time.Millisecond) // conditions on the store change without UI work
	defer poll.Stop()
	for {
		q.drain()
		if cond() {
			return
		}
		select {
		case f := <-q.ch:
			f()
		case <-poll.C:
		case <-deadline.C:
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
	}
}

// noPorts is a Lister with nothing attached.
type noPorts struct{}

func (noPorts) Ports() ([]device.PortInfo, error) { return nil, nil }

// env is a GUI on the test driver with its own history file and UI queue.
type env struct {
	a  *App
	q  *uiQueue
	db *store.DB
}

func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	fa := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	q := newQueue()
	opts.Catalog = catalog(t)
	opts.Version, opts.Commit = "test", "abc"
	if opts.SystemLocales == nil {
		opts.SystemLocales = []string{"zh-CN"}
	}
	opts.DB = db
	if opts.Lister == nil {
		opts.Lister = noPorts{}
	}
	opts.uiDo = q.do
	a := New(fa, opts)
	t.Cleanup(func() {
		a.Close()
		q.drain()
	})
	return &env{a: a, q: q, db: db}
}

// simEnv is a GUI attached to a simulated terminal and host.
func simEnv(t *testing.T, spec string) *env {
	t.Helper()
	d, err := sim.Start(spec)
	if err != nil {
		t.Skipf("simulator not available here: %v", err)
	}
	t.Cleanup(d.Close)
	return newEnv(t, Options{DemoPort: d.Port(), DemoHost: d.Host(), CheckTimeout: 2 * time.Second, tuneChecks: shopNetwork})
}

// shopNetwork makes the PC's network look like a shop's — a wired link, a
// gateway, a resolver — without touching any address but 127.0.0.1.
func shopNetwork(c *checks.Config) {
	c.Interfaces = func(string) ([]netcheck.Interface, error) {
		return []netcheck.Interface{{Name: "eth0", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("192.0.2.10/24")}, Medium: netcheck.MediumWired}}, nil
	}
	c.Routes = func(context.Context) ([]netcheck.Route, error) {
		return []netcheck.Route{{Iface: "eth0", Dest: netip.MustParsePrefix("0.0.0.0/0"), Gateway: netip.MustParseAddr("127.0.0.1")}}, nil
	}
	c.Nameservers = func() ([]string, error) { return []string{"127.0.0.1"}, nil }
}

// walk drives the session on screen by tapping, as an owner would: answers
// from the script, else the first choice, until the session ends.
func (e *env) walk(t *testing.T, script map[wizard.StepID]string) *wizard.Session {
	t.Helper()
	for range 80 {
		v := e.a.wizard
		if v == nil {
			t.Fatal("the wizard left the screen")
		}
		s := v.sess
		if s.Done() {
			return s
		}
		st := s.Current()
		depth := len(s.Trail())
		moved := func() bool { return v.sess.Done() || len(v.sess.Trail()) != depth || v.sess.Current().ID != st.ID }
		switch {
		case st.Kind == wizard.KindCheck:
			e.q.until(t, "checks of "+string(st.ID), 20*time.Second, func() bool { return moved() || v.finished() })
			if !moved() {
				test.Tap(v.next)
			}
		case st.Input != wizard.InputNone:
			if ans, ok := script[st.ID]; ok && ans != wizard.AnswerSkip {
				test.Type(v.input, ans)
				test.Tap(v.next)
			} else {
				test.Tap(v.answers[wizard.AnswerSkip])
			}
		default:
			id := ""
			if ans, ok := script[st.ID]; ok {
				id = ans
			} else if c := s.Choices(); len(c) > 0 {
				id = c[0].ID
			}
			b := v.answers[id]
			if b == nil {
				t.Fatalf("step %s: no button for answer %q", st.ID, id)
			}
			test.Tap(b)
		}
		e.q.drain()
		if !moved() {
			t.Fatalf("step %s did not move on", st.ID)
		}
	}
	t.Fatal("the session did not end within 80 steps")
	return nil
}
