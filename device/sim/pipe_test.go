package sim_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"posdoctor/device"
	"posdoctor/device/internal/inproc"
	"posdoctor/device/sim"
)

// The pipe transport on every platform: the same Link code as a real port,
// through device.OpenWith on the pipe's path. On Linux NewTerminal uses a
// pseudo-terminal, so these tests are what keeps the pipe honest there.

var fastPipe = device.Timeouts{ACK: 100 * time.Millisecond, Gap: 100 * time.Millisecond, Reply: 300 * time.Millisecond}

func pipeLink(t *testing.T, cfg sim.TerminalConfig, tm device.Timeouts) (*sim.Terminal, *device.Link) {
	t.Helper()
	term, err := sim.NewPipeTerminal(cfg)
	if err != nil {
		t.Fatalf("NewPipeTerminal: %v", err)
	}
	t.Cleanup(func() { term.Close() })
	if !inproc.Is(term.Path()) {
		t.Fatalf("Path() = %q, want an in-process path (%s…)", term.Path(), inproc.Prefix)
	}
	l, err := device.OpenWith(term.Path(), device.LinkOptions{Timeouts: tm})
	if err != nil {
		t.Fatalf("OpenWith(%s): %v", term.Path(), err)
	}
	t.Cleanup(func() { l.Close() })
	return term, l
}

func pipeCtx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestPipeAnswers(t *testing.T) {
	tests := []struct {
		name     string
		cfg      sim.TerminalConfig
		wantFirm string
		wantKeys device.KeyState
		wantCode string
	}{
		{"healthy", sim.TerminalConfig{}, sim.CurrentFirmware, device.KeysOK, "00"},
		{"keys bad", sim.TerminalConfig{Scenario: sim.ScenarioKeysBad}, sim.CurrentFirmware, device.KeysBad, "A0"},
		{"outdated firmware", sim.TerminalConfig{Scenario: sim.ScenarioOldFirmware}, sim.OutdatedFirmware, device.KeysOK, "00"},
		{"declined 55", sim.TerminalConfig{Scenario: sim.ScenarioCode, Code: "55"}, sim.CurrentFirmware, device.KeysOK, "55"},
		{"garbage on the line is skipped", sim.TerminalConfig{Scenario: sim.ScenarioGarbage}, sim.CurrentFirmware, device.KeysOK, "00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, l := pipeLink(t, tc.cfg, device.Timeouts{})
			st, err := l.Status(pipeCtx(t))
			if err != nil {
				t.Fatalf("Status: %v", err)
			}
			if st.Firmware != tc.wantFirm || st.Keys != tc.wantKeys || st.TID != "10023456" {
				t.Errorf("Status = firmware %s keys %v TID %s; want %s %v 10023456", st.Firmware, st.Keys, st.TID, tc.wantFirm, tc.wantKeys)
			}
			lt, err := l.LastTransaction(pipeCtx(t))
			if err != nil {
				t.Fatalf("LastTransaction: %v", err)
			}
			if lt.Code != tc.wantCode {
				t.Errorf("last transaction code %q, want %q", lt.Code, tc.wantCode)
			}
		})
	}
}

func TestPipeLineFaults(t *testing.T) {
	tests := []struct {
		name    string
		cfg     sim.TerminalConfig
		wantErr error
		check   func(t *testing.T, st device.Stats)
	}{
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
			_, l := pipeLink(t, tc.cfg, fastPipe)
			if _, err := l.Status(pipeCtx(t)); !errors.Is(err, tc.wantErr) {
				t.Fatalf("Status error = %v, want %v", err, tc.wantErr)
			}
			if tc.check != nil {
				tc.check(t, l.Stats())
			}
		})
	}
}

func wantUnplugged(t *testing.T, err error) {
	t.Helper()
	var pe *device.PortError
	if !errors.As(err, &pe) || pe.Kind != device.PortUnplugged {
		t.Fatalf("error = %v, want a PortUnplugged *PortError", err)
	}
}

func TestPipeUnplug(t *testing.T) {
	t.Run("in the middle of a reply", func(t *testing.T) {
		term, l := pipeLink(t, sim.TerminalConfig{Scenario: sim.ScenarioUnplug, UnplugAfter: 5}, device.Timeouts{})
		_, err := l.Status(pipeCtx(t))
		wantUnplugged(t, err)
		var pe *device.PortError
		if _, err := device.Open(term.Path()); !errors.As(err, &pe) || pe.Kind != device.PortNotFound {
			t.Errorf("Open after unplug error = %v, want PortNotFound", err)
		}
	})
	t.Run("while idle, then replug under a new path", func(t *testing.T) {
		term, l := pipeLink(t, sim.TerminalConfig{}, device.Timeouts{})
		first := term.Path()
		if err := term.Unplug(); err != nil {
			t.Fatal(err)
		}
		_, err := l.Status(pipeCtx(t))
		wantUnplugged(t, err)
		if err := term.Plug(); err != nil {
			t.Fatal(err)
		}
		if term.Path() == first {
			t.Errorf("replugged path %q is the old one", first)
		}
		l2, err := device.Open(term.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer l2.Close()
		if _, err := l2.Status(pipeCtx(t)); err != nil {
			t.Errorf("Status after replug: %v", err)
		}
	})
	t.Run("during a call returns within 1 s", func(t *testing.T) {
		term, l := pipeLink(t, sim.TerminalConfig{Scenario: sim.ScenarioSlow, SlowDelay: time.Minute}, device.Timeouts{})
		errc := make(chan error, 1)
		go func() { _, err := l.Status(pipeCtx(t)); errc <- err }()
		waitRequest(t, term)
		term.Unplug()
		select {
		case err := <-errc:
			wantUnplugged(t, err)
		case <-time.After(time.Second):
			t.Fatal("Status still blocked 1 s after unplug")
		}
	})
}

func TestPipeOpenClose(t *testing.T) {
	term, l := pipeLink(t, sim.TerminalConfig{}, device.Timeouts{})
	var pe *device.PortError
	if _, err := device.Open(term.Path()); !errors.As(err, &pe) || pe.Kind != device.PortBusy {
		t.Errorf("second Open error = %v, want PortBusy (a COM port opens once)", err)
	}
	errc := make(chan error, 1)
	// Close from another goroutine during a call: ErrClosed, not unplugged.
	slow, ls := pipeLink(t, sim.TerminalConfig{Scenario: sim.ScenarioSlow, SlowDelay: time.Minute}, device.Timeouts{})
	go func() { _, err := ls.Status(pipeCtx(t)); errc <- err }()
	waitRequest(t, slow)
	ls.Close()
	select {
	case err := <-errc:
		if !errors.Is(err, device.ErrClosed) {
			t.Errorf("Status error = %v, want ErrClosed", err)
		}
	case <-time.After(time.Second):
		t.Fatal("Status still blocked 1 s after Close")
	}
	// After Close the path opens again and works.
	l.Close()
	l2, err := device.Open(term.Path())
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	defer l2.Close()
	if _, err := l2.SignIn(pipeCtx(t)); err != nil {
		t.Errorf("SignIn over the reopened pipe: %v", err)
	}
	if _, err := device.Open(inproc.Prefix + "nobody-1"); !errors.As(err, &pe) || pe.Kind != device.PortNotFound {
		t.Errorf("Open of an unknown pipe error = %v, want PortNotFound", err)
	}
}

// waitRequest polls until the terminal has a request in hand.
func waitRequest(t *testing.T, term *sim.Terminal) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for term.Requests() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("terminal got no request within 5 s")
		}
		time.Sleep(time.Millisecond) // polling, not waiting for a result
	}
}
