package device_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"testing"
	"time"

	"posdoctor/device"
	"posdoctor/device/internal/wire"
	"posdoctor/device/sim"
	"posdoctor/device/unionpay"
	"posdoctor/wizard/outcome"
)

// fast are timings short enough for tests of timeouts.
var fast = device.Timeouts{ACK: 100 * time.Millisecond, Gap: 100 * time.Millisecond, Reply: 300 * time.Millisecond}

// newSim starts a simulated terminal and opens a link to it through the
// real serial library.
func newSim(t testing.TB, cfg sim.TerminalConfig, tm device.Timeouts) (*sim.Terminal, *device.Link) {
	t.Helper()
	term, err := sim.NewTerminal(cfg)
	if errors.Is(err, sim.ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatalf("NewTerminal: %v", err)
	}
	t.Cleanup(func() { term.Close() })
	l, err := device.OpenWith(term.Path(), device.LinkOptions{Timeouts: tm})
	if err != nil {
		t.Fatalf("OpenWith(%s): %v", term.Path(), err)
	}
	t.Cleanup(func() { l.Close() })
	return term, l
}

func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestScenariosEvaluate(t *testing.T) {
	tests := []struct {
		scenario string
		eval     func(device.Status, device.LastTxn) device.Evaluation
		want     outcome.Outcome
		wantKey  string
	}{
		{sim.ScenarioHealthy, func(s device.Status, _ device.LastTxn) device.Evaluation { return device.EvalSignIn(s, time.Now()) }, outcome.Pass, "device.eval.signin.ok"},
		{sim.ScenarioNotSignedIn, func(s device.Status, _ device.LastTxn) device.Evaluation { return device.EvalSignIn(s, time.Now()) }, outcome.Fail, "device.eval.signin.stale"},
		{sim.ScenarioKeysBad, func(s device.Status, _ device.LastTxn) device.Evaluation { return device.EvalSignIn(s, time.Now()) }, outcome.Fail, "device.eval.signin.keysbad"},
		{sim.ScenarioClockOff, func(s device.Status, _ device.LastTxn) device.Evaluation {
			_, e := device.ClockOffset(s, time.Now())
			return e
		}, outcome.Fail, "device.eval.clock.off"},
		{sim.ScenarioOldFirmware, func(s device.Status, _ device.LastTxn) device.Evaluation { return device.EvalFirmware(s, "V2.0", "") }, outcome.Fail, "device.eval.firmware.old"},
		{sim.ScenarioReaderFault, func(s device.Status, _ device.LastTxn) device.Evaluation { return device.EvalHardware(s) }, outcome.Fail, "device.eval.hw.fault"},
		{sim.ScenarioNoPaper, func(s device.Status, _ device.LastTxn) device.Evaluation { return device.EvalHardware(s) }, outcome.Fail, "device.eval.hw.nopaper"},
		{sim.ScenarioWeakSignal, func(s device.Status, _ device.LastTxn) device.Evaluation { return device.EvalNetwork(s) }, outcome.Warn, "device.eval.net.weak"},
		{sim.ScenarioHealthy, func(_ device.Status, lt device.LastTxn) device.Evaluation { return device.EvalLastTxn(lt) }, outcome.Pass, "device.eval.lasttxn.approved"},
		{sim.ScenarioKeysBad, func(_ device.Status, lt device.LastTxn) device.Evaluation { return device.EvalLastTxn(lt) }, outcome.Fail, "device.eval.lasttxn.code"},
	}
	for _, tc := range tests {
		t.Run(tc.scenario+" "+tc.wantKey, func(t *testing.T) {
			_, l := newSim(t, sim.TerminalConfig{Scenario: tc.scenario}, device.Timeouts{})
			s, err := l.Status(ctx(t))
			if err != nil {
				t.Fatalf("Status: %v", err)
			}
			lt, err := l.LastTransaction(ctx(t))
			if err != nil {
				t.Fatalf("LastTransaction: %v", err)
			}
			if got := tc.eval(s, lt); got.Level != tc.want || got.Key != tc.wantKey {
				t.Errorf("evaluation = %v %s, want %v %s", got.Level, got.Key, tc.want, tc.wantKey)
			}
		})
	}
}

func TestLastTransactionIsRealISO(t *testing.T) {
	for _, code := range []string{"12", "55", "A0", "96"} {
		t.Run(code, func(t *testing.T) {
			_, l := newSim(t, sim.TerminalConfig{Scenario: sim.ScenarioCode, Code: code}, device.Timeouts{})
			lt, err := l.LastTransaction(ctx(t))
			if err != nil {
				t.Fatalf("LastTransaction: %v", err)
			}
			d, err := unionpay.Decode(lt.Raw)
			if err != nil {
				t.Fatalf("unionpay.Decode(% X): %v", lt.Raw, err)
			}
			if d.Code != code || lt.Code != code {
				t.Errorf("decoded code = %q, terminal code = %q, want %q", d.Code, lt.Code, code)
			}
			if lt.Local != device.LocalDeclined {
				t.Errorf("Local = %v, want declined", lt.Local)
			}
		})
	}
}

func TestSignInFixesTerminal(t *testing.T) {
	_, l := newSim(t, sim.TerminalConfig{Scenario: sim.ScenarioNotSignedIn}, device.Timeouts{})
	r, err := l.SignIn(ctx(t))
	if err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	if r.Keys != device.KeysOK {
		t.Errorf("SignIn keys = %v, want ok", r.Keys)
	}
	s, err := l.Status(ctx(t))
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if e := device.EvalSignIn(s, time.Now()); e.Level != outcome.Pass {
		t.Errorf("after sign-in: %v %s, want ok", e.Level, e.Key)
	}
}

func TestScenarioChangesWhileRunning(t *testing.T) {
	term, l := newSim(t, sim.TerminalConfig{}, device.Timeouts{})
	if err := term.SetScenario(sim.ScenarioNoPaper, ""); err != nil {
		t.Fatal(err)
	}
	s, err := l.Status(ctx(t))
	if err != nil || s.Paper != device.PaperOut {
		t.Errorf("Status after switch = paper %v, %v; want out", s.Paper, err)
	}
	term.SetHost("127.0.0.1:7000")
	if s, _ := l.Status(ctx(t)); s.Host != "127.0.0.1:7000" {
		t.Errorf("Host = %q, want the new one", s.Host)
	}
}

func TestLineFaults(t *testing.T) {
	tests := []struct {
		name    string
		cfg     sim.TerminalConfig
		wantErr error
		check   func(t *testing.T, st device.Stats)
	}{
		{name: "garbage is skipped and counted", cfg: sim.TerminalConfig{Scenario: sim.ScenarioGarbage},
			check: func(t *testing.T, st device.Stats) {
				if st.Garbage == 0 {
					t.Errorf("Stats.Garbage = 0, want > 0")
				}
			}},
		{name: "NAK storm gives up after 3 resends", cfg: sim.TerminalConfig{Scenario: sim.ScenarioNAKStorm}, wantErr: device.ErrNoAck,
			check: func(t *testing.T, st device.Stats) {
				if st.Resends != 3 {
					t.Errorf("Stats.Resends = %d, want 3", st.Resends)
				}
			}},
		{name: "bad LRC is NAKed 3 times", cfg: sim.TerminalConfig{Scenario: sim.ScenarioBadLRC}, wantErr: device.ErrBadReply,
			check: func(t *testing.T, st device.Stats) {
				if st.NAKs != 3 {
					t.Errorf("Stats.NAKs = %d, want 3", st.NAKs)
				}
			}},
		{name: "slow terminal times out", cfg: sim.TerminalConfig{Scenario: sim.ScenarioSlow, SlowDelay: 2 * time.Second}, wantErr: device.ErrNoAck},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, l := newSim(t, tc.cfg, fast)
			_, err := l.Status(ctx(t))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Status error = %v, want %v", err, tc.wantErr)
			}
			if tc.check != nil {
				tc.check(t, l.Stats())
			}
		})
	}
}

func TestUnplug(t *testing.T) {
	t.Run("in the middle of a reply", func(t *testing.T) {
		term, l := newSim(t, sim.TerminalConfig{Scenario: sim.ScenarioUnplug, UnplugAfter: 5}, device.Timeouts{})
		_, err := l.Status(ctx(t))
		var pe *device.PortError
		if !errors.As(err, &pe) || pe.Kind != device.PortUnplugged {
			t.Fatalf("Status error = %v, want PortUnplugged", err)
		}
		// No check that the node is gone: pseudo-terminal numbers are
		// reused at once by other test processes running in parallel, so
		// /dev/pts/N may exist again, someone else's (a flake CI's three
		// runs caught).
		_ = term
	})
	t.Run("while idle", func(t *testing.T) {
		term, l := newSim(t, sim.TerminalConfig{}, device.Timeouts{})
		if err := term.Unplug(); err != nil {
			t.Fatal(err)
		}
		_, err := l.Status(ctx(t))
		var pe *device.PortError
		if !errors.As(err, &pe) || pe.Kind != device.PortUnplugged {
			t.Fatalf("Status error = %v, want PortUnplugged", err)
		}
	})
	t.Run("replug gives a working port", func(t *testing.T) {
		term, _ := newSim(t, sim.TerminalConfig{}, device.Timeouts{})
		term.Unplug()
		if err := term.Plug(); err != nil {
			t.Fatal(err)
		}
		l, err := device.Open(term.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		if _, err := l.Status(ctx(t)); err != nil {
			t.Errorf("Status after replug: %v", err)
		}
	})
	t.Run("during a call returns within 1 s", func(t *testing.T) {
		term, l := newSim(t, sim.TerminalConfig{Scenario: sim.ScenarioSlow, SlowDelay: time.Minute}, device.Timeouts{})
		errc := make(chan error, 1)
		go func() { _, err := l.Status(ctx(t)); errc <- err }()
		waitForRead(t, term)
		term.Unplug()
		select {
		case err := <-errc:
			var pe *device.PortError
			if !errors.As(err, &pe) || pe.Kind != device.PortUnplugged {
				t.Errorf("Status error = %v, want PortUnplugged", err)
			}
		case <-time.After(time.Second):
			t.Fatal("Status still blocked 1 s after unplug")
		}
	})
}

// waitForRead gives a call time to reach its blocking read: it polls
// until the terminal has the request (the slow scenario holds it).
func waitForRead(t *testing.T, term *sim.Terminal) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for term.Requests() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("terminal got no request within 5 s")
		}
		time.Sleep(time.Millisecond) // polling, not waiting for a result
	}
}

func TestCancelAndClose(t *testing.T) {
	t.Run("cancel returns within 1 s", func(t *testing.T) {
		term, l := newSim(t, sim.TerminalConfig{Scenario: sim.ScenarioSlow, SlowDelay: time.Minute}, device.Timeouts{})
		c, cancel := context.WithCancel(context.Background())
		errc := make(chan error, 1)
		go func() { _, err := l.Status(c); errc <- err }()
		waitForRead(t, term)
		cancel()
		select {
		case err := <-errc:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Status error = %v, want context.Canceled", err)
			}
		case <-time.After(time.Second):
			t.Fatal("Status still blocked 1 s after cancel")
		}
	})
	t.Run("Close from another goroutine", func(t *testing.T) {
		term, l := newSim(t, sim.TerminalConfig{Scenario: sim.ScenarioSlow, SlowDelay: time.Minute}, device.Timeouts{})
		errc := make(chan error, 1)
		go func() { _, err := l.Status(ctx(t)); errc <- err }()
		waitForRead(t, term)
		l.Close()
		select {
		case err := <-errc:
			if !errors.Is(err, device.ErrClosed) {
				t.Errorf("Status error = %v, want ErrClosed (not unplugged)", err)
			}
		case <-time.After(time.Second):
			t.Fatal("Status still blocked 1 s after Close")
		}
	})
	t.Run("call after Close", func(t *testing.T) {
		_, l := newSim(t, sim.TerminalConfig{}, device.Timeouts{})
		l.Close()
		if _, err := l.Status(ctx(t)); !errors.Is(err, device.ErrClosed) {
			t.Errorf("Status after Close error = %v, want ErrClosed", err)
		}
		if err := l.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
	})
}

func TestOpenErrors(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("paths and errors below are Linux's")
	}
	file := t.TempDir() + "/not-a-tty"
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		want device.PortKind
	}{
		{name: "missing", path: "/dev/ttyACM_posdoctor_missing", want: device.PortNotFound},
		{name: "regular file", path: file, want: device.PortNotSerial},
		{name: "not a tty", path: "/dev/null", want: device.PortNotSerial},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := device.Open(tc.path)
			var pe *device.PortError
			if !errors.As(err, &pe) || pe.Kind != tc.want {
				t.Fatalf("Open(%s) error = %v, want kind %v", tc.path, err, tc.want)
			}
			if pe.Port != tc.path {
				t.Errorf("PortError.Port = %q, want %q", pe.Port, tc.path)
			}
		})
	}
}

func TestOpenBusyNamesHolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("port holders are read from /proc: Linux only")
	}
	term, err := sim.NewTerminal(sim.TerminalConfig{})
	if errors.Is(err, sim.ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	// The holder is `sleep` itself with the port as its standard input,
	// opened here and handed over: no shell ever holds the port, so the
	// name Holders finds can only be sleep's.
	port, err := os.OpenFile(term.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sleep", "30")
	cmd.Stdin = port
	err = cmd.Start()
	port.Close() // only the child holds it now
	if err != nil {
		t.Skipf("cannot start a holder process: %v", err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	deadline := time.Now().Add(5 * time.Second)
	for len(device.Holders(term.Path())) == 0 {
		if time.Now().After(deadline) {
			t.Skip("holder process not visible in /proc")
		}
		time.Sleep(time.Millisecond) // polling for the child to open the port
	}
	_, err = device.Open(term.Path())
	var pe *device.PortError
	if !errors.As(err, &pe) || pe.Kind != device.PortBusy {
		t.Fatalf("Open error = %v, want PortBusy", err)
	}
	if want := "sleep (pid "; len(pe.Holder) < len(want) || pe.Holder[:len(want)] != want {
		t.Errorf("Holder = %q, want it to name sleep", pe.Holder)
	}
}

// TestDetectPickOpen is the app's way in (ui/checks): Detect, Pick the
// chosen port first, OpenWith it; a cable alone is no terminal.
func TestDetectPickOpen(t *testing.T) {
	term, err := sim.NewTerminal(sim.TerminalConfig{})
	if errors.Is(err, sim.ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	// The simulator's port as an unknown USB device the user picked.
	unknown := device.PortInfo{Name: term.Path(), IsUSB: true, VID: "1D6B", PID: "0104", Serial: "Z"}
	cable := device.PortInfo{Name: "/dev/ttyUSB9", IsUSB: true, VID: "1A86", PID: "7523"}
	cands, err := device.Detect(ctx(t), fixedLister{cable, unknown}, device.Choose(unknown, "counter"))
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	best, err := device.Pick(cands)
	if err != nil {
		t.Fatalf("Pick: %v", err)
	}
	l, err := device.OpenWith(best.Port.Name, device.LinkOptions{})
	if err != nil {
		t.Fatalf("OpenWith: %v", err)
	}
	defer l.Close()
	if best.Kind != device.KindChosen || len(cands) != 2 || l.Path() != term.Path() {
		t.Errorf("picked %v %s of %d, want the chosen simulator port", best.Kind, l.Path(), len(cands))
	}
	cands, err = device.Detect(ctx(t), fixedLister{cable})
	if _, perr := device.Pick(cands); err != nil || !errors.Is(perr, device.ErrNoTerminal) || len(cands) != 1 {
		t.Errorf("cable only: %d candidates, %v, Pick %v; want the cable and ErrNoTerminal", len(cands), err, perr)
	}
}

type fixedLister []device.PortInfo

func (f fixedLister) Ports() ([]device.PortInfo, error) { return f, nil }

// scriptedPort answers each write with the next canned reply, and reads
// time out (0, nil) when it has nothing to say, as a serial port does.
type scriptedPort struct {
	mu      sync.Mutex
	replies [][]byte
	in      []byte
	written [][]byte
	resets  int
}

func (p *scriptedPort) Read(b []byte) (int, error) {
	p.mu.Lock()
	n := copy(b, p.in)
	p.in = p.in[n:]
	p.mu.Unlock()
	if n == 0 {
		time.Sleep(time.Millisecond) // the port's read timeout, shortened
	}
	return n, nil
}

func (p *scriptedPort) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.written = append(p.written, append([]byte(nil), b...))
	if len(b) > 1 && len(p.replies) > 0 { // a frame, not our ACK/NAK
		p.in = append(p.in, p.replies[0]...)
		p.replies = p.replies[1:]
	}
	return len(b), nil
}

func (p *scriptedPort) Close() error                       { return nil }
func (p *scriptedPort) SetReadTimeout(time.Duration) error { return nil }
func (p *scriptedPort) ResetInputBuffer() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.resets++
	p.in = nil
	return nil
}

func TestExchangeScripted(t *testing.T) {
	reply, _ := wire.AppendFrame(nil, device.MarshalSignIn(device.SignInResult{Keys: device.KeysOK}))
	tests := []struct {
		name        string
		replies     [][]byte
		stale       []byte
		wantErr     error
		wantResends int
	}{
		{name: "reply without ACK", replies: [][]byte{reply}},
		{name: "stale NAK from an abandoned call is dropped", stale: []byte{wire.NAK}, replies: [][]byte{append([]byte{wire.ACK}, reply...)}},
		{name: "NAK then ACK", replies: [][]byte{{wire.NAK}, append([]byte{wire.ACK}, reply...)}, wantResends: 1},
		{name: "silence", replies: nil, wantErr: device.ErrNoAck, wantResends: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &scriptedPort{replies: tc.replies, in: tc.stale}
			l := device.NewLink(p, "fake", device.LinkOptions{Timeouts: fast})
			r, err := l.SignIn(ctx(t))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("SignIn error = %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr == nil && r.Keys != device.KeysOK {
				t.Errorf("SignIn keys = %v, want ok", r.Keys)
			}
			if got := l.Stats().Resends; got != tc.wantResends {
				t.Errorf("Stats.Resends = %d, want %d", got, tc.wantResends)
			}
			if p.resets != 1 {
				t.Errorf("input buffer reset %d times, want once per call", p.resets)
			}
		})
	}
}

func TestModemLines(t *testing.T) {
	_, l := newSim(t, sim.TerminalConfig{}, device.Timeouts{})
	// A pseudo-terminal has no modem lines (ENOTTY), like many USB terminals.
	if _, err := l.ModemLines(); !errors.Is(err, device.ErrNoModemLines) {
		t.Errorf("ModemLines on a PTY error = %v, want ErrNoModemLines", err)
	}
	l.Close()
	if _, err := l.ModemLines(); !errors.Is(err, device.ErrClosed) {
		t.Errorf("ModemLines after Close error = %v, want ErrClosed", err)
	}
	if _, err := device.NewLink(&scriptedPort{}, "fake", device.LinkOptions{}).ModemLines(); !errors.Is(err, device.ErrNoModemLines) {
		t.Errorf("ModemLines on a port without them error = %v, want ErrNoModemLines", err)
	}
}
